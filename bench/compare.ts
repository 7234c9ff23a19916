/**
 * Same-run comparisons (issue #11): lever A/Bs and the reference table, in alternating rounds.
 *
 *   npx tsx bench/compare.ts ab --a /path/to/worktree-A --b /path/to/worktree-B [--env-b K=V,...] [--node-args-b '--flag ...'] [--scenario warm|cold|apq|cors]
 *   npx tsx bench/compare.ts table [--rounds 3] [--duration 5]
 *   npx tsx bench/compare.ts profile [--scenario warm|cold] [--duration 8] [--keep-profile out.cpuprofile]
 *
 * `ab` runs the gateway's single-warm scenario (every query a cache hit) from two work trees (or
 * one tree twice with different env), A and B alternating, each round with fresh processes.
 * `--scenario cold` runs the cold row of `table` instead (CACHE_ACCESS_TTL_SECONDS=0, 50 distinct
 * images: every query pays one upstream GET), for levers on the upstream path. `--scenario apq`
 * sends the warm query as an APQ hash alone (`extensions.persistedQuery`, no document), registered
 * once before the warm-up, as Apollo Client's persisted-queries link does. `--scenario cors`
 * sets CORS_ORIGINS and sends the warm query with that `Origin`, as a browser on that origin does.
 * `table` runs, in each round, the gateway warm and cold (50 distinct images, TTL 0, so every
 * query pays one upstream GET), yoga `{ hello }` with its defaults and with its body check off,
 * Apollo Server 5 and Mercurius answering the gateway's single-image query from memory, and the
 * node:http floor: no GraphQL server, the body read and parsed and the answer written (what any
 * Node server on node:http pays for this request). The gateway logs as in production (at info,
 * an access line per request; bench/serve.ts).
 * `profile` runs the warm (or, with `--scenario cold`, the cold) gateway under `--cpu-prof` and sums
 * self time by package.
 *
 * Method (bench/README.md): the server under test on CPU 0 (taskset), the simulator and wrk on
 * CPU 1; wrk c=10 after a warm-up; CPU µs per request from /proc/<pid>/stat over the window;
 * `other CPU0` is CPU 0's busy time not spent by the server. Medians over rounds. Loopback only.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  cpuBusyMicros,
  cpuSplitMicros,
  envOf,
  killAllChildren,
  loadAverage,
  requireTools,
  startServe,
  type ServeProcess,
} from './lib/processes.js';
import {
  DISTINCT_BODIES,
  HELLO,
  SINGLE_IMAGE,
  WARM_BODY,
  WARM_IMAGE,
  body,
  warmServeArgs,
  expectData,
  postOnce,
} from './lib/queries.js';
import { runWrk } from './lib/wrk.js';

const SUT_CPU = 0;
const LOAD_CPU = 1;
const CONNECTIONS = 10;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    a: { type: 'string', default: ROOT },
    b: { type: 'string', default: ROOT },
    'env-a': { type: 'string', default: '' },
    'env-b': { type: 'string', default: '' },
    'node-args-a': { type: 'string', default: '' },
    'node-args-b': { type: 'string', default: '' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string', default: '' },
    scenario: { type: 'string', default: 'warm' },
    'keep-profile': { type: 'string', default: '' },
  },
});
const mode = positionals[0] ?? 'table';
const rounds = Number(values.rounds);
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);

interface Sample {
  rps: number;
  cpuUsPerReq: number;
  /** The kernel's part of it (stime). */
  kernelUsPerReq: number;
  p50Ms: number;
  p99Ms: number;
  otherCpu0: number;
  requests: number;
}

interface Target {
  name: string;
  start(simulator: ServeProcess): Promise<ServeProcess>;
  /** Sent once before the first checked request (an APQ registration). */
  prime?: string;
  /** Further headers of every measured request (`Origin`). */
  headers?: Readonly<Record<string, string>>;
  bodies: readonly string[];
  token?: string;
}

