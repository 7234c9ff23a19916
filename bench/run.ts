/**
 * The benchmark runner (`npm run bench`). Every scenario runs in fresh processes: the system under
 * test pinned on CPU 0, the simulator and the load generator (wrk, or the soak client) on CPU 1.
 * Figures are reported as ratios to the graphql-yoga `{ hello }` baseline measured in the same run.
 * Loopback (127.0.0.1) only. See bench/README.md for the method and a recorded run.
 *
 *   npm run bench                          full run (~5 min)
 *   npm run bench -- --quick               smoke run (~2 min)
 *   npm run bench -- --scenario single-cold,single-warm --duration 5
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { DEMO } from '../src/simulator/index.js';
import {
  ROOT,
  cpuBusyMicros,
  cpuMicros,
  killAllChildren,
  loadAverage,
  requireTools,
  sampleRss,
  spawnPinned,
  deploymentNodeOptions,
  startServe,
  vmRssBytes,
  type MemLine,
  type ServeProcess,
} from './lib/processes.js';
import {
  DISTINCT_BODIES,
  HELLO,
  MANIFEST_LIST,
  SINGLE_IMAGE,
  body,
  expectData,
  postOnce,
} from './lib/queries.js';
import { runWrk, type WrkResult } from './lib/wrk.js';

const SUT_CPU = 0;
const LOAD_CPU = 1;
const UPSTREAM_LATENCY_MS = 20;
const MiB = 1024 * 1024;

const SCENARIOS = [
  'hello',
  'single-cold',
  'single-cold-distinct',
  'single-warm',
  'list-cold',
  'list-warm',
  'hello-end',
  'memory',
  'soak',
] as const;
type ScenarioName = (typeof SCENARIOS)[number];

interface Options {
  scenarios: ScenarioName[];
  warmupS: number;
  durationS: number;
  memoryS: number;
  memoryImages: number;
  memoryPaddingBytes: number;
  memoryCacheBytes: number;
  soakS: number;
  /** The soak's gateway: with the deployment's NODE_OPTIONS (its heap cap) or node's defaults. */
  soakHeap: 'deployment' | 'default';
  quick: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', multiple: true },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'memory-seconds': { type: 'string' },
      'memory-images': { type: 'string' },
      'soak-seconds': { type: 'string' },
      'soak-heap': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`usage: npm run bench -- [--quick] [--scenario NAME[,NAME]] [--duration S] [--warmup S]
                        [--memory-seconds S] [--memory-images N] [--soak-seconds S]
                        [--soak-heap deployment|default]
scenarios (fixed order; hello, the baseline, always runs first): ${SCENARIOS.join(', ')}`);
    process.exit(0);
  }
  const quick = values.quick;
  const positive = (
    name: string,
    raw: string | undefined,
    fallback: number,
    unit: string,
  ): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a whole number of ${unit} >= 1, but got: '${raw}'`);
    }
    return value;
  };
  const seconds = (name: string, raw: string | undefined, fallback: number): number =>
    positive(name, raw, fallback, 'seconds');
  const wanted = (values.scenario ?? []).flatMap((s) => s.split(',')).map((s) => s.trim());
  for (const name of wanted) {
    if (!(SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`unknown scenario '${name}': expected one of ${SCENARIOS.join(', ')}`);
    }
  }
  const soakHeap = values['soak-heap'] ?? 'deployment';
  if (soakHeap !== 'deployment' && soakHeap !== 'default') {
    throw new Error(`--soak-heap must be deployment or default, but got: '${soakHeap}'`);
  }
  // The baseline brackets the throughput scenarios: once first, once after them.
  const scenarios = SCENARIOS.filter(
    (s) => s === 'hello' || s === 'hello-end' || wanted.length === 0 || wanted.includes(s),
  );
  return {
    scenarios,
    warmupS: seconds('warmup', values.warmup, quick ? 2 : 5),
    durationS: seconds('duration', values.duration, quick ? 2 : 10),
    memoryS: seconds('memory-seconds', values['memory-seconds'], quick ? 6 : 30),
    memoryImages: positive('memory-images', values['memory-images'], quick ? 500 : 2000, 'images'),
    memoryPaddingBytes: 200_000,
    memoryCacheBytes: 16 * MiB,
    soakS: seconds('soak-seconds', values['soak-seconds'], quick ? 12 : 60),
    soakHeap,
    quick,
  };
}

// ------------------------------------------------------------------------- throughput scenarios

interface ThroughputResult {
  scenario: ScenarioName;
  c10: WrkResult;
  c1: WrkResult;
  cpuUsPerRequest: number;
  /** Share of CPU 0 used by anything but the system under test during the c=10 window (noise). */
  foreignCpu0Share: number;
  /** Share of one CPU the simulator used during the c=10 window (it must not be the bottleneck). */
  simulatorCpuShare: number | undefined;
  /** Simulator GETs / completed queries during the c=10 window (concurrent identical queries share GETs). */
  upstreamGetsPerQuery: number | undefined;
  /** The same during the c=1 window: no concurrency, nothing to share. */
  upstreamGetsPerQueryC1: number | undefined;
  /** Upstream GETs and cache hits of one checked query (`extensions.stats`) before the load. */
  checkedStats: unknown;
  rss: { idle: number; peak: number; end: number };
  /** After the load and a full GC. */
  liveAfterGc: LiveMemory;
}

/** Runs warm-up, c=10 and c=1 against an already started target. */
async function measureThroughput(
  scenario: ScenarioName,
  options: Options,
  target: ServeProcess,
  simulator: ServeProcess | undefined,
  bodies: readonly string[],
  token: string | undefined,
): Promise<ThroughputResult> {
  const requestBody = bodies[0]!;
  const check = await postOnce(target.url, requestBody, token);
  expectData(`${scenario}: checked query before the load`, check);
  const idle = vmRssBytes(target.pid) ?? 0;
  const rss = sampleRss(target.pid);
  const wrk = (connections: number, durationS: number): Promise<WrkResult> =>
    runWrk({
      url: target.url,
      bodies,
      ...(token === undefined ? {} : { token }),
      connections,
      durationS,
      cpu: LOAD_CPU,
    });

  process.stdout.write(`  warm-up c=10 ${options.warmupS}s`);
  await wrk(10, options.warmupS);
  const count0 = simulator ? Number((await simulator.command('count')).count) : 0;
  const cpu0 = cpuMicros(target.pid);
  const busy0 = cpuBusyMicros(SUT_CPU);
  const sim0 = simulator ? cpuMicros(simulator.pid) : 0;
  const wall0 = performance.now();
  process.stdout.write(`, c=10 ${options.durationS}s`);
  const c10 = await wrk(10, options.durationS);
  const cpu1 = cpuMicros(target.pid);
  const busy1 = cpuBusyMicros(SUT_CPU);
  const sim1 = simulator ? cpuMicros(simulator.pid) : 0;
  const wallUs = (performance.now() - wall0) * 1000;
  const count1 = simulator ? Number((await simulator.command('count')).count) : 0;
  process.stdout.write(`, c=1 ${options.durationS}s`);
  await wrk(1, Math.min(2, options.warmupS));
  const count2 = simulator ? Number((await simulator.command('count')).count) : 0;
  const c1 = await wrk(1, options.durationS);
  const count3 = simulator ? Number((await simulator.command('count')).count) : 0;
  process.stdout.write('\n');
  const samples = rss.stop();

  const after = await postOnce(target.url, requestBody, token);
  expectData(`${scenario}: checked query after the load`, after);
  for (const [level, result] of [
    ['c=10', c10],
    ['c=1', c1],
  ] as const) {
    const e = result.errors;
    if (e.connect + e.read + e.write + e.status + e.timeout > 0) {
      throw new Error(`${scenario} ${level}: wrk saw errors ${JSON.stringify(e)}`);
    }
  }
  return {
    scenario,
    c10,
    c1,
    cpuUsPerRequest: (cpu1 - cpu0) / c10.requests,
    foreignCpu0Share: Math.max(0, busy1 - busy0 - (cpu1 - cpu0)) / wallUs,
    simulatorCpuShare: simulator ? (sim1 - sim0) / wallUs : undefined,
    upstreamGetsPerQuery: simulator ? (count1 - count0) / c10.requests : undefined,
    upstreamGetsPerQueryC1: simulator ? (count3 - count2) / c1.requests : undefined,
    checkedStats: check.extensions?.stats ?? null,
    liveAfterGc: await liveMemory(target),
    rss: {
      idle,
      peak: Math.max(idle, ...samples.map((s) => s.rss)),
      end: samples.at(-1)?.rss ?? idle,
    },
  };
}

async function runHello(
  scenario: 'hello' | 'hello-end',
  options: Options,
): Promise<ThroughputResult> {
  const hello = await startServe(SUT_CPU, 'hello', []);
  try {
    return await measureThroughput(scenario, options, hello, undefined, [body(HELLO)], undefined);
  } finally {
    await hello.stop();
  }
}

async function startStack(
  simulatorArgs: readonly string[],
  gatewayEnv: Record<string, string>,
  gatewayNodeArgs: readonly string[] = [],
): Promise<{ simulator: ServeProcess; gateway: ServeProcess; token: string }> {
  const simulator = await startServe(LOAD_CPU, 'simulator', simulatorArgs);
  try {
    const gateway = await startServe(
      SUT_CPU,
      'gateway',
      ['--upstream', simulator.url],
      gatewayEnv,
      { nodeArgs: gatewayNodeArgs },
    );
    return { simulator, gateway, token: String(simulator.ready.developerToken) };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}

async function runGatewayScenario(
  scenario: 'single-cold' | 'single-cold-distinct' | 'single-warm' | 'list-cold' | 'list-warm',
  options: Options,
): Promise<ThroughputResult> {
  const cold = scenario.includes('-cold');
  const env: Record<string, string> = cold ? { CACHE_ACCESS_TTL_SECONDS: '0' } : {};
  const { simulator, gateway, token } = await startStack(
    ['--latency-ms', String(UPSTREAM_LATENCY_MS)],
    env,
  );
  try {
    const ns = DEMO.namespaces.demo;
    const bodies =
      scenario === 'single-cold-distinct'
        ? // 50 distinct images in rotation: concurrent queries never share an in-flight GET.
          DISTINCT_BODIES
        : scenario.startsWith('single')
          ? [body(SINGLE_IMAGE, { ns, name: `${DEMO.streams.python}@${DEMO.digests.python}` })]
          : [
              body(MANIFEST_LIST, {
                ns,
                name: `${DEMO.streams.ubuntu}@${DEMO.digests.manifestList}`,
              }),
            ];
    return await measureThroughput(scenario, options, gateway, simulator, bodies, token);
  } finally {
    await gateway.stop();
    await simulator.stop();
  }
}

// ------------------------------------------------------------------------- memory

/** Memory of a process right after a forced full GC (its live heap). */
interface LiveMemory {
  rss: number;
  heapUsed: number;
  cacheBytes: number;
  cacheEvictions: number;
}

async function liveMemory(target: ServeProcess): Promise<LiveMemory> {
  const reply = (await target.command('gc')) as {
    gc: boolean;
    mem: MemLine['mem'];
    cache: Record<string, number> | null;
  };
  if (!reply.gc) throw new Error(`${target.role} was not started with --expose-gc`);
  return {
    rss: vmRssBytes(target.pid) ?? reply.mem.rss,
    heapUsed: reply.mem.heapUsed,
    cacheBytes: reply.cache?.bytes ?? 0,
    cacheEvictions: reply.cache?.evictions ?? 0,
  };
}

interface MemoryResult {
  images: number;
  paddingBytes: number;
  cacheMaxBytes: number;
  durationS: number;
  requests: number;
  rps: number;
  passes: number;
  upstreamGets: number;
  simulatorCpuShare: number;
  /** After start-up and one query, after a full GC. */
  idleAfterGc: LiveMemory;
  /** After each third of the load, after a full GC: flat once the cache is full? */
  liveAfterSegment: LiveMemory[];
  /** Sampled every 250 ms under load (no forced GC). */
  rss: { idle: number; peak: number; quarters: number[] };
  heapUsed: { peak: number; quarters: number[] };
  cache: { peakBytes: number; endBytes: number; evictions: number };
  wrkErrors: WrkResult['errors'];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function quarters<T>(items: readonly T[], value: (item: T) => number): number[] {
  const out: number[] = [];
  for (let q = 0; q < 4; q += 1) {
    const slice = items.slice(
      Math.floor((q * items.length) / 4),
      Math.floor(((q + 1) * items.length) / 4),
    );
    out.push(median(slice.map(value)));
  }
  return out;
}

async function runMemory(options: Options): Promise<MemoryResult> {
  const { simulator, gateway, token } = await startStack(
    [
      '--dataset',
      'memory',
      '--memory-images',
      String(options.memoryImages),
      '--memory-padding-bytes',
      String(options.memoryPaddingBytes),
    ],
    { CACHE_MAX_BYTES: String(options.memoryCacheBytes) },
  );
  try {
    const names = simulator.ready.names as string[];
    const bodies = names.map((name) => body(SINGLE_IMAGE, { ns: DEMO.namespaces.demo, name }));
    expectData('memory: checked query', await postOnce(gateway.url, bodies[0]!, token));
    await new Promise((r) => setTimeout(r, 1_000));
    const idle = await liveMemory(gateway);
    gateway.takeMemLines();
    const count0 = Number((await simulator.command('count')).count);
    const sim0 = cpuMicros(simulator.pid);
    const wall0 = performance.now();
    const rss = sampleRss(gateway.pid);
    const segmentS = Math.max(1, Math.round(options.memoryS / 3));
    process.stdout.write(
      `  ${names.length} images x ~${Math.round(options.memoryPaddingBytes / 1000)} KB, c=10, 3 x ${segmentS}s, full GC after each`,
    );
    // Three segments with a forced full GC after each: the live heap after GC must stay flat once
    // the cache is full; the sampled RSS/heapUsed in between show what the process really holds.
    const segments: WrkResult[] = [];
    const liveAfterSegment: LiveMemory[] = [];
    for (let i = 0; i < 3; i += 1) {
      segments.push(
        await runWrk({
          url: gateway.url,
          bodies,
          token,
          connections: 10,
          durationS: segmentS,
          cpu: LOAD_CPU,
        }),
      );
      liveAfterSegment.push(await liveMemory(gateway));
      process.stdout.write('.');
    }
    process.stdout.write('\n');
    const samples = rss.stop();
    const memLines = gateway.takeMemLines();
    const simulatorCpuShare =
      (cpuMicros(simulator.pid) - sim0) / ((performance.now() - wall0) * 1000);
    const count1 = Number((await simulator.command('count')).count);
    const requests = segments.reduce((n, r) => n + r.requests, 0);
    const durationS = segments.reduce((n, r) => n + r.durationS, 0);
    const wrkErrors = segments.reduce(
      (sum, r) => ({
        connect: sum.connect + r.errors.connect,
        read: sum.read + r.errors.read,
        write: sum.write + r.errors.write,
        status: sum.status + r.errors.status,
        timeout: sum.timeout + r.errors.timeout,
      }),
      { connect: 0, read: 0, write: 0, status: 0, timeout: 0 },
    );
    const cacheBytes = memLines.map((l) => l.cache?.bytes ?? 0);
    const last = liveAfterSegment.at(-1);
    return {
      images: names.length,
      paddingBytes: options.memoryPaddingBytes,
      cacheMaxBytes: options.memoryCacheBytes,
      durationS,
      requests,
      rps: requests / durationS,
      passes: requests / names.length,
      upstreamGets: count1 - count0,
      simulatorCpuShare,
      idleAfterGc: idle,
      liveAfterSegment,
      rss: {
        idle: idle.rss,
        peak: Math.max(...samples.map((s) => s.rss)),
        quarters: quarters(samples, (s) => s.rss),
      },
      heapUsed: {
        peak: Math.max(...memLines.map((l) => l.mem.heapUsed)),
        quarters: quarters(memLines, (l) => l.mem.heapUsed),
      },
      cache: {
        peakBytes: Math.max(0, ...cacheBytes),
        endBytes: last?.cacheBytes ?? 0,
        evictions: last?.cacheEvictions ?? 0,
      },
      wrkErrors,
    };
  } finally {
    await gateway.stop();
    await simulator.stop();
  }
}

// ------------------------------------------------------------------------- soak

interface SoakClientResult {
  requests: number;
  elapsedS: number;
  rps: number;
  byOutcome: Record<string, number>;
  byKind: Record<
    string,
    { n: number; outcomes: Record<string, number>; codes: Record<string, number>; maxMs: number }
  >;
  errorsByCode: Record<string, number>;
  httpStatuses: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

interface SoakResult {
  durationS: number;
  /** Node flags of the gateway (--soak-heap deployment: deploy/base/deployment.yaml's NODE_OPTIONS). */
  gatewayNodeArgs: string[];
  upstreamTimeoutMs: number;
  requestTimeoutMs: number;
  deadlineMarginMs: number;
  client: SoakClientResult;
  /** No response later than the request deadline plus the margin, none hung, none malformed. */
  verdict: { wellFormed: boolean; withinDeadline: boolean; noHang: boolean };
  upstreamGets: number;
  rss: { start: number; middle: number; end: number; peak: number };
  /** Sampled RSS per minute of the load (min, mean, max), and when the peak was. */
  rssByMinute: { minute: number; min: number; mean: number; max: number }[];
  rssPeakAtS: number;
  /** The issue's bound: after the first minute, (max - min) / min of the sampled RSS. */
  rssSpreadAfterFirstMinute: number;
  /** heapUsed per 10 s of the load (max of the 500 ms lines), to place a transient. */
  heapUsedBy10s: number[];
  /** heapTotal (the V8 heap's committed size) and RSS per 10 s of the load (max), likewise. */
  heapTotalBy10s: number[];
  rssBy10s: number[];
  heapUsed: { start: number; middle: number; end: number; peak: number };
  /** After a forced full GC before the load, half-way through it, and right after it. */
  live: { start: LiveMemory; middle: LiveMemory | undefined; end: LiveMemory };
  recoveredAfter: boolean;
}

/** The max of `value` per 10 s of 500 ms memory lines. */
function per10s(lines: readonly MemLine[], value: (line: MemLine) => number): number[] {
  return lines.reduce<number[]>((acc, line, i) => {
    const slot = Math.floor((i * 500) / 10_000);
    acc[slot] = Math.max(acc[slot] ?? 0, value(line));
    return acc;
  }, []);
}

async function runSoak(options: Options): Promise<SoakResult> {
  const upstreamTimeoutMs = 1_000;
  const requestTimeoutMs = 3_000;
  const deadlineMarginMs = 1_000;
  const gatewayNodeArgs = options.soakHeap === 'deployment' ? deploymentNodeOptions() : [];
  const { simulator, gateway, token } = await startStack(
    ['--dataset', 'soak'],
    {
      UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
      REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
      CACHE_ACCESS_TTL_SECONDS: '0',
    },
    gatewayNodeArgs,
  );
  try {
    const good = simulator.ready.good as string[];
    const list = `${DEMO.streams.ubuntu}@${DEMO.digests.manifestList}`;
    const goodBody = body(SINGLE_IMAGE, { ns: DEMO.namespaces.demo, name: good[0] });
    expectData('soak: checked query before the load', await postOnce(gateway.url, goodBody, token));
    const startMem = (await gateway.command('mem')) as { mem: MemLine['mem'] };
    const startRss = vmRssBytes(gateway.pid) ?? 0;
    const liveStart = await liveMemory(gateway);
    gateway.takeMemLines();
    const count0 = Number((await simulator.command('count')).count);
    const rss = sampleRss(gateway.pid, 500);
    process.stdout.write(`  c=10 ${options.soakS}s with faults on 7 of 50 images\n`);

    const input = {
      url: gateway.url,
      token,
      connections: 10,
      durationS: options.soakS,
      clientTimeoutMs: requestTimeoutMs * 5,
      good,
      faulty: simulator.ready.faulty,
      list,
    };
    const child = spawnPinned(LOAD_CPU, process.execPath, [
      '--import',
      'tsx',
      'bench/soak-client.ts',
      JSON.stringify(input),
    ]);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // One forced full GC half-way (a pause of a few ms under load): live heap, not GC lag.
    let liveMiddle: LiveMemory | undefined;
    const middleTimer = setTimeout(() => {
      liveMemory(gateway).then(
        (m) => (liveMiddle = m),
        () => undefined,
      );
    }, options.soakS * 500);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    clearTimeout(middleTimer);
    const samples = rss.stop();
    const memLines = gateway.takeMemLines();
    const liveEnd = await liveMemory(gateway);
    const line = stdout.split('\n').find((l) => l.startsWith('SOAK_JSON '));
    if (code !== 0 || line === undefined) {
      throw new Error(`soak client failed (exit ${code ?? 'signal'}):\n${stderr}`);
    }
    const client = JSON.parse(line.slice('SOAK_JSON '.length)) as SoakClientResult;
    const count1 = Number((await simulator.command('count')).count);
    // After the storm: a good query answers normally again (the circuit, if opened, recovered).
    await new Promise((r) => setTimeout(r, 1_000));
    let recoveredAfter = false;
    for (let attempt = 0; attempt < 10 && !recoveredAfter; attempt += 1) {
      const response = await postOnce(gateway.url, goodBody, token);
      recoveredAfter = response.status === 200 && response.errors === undefined;
      if (!recoveredAfter) await new Promise((r) => setTimeout(r, 1_000));
    }
    const mid = <T>(items: readonly T[]): T | undefined => items[Math.floor(items.length / 2)];
    const t0 = samples[0]?.t ?? Date.now();
    const minutes = new Map<number, number[]>();
    for (const sample of samples) {
      const minute = Math.floor((sample.t - t0) / 60_000);
      minutes.set(minute, [...(minutes.get(minute) ?? []), sample.rss]);
    }
    const rssByMinute = [...minutes].map(([minute, values]) => ({
      minute,
      min: Math.min(...values),
      mean: values.reduce((a, b) => a + b, 0) / values.length,
      max: Math.max(...values),
    }));
    const later = samples.filter((sample) => sample.t - t0 >= 60_000).map((sample) => sample.rss);
    const peakSample = samples.reduce((a, b) => (b.rss > a.rss ? b : a), samples[0]!);
    return {
      durationS: options.soakS,
      gatewayNodeArgs,
      upstreamTimeoutMs,
      requestTimeoutMs,
      deadlineMarginMs,
      client,
      verdict: {
        wellFormed:
          (client.byOutcome.malformed ?? 0) === 0 && (client.byOutcome['network-error'] ?? 0) === 0,
        withinDeadline: client.latencyMs.max <= requestTimeoutMs + deadlineMarginMs,
        noHang: (client.byOutcome.hung ?? 0) === 0,
      },
      upstreamGets: count1 - count0,
      rss: {
        start: startRss,
        middle: mid(samples)?.rss ?? 0,
        end: samples.at(-1)?.rss ?? 0,
        peak: Math.max(...samples.map((s) => s.rss)),
      },
      rssByMinute,
      heapUsedBy10s: per10s(memLines, (line) => line.mem.heapUsed),
      heapTotalBy10s: per10s(memLines, (line) => line.mem.heapTotal),
      rssBy10s: per10s(memLines, (line) => line.mem.rss),
      rssPeakAtS: (peakSample.t - t0) / 1000,
      rssSpreadAfterFirstMinute:
        later.length === 0
          ? Number.NaN
          : (Math.max(...later) - Math.min(...later)) / Math.min(...later),
      heapUsed: {
        start: startMem.mem.heapUsed,
        middle: mid(memLines)?.mem.heapUsed ?? 0,
        end: memLines.at(-1)?.mem.heapUsed ?? 0,
        peak: Math.max(...memLines.map((l) => l.mem.heapUsed)),
      },
      live: { start: liveStart, middle: liveMiddle, end: liveEnd },
      recoveredAfter,
    };
  } finally {
    await gateway.stop();
    await simulator.stop();
  }
}

// ------------------------------------------------------------------------- report

const mb = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MB`;
const ms = (us: number): string => `${(us / 1000).toFixed(2)}`;
const ratio = (value: number, base: number): string => `${(value / base).toFixed(2)}x`;

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}