const SINGLE = WARM_BODY;
const APQ_EXTENSIONS = {
  persistedQuery: {
    version: 1,
    sha256Hash: createHash('sha256').update(SINGLE_IMAGE).digest('hex'),
  },
};
const APQ_VARIABLES = { ns: WARM_IMAGE.namespace, name: WARM_IMAGE.name };
const APQ_REGISTER = JSON.stringify({
  query: SINGLE_IMAGE,
  variables: APQ_VARIABLES,
  extensions: APQ_EXTENSIONS,
});
const APQ_HASH_ONLY = JSON.stringify({ variables: APQ_VARIABLES, extensions: APQ_EXTENSIONS });
/** `--scenario cors`: CORS_ORIGINS and every request's Origin (a browser on another origin). */
const CORS_ORIGIN = 'https://console.example';

async function measure(target: Target, simulator: ServeProcess, token: string): Promise<Sample> {
  const server = await target.start(simulator);
  try {
    if (target.prime !== undefined) {
      const tokenOf = target.token === undefined ? undefined : token;
      expectData(`${target.name} (prime)`, await postOnce(server.url, target.prime, tokenOf));
    }
    const first = await postOnce(
      server.url,
      target.bodies[0] ?? '',
      target.token === undefined ? undefined : token,
    );
    expectData(target.name, first);
    const wrk = {
      url: server.url,
      bodies: target.bodies,
      connections: CONNECTIONS,
      cpu: LOAD_CPU,
      ...(target.token === undefined ? {} : { token }),
      ...(target.headers === undefined ? {} : { headers: target.headers }),
    };
    await runWrk({ ...wrk, durationS: warmupS });
    const cpu0 = cpuSplitMicros(server.pid);
    const busy0 = cpuBusyMicros(SUT_CPU);
    const result = await runWrk({ ...wrk, durationS });
    const cpu1 = cpuSplitMicros(server.pid);
    const kernel = cpu1.kernel - cpu0.kernel;
    const cpu = cpu1.user - cpu0.user + kernel;
    const busy = cpuBusyMicros(SUT_CPU) - busy0;
    const errors = Object.values(result.errors).reduce((a, b) => a + b, 0);
    if (errors > 0) throw new Error(`${target.name}: wrk errors ${JSON.stringify(result.errors)}`);
    expectData(
      target.name,
      await postOnce(
        server.url,
        target.bodies[0] ?? '',
        target.token === undefined ? undefined : token,
      ),
    );
    return {
      rps: result.rps,
      cpuUsPerReq: cpu / result.requests,
      kernelUsPerReq: kernel / result.requests,
      p50Ms: result.latencyUs.p50 / 1000,
      p99Ms: result.latencyUs.p99 / 1000,
      otherCpu0: Math.max(0, busy - cpu) / (result.durationS * 1e6),
      requests: result.requests,
    };
  } finally {
    await server.stop();
  }
}

/** The gateway from work tree `cwd` (default: this one), sent `bodies` (default: the warm query). */
const gateway = (
  name: string,
  env: Record<string, string>,
  {
    cwd = ROOT,
    nodeArgs = [],
    bodies = [SINGLE],
    ...rest
  }: { cwd?: string; nodeArgs?: readonly string[] } & Partial<
    Pick<Target, 'bodies' | 'prime' | 'headers'>
  > = {},
): Target => ({
  name,
  bodies,
  ...rest,
  token: 'developer',
  start: (simulator: ServeProcess) =>
    startServe(SUT_CPU, 'gateway', warmServeArgs('gateway', simulator), env, { cwd, nodeArgs }),
});

const reference = (name: string, role: 'apollo' | 'mercurius' | 'floor'): Target => ({
  name,
  bodies: [SINGLE],
  start: (simulator) => startServe(SUT_CPU, role, warmServeArgs(role, simulator)),
});

const hello = (name: string, bodyCheck: 'on' | 'off'): Target => ({
  name,
  bodies: [body(HELLO)],
  start: () =>
    startServe(SUT_CPU, 'hello', ['--body-check', bodyCheck, '--mem-interval-ms', '5000']),
});