/**
 * The baseline of the ratios: of the two hello runs bracketing the throughput scenarios, the one
 * with the lower CPU per request. Noise from other processes on this VM only ever slows a run down,
 * so the less disturbed run is the better estimate; the drift between the two is printed.
 */
function baselineOf(results: readonly ThroughputResult[]): ThroughputResult | undefined {
  const hellos = results.filter((r) => r.scenario === 'hello' || r.scenario === 'hello-end');
  return hellos.sort((a, b) => a.cpuUsPerRequest - b.cpuUsPerRequest)[0];
}

function throughputTable(results: readonly ThroughputResult[]): string {
  const base = baselineOf(results);
  if (!base) return '';
  const rows = [
    [
      'scenario',
      'req/s c=10',
      'vs hello',
      'CPU us/req',
      'vs hello',
      'p50 ms c=1',
      'p99 ms c=1',
      'p50 vs hello',
      'GETs/q c=10',
      'GETs/q c=1',
      'sim CPU',
      'other CPU0',
      'peak RSS',
    ],
  ];
  for (const r of results) {
    rows.push([
      r.scenario,
      r.c10.rps.toFixed(0),
      ratio(r.c10.rps, base.c10.rps),
      r.cpuUsPerRequest.toFixed(0),
      ratio(r.cpuUsPerRequest, base.cpuUsPerRequest),
      ms(r.c1.latencyUs.p50),
      ms(r.c1.latencyUs.p99),
      ratio(r.c1.latencyUs.p50, base.c1.latencyUs.p50),
      r.upstreamGetsPerQuery === undefined ? '-' : r.upstreamGetsPerQuery.toFixed(3),
      r.upstreamGetsPerQueryC1 === undefined ? '-' : r.upstreamGetsPerQueryC1.toFixed(3),
      r.simulatorCpuShare === undefined ? '-' : `${(r.simulatorCpuShare * 100).toFixed(0)}%`,
      `${(r.foreignCpu0Share * 100).toFixed(0)}%`,
      mb(r.rss.peak),
    ]);
  }
  return pad(rows);
}

/** HEAD, and whether src/ or bench/ differ from it (other engineers edit the same tree). */
function gitCommit(): string {
  const out = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'bench'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return `${out.stdout.trim()}${dirty.stdout.trim() === '' ? '' : ' (src or bench modified)'}`;
}

async function main(): Promise<void> {
  const options = parseOptions();
  requireTools();
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const commitBefore = gitCommit();
  console.log(
    `bench: ${options.scenarios.join(', ')}${options.quick ? ' (quick)' : ''}; node ${process.version}; commit ${commitBefore}`,
  );
  console.log(
    `load average before: ${loadBefore.join(' ')}; SUT on CPU ${SUT_CPU}, load + simulator on CPU ${LOAD_CPU}`,
  );
  if (loadBefore[0] > 1) {
    console.log(
      `WARNING: 1-minute load ${loadBefore[0]} before the run: other processes compete; expect noisy figures (see the 'other CPU0' column)`,
    );
  }

  const throughput: ThroughputResult[] = [];
  const loadDuring: Record<string, [number, number, number]> = {};
  let memory: MemoryResult | undefined;
  let soak: SoakResult | undefined;
  for (const scenario of options.scenarios) {
    console.log(`[${scenario}]`);
    loadDuring[scenario] = loadAverage();
    switch (scenario) {
      case 'hello':
      case 'hello-end':
        throughput.push(await runHello(scenario, options));
        break;
      case 'single-cold':
      case 'single-cold-distinct':
      case 'single-warm':
      case 'list-cold':
      case 'list-warm':
        throughput.push(await runGatewayScenario(scenario, options));
        break;
      case 'memory':
        memory = await runMemory(options);
        break;
      case 'soak':
        soak = await runSoak(options);
        break;
    }
  }
  const loadAfter = loadAverage();
  const commitAfter = gitCommit();

  console.log(
    `\nThroughput and latency (upstream latency ${UPSTREAM_LATENCY_MS} ms per GET; ratios to hello of this run)`,
  );
  console.log(throughputTable(throughput));
  const hello = baselineOf(throughput);
  const first = throughput.find((r) => r.scenario === 'hello');
  const last = throughput.find((r) => r.scenario === 'hello-end');
  if (hello && first && last) {
    const drift = last.cpuUsPerRequest / first.cpuUsPerRequest - 1;
    console.log(
      `baseline: ${hello.scenario} (the hello run with less CPU per request); hello-end vs hello: ` +
        `${(drift * 100).toFixed(1)}% CPU/req, ${((last.c10.rps / first.c10.rps - 1) * 100).toFixed(1)}% req/s` +
        (Math.abs(drift) > 0.1
          ? '  WARNING: the baseline drifted by more than 10%: the machine was noisy'
          : ''),
    );
  }
  if (memory) {
    console.log(
      `\nMemory: ${memory.images} distinct images x ~${Math.round(memory.paddingBytes / 1000)} KB through CACHE_MAX_BYTES=${mb(memory.cacheMaxBytes)}, ` +
        `${memory.requests} requests (${memory.passes.toFixed(2)} passes, ${memory.rps.toFixed(0)} req/s, ` +
        `${memory.upstreamGets} upstream GETs, simulator ${(memory.simulatorCpuShare * 100).toFixed(0)}% CPU)`,
    );
    const live = memory.liveAfterSegment;
    console.log(
      pad([
        ['', 'idle', 'after 1/3', 'after 2/3', 'after 3/3', 'peak under load'],
        [
          'gateway RSS (after full GC)',
          mb(memory.idleAfterGc.rss),
          ...live.map((m) => mb(m.rss)),
          mb(memory.rss.peak),
        ],
        [
          'gateway heapUsed (after full GC)',
          mb(memory.idleAfterGc.heapUsed),
          ...live.map((m) => mb(m.heapUsed)),
          mb(memory.heapUsed.peak),
        ],
        [
          'gateway cache bytes',
          mb(memory.idleAfterGc.cacheBytes),
          ...live.map((m) => mb(m.cacheBytes)),
          mb(memory.cache.peakBytes),
        ],
        [
          'hello baseline RSS',
          hello ? mb(hello.rss.idle) : '-',
          '',
          '',
          hello ? `${mb(hello.liveAfterGc.rss)} (after load + GC)` : '-',
          hello ? mb(hello.rss.peak) : '-',
        ],
      ]),
    );
    console.log(
      `sampled under load, median per quarter: RSS ${memory.rss.quarters.map(mb).join(' / ')}; ` +
        `heapUsed ${memory.heapUsed.quarters.map(mb).join(' / ')}; ${memory.cache.evictions} cache evictions`,
    );
  }
  if (soak) {
    const c = soak.client;
    console.log(
      `\nSoak: ${soak.durationS}s c=10, gateway node flags: ${soak.gatewayNodeArgs.join(' ') || 'none'}, UPSTREAM_TIMEOUT_MS=${soak.upstreamTimeoutMs} REQUEST_TIMEOUT_MS=${soak.requestTimeoutMs}, ` +
        `${c.requests} requests (${c.rps.toFixed(0)} req/s), ${soak.upstreamGets} upstream GETs`,
    );
    console.log(
      `outcomes: ${JSON.stringify(c.byOutcome)}; HTTP: ${JSON.stringify(c.httpStatuses)}`,
    );
    console.log(`errors by code: ${JSON.stringify(c.errorsByCode)}`);
    console.log(
      `latency ms: p50 ${c.latencyMs.p50.toFixed(1)}, p90 ${c.latencyMs.p90.toFixed(1)}, p99 ${c.latencyMs.p99.toFixed(1)}, ` +
        `max ${c.latencyMs.max.toFixed(0)} (deadline ${soak.requestTimeoutMs} + margin ${soak.deadlineMarginMs})`,
    );
    for (const [kind, k] of Object.entries(c.byKind)) {
      console.log(
        `  ${kind.padEnd(28)} n=${String(k.n).padStart(6)}  max ${k.maxMs.toFixed(0).padStart(5)} ms  ${JSON.stringify(k.outcomes)} ${JSON.stringify(k.codes)}`,
      );
    }
    console.log(
      `RSS start/middle/end/peak: ${mb(soak.rss.start)} / ${mb(soak.rss.middle)} / ${mb(soak.rss.end)} / ${mb(soak.rss.peak)}; ` +
        `heapUsed: ${mb(soak.heapUsed.start)} / ${mb(soak.heapUsed.middle)} / ${mb(soak.heapUsed.end)} / ${mb(soak.heapUsed.peak)}`,
    );
    console.log(
      `RSS by minute (min / mean / max): ${soak.rssByMinute.map((m) => `${m.minute}: ${mb(m.min)} / ${mb(m.mean)} / ${mb(m.max)}`).join('; ')}`,
    );
    console.log(
      `RSS peak at ${soak.rssPeakAtS.toFixed(0)} s; spread after the first minute (max - min) / min: ${(100 * soak.rssSpreadAfterFirstMinute).toFixed(1)}%`,
    );
    const by10s = (values: readonly number[]): string =>
      values.map((b) => (b / MiB).toFixed(0)).join(' ');
    console.log(`heapUsed per 10 s (max): ${by10s(soak.heapUsedBy10s)} MB`);
    console.log(`heapTotal per 10 s (max): ${by10s(soak.heapTotalBy10s)} MB`);
    console.log(`RSS per 10 s (max): ${by10s(soak.rssBy10s)} MB`);
    const live = [soak.live.start, soak.live.middle, soak.live.end];
    console.log(
      `after full GC start/middle/end: RSS ${live.map((m) => (m ? mb(m.rss) : '-')).join(' / ')}; ` +
        `heapUsed ${live.map((m) => (m ? mb(m.heapUsed) : '-')).join(' / ')}`,
    );
    console.log(
      `verdict: ${JSON.stringify(soak.verdict)}; answers normally afterwards: ${soak.recoveredAfter}`,
    );
  }
  console.log(`\nload average after: ${loadAfter.join(' ')}`);
  if (commitAfter !== commitBefore) {
    console.log(
      `WARNING: the tree changed during the run (${commitBefore} -> ${commitAfter}): later scenarios may have run other code`,
    );
  }

  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        node: process.version,
        commit: { before: commitBefore, after: commitAfter },
        options,
        upstreamLatencyMs: UPSTREAM_LATENCY_MS,
        loadAverage: { before: loadBefore, atScenarioStart: loadDuring, after: loadAfter },
        baseline: baselineOf(throughput)?.scenario ?? null,
        throughput,
        memory: memory ?? null,
        soak: soak ?? null,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`raw results: ${file}`);
  if (soak && !(soak.verdict.wellFormed && soak.verdict.withinDeadline && soak.verdict.noHang)) {
    process.exitCode = 2;
  }
}

main()
  .catch((error: unknown) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(killAllChildren);