/** `--node-args-a` / `--node-args-b`: node flags of that side's gateway, space-separated. */
const flags = (side: 'a' | 'b'): string[] => values[`node-args-${side}`].split(' ').filter(Boolean);

function targets(): Target[] {
  if (mode === 'ab') {
    const scenario = values.scenario;
    if (!['warm', 'cold', 'apq', 'cors'].includes(scenario)) {
      throw new Error(`--scenario must be warm, cold, apq or cors, but got: ${scenario}`);
    }
    const cold = scenario === 'cold';
    const apq = scenario === 'apq';
    const cors = scenario === 'cors';
    const env = (list: string) => ({
      ...(cold ? { CACHE_ACCESS_TTL_SECONDS: '0' } : {}),
      ...(cors ? { CORS_ORIGINS: CORS_ORIGIN } : {}),
      ...envOf(list),
    });
    const sent = {
      bodies: cold ? DISTINCT_BODIES : apq ? [APQ_HASH_ONLY] : [SINGLE],
      ...(apq ? { prime: APQ_REGISTER } : {}),
      ...(cors ? { headers: { Origin: CORS_ORIGIN } } : {}),
    };
    return [
      gateway('A', env(values['env-a']), { cwd: values.a, nodeArgs: flags('a'), ...sent }),
      gateway('B', env(values['env-b']), { cwd: values.b, nodeArgs: flags('b'), ...sent }),
    ];
  }
  const all: Target[] = [
    reference('node:http floor (body parsed, answer held)', 'floor'),
    reference('Mercurius (fastify + graphql-jit)', 'mercurius'),
    hello('yoga { hello }, body check off', 'off'),
    reference('Apollo Server 5', 'apollo'),
    hello('yoga { hello }, defaults', 'on'),
    gateway('gateway, warm cache', {}),
    gateway(
      'gateway, cold (1 GET per query)',
      { CACHE_ACCESS_TTL_SECONDS: '0' },
      { bodies: DISTINCT_BODIES },
    ),
  ];
  const only = values.only.split(',').filter(Boolean);
  return only.length === 0 ? all : all.filter((t) => only.some((o) => t.name.includes(o)));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function profile(simulator: ServeProcess, token: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
  try {
    // `--scenario cold`: every query one upstream GET (the cold row of `table`).
    const cold = values.scenario === 'cold';
    if (!['warm', 'cold'].includes(values.scenario)) {
      throw new Error(`profile: --scenario must be warm or cold, but got: ${values.scenario}`);
    }
    const coldEnv = { CACHE_ACCESS_TTL_SECONDS: '0' };
    const target = cold
      ? gateway('gateway, cold (profiled)', coldEnv, { bodies: DISTINCT_BODIES })
      : gateway('gateway, warm cache (profiled)', {});
    const server = await startServe(
      SUT_CPU,
      'gateway',
      ['--upstream', simulator.url],
      cold ? coldEnv : {},
      {
        nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
      },
    );
    expectData('profile', await postOnce(server.url, SINGLE, token));
    const load = {
      url: server.url,
      bodies: target.bodies,
      token,
      connections: CONNECTIONS,
      cpu: LOAD_CPU,
    };
    await runWrk({ ...load, durationS: warmupS });
    // V8 profile timestamps are CLOCK_MONOTONIC µs, as hrtime here: only the measured window
    // counts (start-up, tsx's compilation and the warm-up are left out).
    const from = Number(process.hrtime.bigint() / 1000n);
    await runWrk({ ...load, durationS });
    const to = Number(process.hrtime.bigint() / 1000n);
    await server.stop();
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error('no .cpuprofile written');
    if (values['keep-profile'] !== '') copyFileSync(join(dir, file), values['keep-profile']);
    const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      nodes: { id: number; callFrame: { url: string; functionName: string } }[];
      startTime: number;
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const totals = new Map<string, number>();
    let total = 0;
    let at = prof.startTime;
    prof.samples.forEach((id, i) => {
      const dt = prof.timeDeltas[i] ?? 0;
      at += dt;
      if (at < from || at > to) return;
      const node = byId.get(id);
      const url = node?.callFrame.url ?? '';
      const fn = node?.callFrame.functionName ?? '';
      let key: string;
      const nm = url.lastIndexOf('node_modules/');
      if (nm >= 0) {
        const rest = url.slice(nm + 'node_modules/'.length).split('/');
        key = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? '?');
      } else if (url.startsWith('node:')) key = url;
      else if (url.includes('/src/') || url.includes('/dist/')) key = 'gateway (src/ or dist/)';
      else if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') key = fn;
      else key = url === '' ? `(native) ${fn}` : url;
      if (key === '(idle)') return;
      totals.set(key, (totals.get(key) ?? 0) + dt);
      total += dt;
    });
    console.log(
      `\nCPU profile of the ${cold ? 'cold' : 'warm'} path, self time by package (${fmt(total / 1000)} ms sampled in the measured window, idle excluded)\n`,
    );
    console.log('| package | share |\n|---|---:|');
    for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 24)) {
      console.log(`| ${key} | ${fmt((100 * us) / total, 1)}% |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  requireTools();
  const load = loadAverage();
  console.log(
    `mode ${mode}, ${rounds} rounds, ${warmupS} s warm-up + ${durationS} s at c=${CONNECTIONS}; load average before: ${load.map((l) => l.toFixed(2)).join(' / ')}`,
  );
  const simulator = await startServe(LOAD_CPU, 'simulator', ['--mem-interval-ms', '5000']);
  const token = String(simulator.ready.developerToken);
  try {
    if (mode === 'profile') return await profile(simulator, token);
    const list = targets();
    const samples = new Map<string, Sample[]>(list.map((t) => [t.name, []]));
    for (let round = 0; round < rounds; round++) {
      // Alternate the order each round so drift lands on every target alike.
      const order = round % 2 === 0 ? list : [...list].reverse();
      for (const target of order) {
        const sample = await measure(target, simulator, token);
        samples.get(target.name)?.push(sample);
        console.log(
          `round ${round + 1} ${target.name}: ${fmt(sample.rps)} req/s, ${fmt(sample.cpuUsPerReq)} µs/req (kernel ${fmt(sample.kernelUsPerReq)}), p99 ${fmt(sample.p99Ms, 1)} ms, other CPU0 ${fmt(100 * sample.otherCpu0)}%, load ${loadAverage()[0].toFixed(2)}`,
        );
      }
    }
    const base = mode === 'ab' ? 'A' : 'Apollo Server 5';
    const baseSamples = samples.get(base) ?? [];
    console.log(
      `\n| server | req/s c=10 | CPU µs/req | kernel µs/req | p50 ms | p99 ms | other CPU0 | req/s vs ${base} | CPU vs ${base} |`,
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const target of list) {
      const s = samples.get(target.name) ?? [];
      // Ratios per round (same-round pairs), then the median and range of those ratios.
      const ratio = (f: (x: Sample) => number) => {
        const rs = s.map((x, i) => f(x) / f(baseSamples[i] ?? x));
        return `${fmt(median(rs), 2)}x (${fmt(Math.min(...rs), 2)}-${fmt(Math.max(...rs), 2)})`;
      };
      console.log(
        `| ${target.name} | ${fmt(median(s.map((x) => x.rps)))} | ${fmt(median(s.map((x) => x.cpuUsPerReq)))} | ${fmt(median(s.map((x) => x.kernelUsPerReq)))} | ${fmt(median(s.map((x) => x.p50Ms)), 2)} | ${fmt(median(s.map((x) => x.p99Ms)), 1)} | ${fmt(100 * median(s.map((x) => x.otherCpu0)))}% | ${ratio((x) => x.rps)} | ${ratio((x) => x.cpuUsPerReq)} |`,
      );
    }
    console.log(
      `\nload average after: ${loadAverage()
        .map((l) => l.toFixed(2))
        .join(' / ')}`,
    );
  } finally {
    await simulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    killAllChildren();
    process.exit(1);
  },
);
