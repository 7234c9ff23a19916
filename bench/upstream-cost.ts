/**
 * The cost of the gateway's upstream path (issue #11), in one run on this machine:
 *
 * 1. Gateway CPU per upstream GET against a bare undici GET of the same answer (JSON.parse
 *    included). The gateway runs as `bench/serve.ts gateway` (wired as main.ts wires it), pinned
 *    to CPU 0; the simulator (0 ms latency), this runner and its load on CPU 1. The gateway's CPU is
 *    the utime+stime of its process (/proc/<pid>/stat, what `process.cpuUsage()` reports inside
 *    it); the bare GET's is `process.cpuUsage()` of a child pinned to CPU 0 doing only the GETs.
 *    Two bare baselines: undici's `request` with `body.text()` (the issue's), and its `dispatch`
 *    with a handler that keeps the chunks (what the gateway's client itself is built on).
 *    Per GET = (cold CPU per query - warm CPU per query) / upstream GETs per cold query: what going
 *    upstream adds to a query served from the cache, i.e. the upstream path alone.
 * 2. A cold manifest list with 6 children at 5 ms per GET, c=1: the median latency against the
 *    ideal of two sequential 5 ms GETs (10 ms), and against two measured floors: the same two
 *    phases sent by a bare undici Pool to the same simulator, and the same again behind a bare
 *    node:http proxy (the gateway's extra hop, with none of its work). Twice: against a simulator
 *    whose 5 ms is a timer (up to ~1 ms late, its routing after the wait), and against one that
 *    answers 5 ms after each request's arrival, routed on arrival (`exactLatency`). Each of
 *    `--latency-rounds` rounds measures the floor, the proxy floor and the gateway, each after
 *    `--latency-warmup` seconds (6) of the same queries at c=1; a figure is the median over the
 *    rounds.
 *
 *   npx tsx bench/upstream-cost.ts
 *   npx tsx bench/upstream-cost.ts --rounds 2 --duration 8 --warmup 4 --latency-requests 300
 *   npx tsx bench/upstream-cost.ts --latency-only --latency-rounds 3   (part 2 alone)
 *
 * Every server listens on 127.0.0.1 only; children die with the runner. Prints a table and one
 * JSON line (`{"upstreamCost":...}`). Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

import {
  DEMO,
  buildImage,
  buildImageStream,
  buildManifestList,
  createDataset,
  startSimulator,
  type BuiltImage,
  type Dataset,
} from '../src/simulator/index.js';
import { readBodyWithin } from '../src/server/body-limit.js';
import { createOpenShiftClient } from '../src/upstream/openshift-client.js';
import { cpuMicros, spawnPinned, startServe, type ServeProcess } from './lib/processes.js';
import {
  MANIFEST_LIST as LIST,
  SINGLE_IMAGE as SINGLE,
  body,
  expectData,
  postOnce,
} from './lib/queries.js';

const HOST = '127.0.0.1';
const SUT_CPU = 0;
const LOAD_CPU = 1;
/** Distinct manifest lists of 6 children each (so concurrent cold queries rarely share a GET). */
const LISTS = 10;
const LIST_STREAM = 'bench-list6';
const PLATFORMS = [
  { architecture: 'amd64', os: 'linux' },
  { architecture: 'arm64', os: 'linux', variant: 'v8' },
  { architecture: 'ppc64le', os: 'linux' },
  { architecture: 's390x', os: 'linux' },
  { architecture: 'arm', os: 'linux', variant: 'v7' },
  { architecture: '386', os: 'linux' },
] as const;

// ---------------------------------------------------------------------------------- children

/** The demo data plus LISTS manifest lists of 6 single-arch children in demo/bench-list6. */
function listDataset(): { dataset: Dataset; lists: string[] } {
  const dataset = createDataset();
  const lists: BuiltImage[] = [];
  for (let l = 0; l < LISTS; l++) {
    const children = PLATFORMS.map((platform, c) =>
      buildImage({ seed: `bench/list6-${l}-${c}`, platform: { ...platform } }),
    );
    const list = buildManifestList(children);
    dataset.images.push(list.image, ...children.map((child) => child.image));
    lists.push(list);
  }
  dataset.streams.push(
    buildImageStream({
      namespace: DEMO.namespaces.demo,
      name: LIST_STREAM,
      tags: lists.map((list, i) => ({ tag: `l${i}`, history: [list] })),
    }),
  );
  return { dataset, lists: lists.map((list) => `${LIST_STREAM}@${list.digest}`) };
}

/** `--role sim`: the simulator; stdin `count` answers the imagestreamimages GETs so far. */
async function simRole(latencyMs: number, exactLatency: boolean): Promise<void> {
  const { dataset, lists } = listDataset();
  const simulator = await startSimulator({ host: HOST, port: 0, latencyMs, exactLatency, dataset });
  const singles = DEMO.manyTagsDigests.map((d) => `${DEMO.streams.manyTags}@${d}`);
  process.stdout.write(
    `${JSON.stringify({
      ready: true,
      url: simulator.url,
      pid: process.pid,
      token: simulator.token(DEMO.users.developer),
      singles,
      lists,
    })}\n`,
  );
  const lines = createInterface({ input: process.stdin });
  lines.on('line', () => {
    const count = simulator.requests.count({ method: 'GET', path: /\/imagestreamimages\// });
    process.stdout.write(`${JSON.stringify({ count })}\n`);
  });
  lines.on('close', () => {
    void simulator.close().then(() => process.exit(0));
  });
}

/**
 * What a `bare`-family child sends: `bare`, undici's `request` with `body.text()` (the API most
 * code uses; the issue's baseline); `bare-dispatch`, undici's `dispatch` with a handler that keeps
 * the chunks (its lowest-level API, which the gateway's client uses); `client`, the gateway's
 * upstream client alone.
 */
type BareMode = 'bare' | 'bare-dispatch' | 'client';

/**
 * `--role bare|bare-dispatch|client`: GETs of the same answers, JSON.parse included, at the same
 * concurrency; prints the CPU per GET of this process.
 */
async function bareRole(
  mode: BareMode,
  url: string,
  token: string,
  names: string[],
  concurrency: number,
  warmupS: number,
  durationS: number,
): Promise<void> {
  const pool = new Pool(url, { connections: concurrency });
  const headers = {
    accept: 'application/json',
    authorization: `Bearer ${token}`,
    'user-agent': 'bench-bare',
  };
  // `client`: the gateway's upstream client alone (no GraphQL, no loaders), with the options the
  // loaders pass, against the same answers.
  const client = createOpenShiftClient({ baseUrl: url, onEvent: () => undefined });
  const credential = { token };
  const paths = names.map(isiPath);
  const refs = names.map((name) => {
    const [stream = '', id = ''] = name.split('@');
    return { namespace: DEMO.namespaces.demo, stream, id };
  });
  let next = 0;
  const one = async (i: number): Promise<void> => {
    if (mode === 'client') {
      const resource = await client.getImageStreamImage(refs[i]!, credential, {
        requestId: 'bench',
        deadline: Date.now() + 30_000,
        callerKey: 'bench',
        onAttempt: () => undefined,
      });
      if (resource.kind !== 'ImageStreamImage') throw new Error('client GET: not an image');
      return;
    }
    if (mode === 'bare-dispatch') {
      const { statusCode, text } = await dispatchGet(pool, paths[i]!, headers);
      const parsed = JSON.parse(text) as { kind?: string };
      if (statusCode !== 200 || parsed.kind !== 'ImageStreamImage') {
        throw new Error(`bare dispatch GET ${paths[i]}: HTTP ${statusCode}`);
      }
      return;
    }
    const response = await pool.request({ path: paths[i]!, method: 'GET', headers });
    const parsed = JSON.parse(await response.body.text()) as { kind?: string };
    if (response.statusCode !== 200 || parsed.kind !== 'ImageStreamImage') {
      throw new Error(`bare GET ${paths[i]}: HTTP ${response.statusCode}`);
    }
  };
  const run = async (untilMs: number): Promise<number> => {
    let gets = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < untilMs) {
          await one(next++ % names.length);
          gets++;
        }
      }),
    );
    return gets;
  };
  await run(performance.now() + warmupS * 1000);
  const before = process.cpuUsage();
  const gets = await run(performance.now() + durationS * 1000);
  const used = process.cpuUsage(before);
  await pool.close();
  await client.close();
  process.stdout.write(
    `${JSON.stringify({ gets, cpuUsPerGet: (used.user + used.system) / gets })}\n`,
  );
}

/** One GET through `pool.dispatch`: the status and the body, its chunks joined once. */
function dispatchGet(
  pool: Pool,
  path: string,
  headers: Record<string, string>,
): Promise<{ statusCode: number; text: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let statusCode = 0;
    pool.dispatch(
      { path, method: 'GET', headers },
      {
        onRequestStart: () => undefined,
        onResponseStart: (_controller, status) => {
          statusCode = status;
        },
        onResponseData: (_controller, chunk) => {
          chunks.push(chunk);
        },
        onResponseEnd: () => resolve({ statusCode, text: Buffer.concat(chunks).toString('utf8') }),
        onResponseError: (_controller, error) => reject(error),
      },
    );
  });
}

/** An ImageStreamImage as the bare clients read it: what the cold list's answer needs. */
interface BareImageStreamImage {
  image: {
    metadata: { name: string };
    dockerImageLayers?: unknown[];
    dockerImageManifests?: { digest: string }[];
  };
}

/** One GET of an ImageStreamImage with a bare undici Pool: `request`, `body.text()`, `JSON.parse`. */
function bareGetter(pool: Pool, token: string): (name: string) => Promise<BareImageStreamImage> {
  const headers = { accept: 'application/json', authorization: `Bearer ${token}` };
  return async (name) => {
    const response = await pool.request({ path: isiPath(name), method: 'GET', headers });
    const text = await response.body.text();
    if (response.statusCode !== 200)
      throw new Error(`bare GET ${name}: HTTP ${response.statusCode}`);
    return JSON.parse(text) as BareImageStreamImage;
  };
}

/** The cold list's two phases: the list's ImageStreamImage, then its children's in parallel. */
async function bareListOf(
  get: (name: string) => Promise<BareImageStreamImage>,
  name: string,
): Promise<{ list: BareImageStreamImage; children: BareImageStreamImage[] }> {
  const list = await get(name);
  const stream = name.split('@')[0] ?? '';
  const children = await Promise.all(
    (list.image.dockerImageManifests ?? []).map((m) => get(`${stream}@${m.digest}`)),
  );
  return { list, children };
}

/**
 * `--role bare-list`: the cold list's two phases with a bare undici Pool, at c=1, `requests`
 * times; prints the latencies. What the simulator's 5 ms (a timer, plus its own work) and this
 * machine's loopback really cost: the measured floor.
 */
async function bareListRole(
  url: string,
  token: string,
  names: string[],
  requests: number,
  warmupS: number,
): Promise<void> {
  const pool = new Pool(url, { connections: 8 });
  const get = bareGetter(pool, token);
  const once = async (name: string): Promise<number> => {
    const started = performance.now();
    await bareListOf(get, name);
    return performance.now() - started;
  };
  const warmEnd = performance.now() + warmupS * 1000;
  for (let i = 0; performance.now() < warmEnd; i += 1) await once(names[i % names.length]!);
  const times: number[] = [];
  for (let i = 0; i < requests; i += 1) times.push(await once(names[i % names.length]!));
  await pool.close();
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({ requests, p50: quantile(times, 0.5), p90: quantile(times, 0.9), min: times[0] })}\n`,
  );
}

/**
 * `--role bare-proxy`: the cold list behind the same extra hop as the gateway, with nothing of
 * the gateway but its body read: a node:http server that, per POST, `JSON.parse`s the body, reads the list and its
 * children as {@link bareListRole} does, and answers the list query's JSON (digests and layer
 * counts). What any Node server between the client and the API server pays for this query on
 * this machine: the floor of a proxy. Prints `{"ready":true,"url"}`; exits when stdin closes.
 */
async function bareProxyRole(url: string, token: string): Promise<void> {
  const pool = new Pool(url, { connections: 8 });
  const get = bareGetter(pool, token);
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Read as the gateway's HTTP front reads it (a body that came with the headers at once), so
    // that this floor is never slower than the gateway at what both do.
    const read = await readBodyWithin(req, res, 1 << 20);
    if (read === undefined) return;
    const { variables } = JSON.parse(read.toString('utf8')) as { variables: { name: string } };
    let text: string;
    try {
      const { list, children } = await bareListOf(get, variables.name);
      text = JSON.stringify({
        data: {
          imageStreamImage: {
            image: {
              digest: list.image.metadata.name,
              dockerImageManifests: children.map((child) => ({
                image: {
                  digest: child.image.metadata.name,
                  layerCount: child.image.dockerImageLayers?.length ?? 0,
                },
              })),
            },
          },
        },
      });
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ ready: true, url: `http://${HOST}:${port}` })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('close', () => {
    server.close();
    void pool.close().then(() => process.exit(0));
  });
}

/** `--role echo`: a TCP server that sends back what it reads; prints `{"ready":true,"port"}`. */
async function echoRole(): Promise<void> {
  const server = createNetServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => socket.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
  createInterface({ input: process.stdin }).on('close', () => process.exit(0));
}

/**
 * `--role rtt --port P`: `requests` round trips of 100 bytes to the echo server, back to back
 * and each after a 5 ms idle wait (what every hop of the cold list meets); prints the medians (µs).
 */
async function rttRole(port: number, requests: number): Promise<void> {
  const socket = connect(port, HOST);
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once('connect', resolve));
  const payload = Buffer.alloc(100, 1);
  const roundTrips = async (idleMs: number): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
      const started = performance.now();
      await new Promise((resolve) => {
        socket.once('data', resolve);
        socket.write(payload);
      });
      times.push((performance.now() - started) * 1000);
    }
    return quantile(
      times.sort((a, b) => a - b),
      0.5,
    );
  };
  const backToBack = await roundTrips(0);
  const afterIdle = await roundTrips(5);
  socket.destroy();
  process.stdout.write(`${JSON.stringify({ backToBackUs: backToBack, afterIdleUs: afterIdle })}\n`);
}

// ------------------------------------------------------------------------------------ runner

interface Sim {
  url: string;
  pid: number;
  token: string;
  singles: string[];
  lists: string[];
  count(): Promise<number>;
  stop(): void;
}

async function startSim(latencyMs: number, exactLatency = false): Promise<Sim> {
  const child = spawnPinned(
    LOAD_CPU,
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/upstream-cost.ts',
      '--role',
      'sim',
      '--latency-ms',
      `${latencyMs}`,
      ...(exactLatency ? ['--exact-latency'] : []),
    ],
    { stdin: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
  );
  const lines = createInterface({ input: child.stdout! });
  const waiters: ((line: Record<string, unknown>) => void)[] = [];
  lines.on('line', (line) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    waiters.shift()?.(parsed);
  });
  const nextLine = (): Promise<Record<string, unknown>> =>
    new Promise((resolve) => waiters.push(resolve));
  const ready = await nextLine();
  return {
    url: String(ready.url),
    pid: Number(ready.pid),
    token: String(ready.token),
    singles: ready.singles as string[],
    lists: ready.lists as string[],
    async count() {
      const reply = nextLine();
      child.stdin!.write('count\n');
      return Number((await reply).count);
    },
    stop: () => child.stdin!.end(),
  };
}

function isiPath(name: string): string {
  const [stream = '', id = ''] = name.split('@');
  return (
    `/apis/image.openshift.io/v1/namespaces/${DEMO.namespaces.demo}/imagestreamimages/` +
    `${encodeURIComponent(stream)}@${encodeURIComponent(id)}`
  );
}

/**
 * Runs this file as `role` against `sim` for `names`, pinned to the gateway's CPU, and returns
 * its last JSON line.
 */
async function childRole<T>(
  role: string,
  sim: Sim,
  names: readonly string[],
  extra: readonly string[],
): Promise<T> {
  return runRole<T>(SUT_CPU, [
    role,
    '--url',
    sim.url,
    '--token',
    sim.token,
    '--names',
    names.join(','),
    ...extra,
  ]);
}

/** The node arguments that run this file as `--role ...args`. */
const roleArgs = (args: readonly string[]): string[] => [
  '--import',
  'tsx',
  'bench/upstream-cost.ts',
  '--role',
  ...args,
];

/** Runs this file as `--role ...args` pinned to `cpu` until it exits; returns its last JSON line. */
async function runRole<T>(cpu: number, args: readonly string[]): Promise<T> {
  const child = spawnPinned(cpu, process.execPath, roleArgs(args));
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${args[0]} child failed (${code}): ${err}`);
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** Starts this file as `--role ...args` pinned to `cpu`; its first JSON line, and a stop. */
async function startRole<T>(cpu: number, args: readonly string[]): Promise<T & { stop(): void }> {
  const child = spawnPinned(cpu, process.execPath, roleArgs(args), { stdin: 'pipe' });
  const ready = await new Promise<T>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve(JSON.parse(line) as T),
    );
    child.once('exit', (code) => reject(new Error(`${args[0]} child exited (${code})`)));
  });
  return { ...ready, stop: () => child.stdin!.end() };
}

/**
 * The loopback round trip between the two CPUs (echo on the simulator's, the client on the
 * gateway's), back to back and after a 5 ms idle wait.
 */
async function loopbackRoundTrip(
  options: Options,
): Promise<{ backToBackUs: number; afterIdleUs: number }> {
  const echo = await startRole<{ port: number }>(LOAD_CPU, ['echo']);
  try {
    return await runRole(SUT_CPU, [
      'rtt',
      '--port',
      `${echo.port}`,
      '--latency-requests',
      `${options.latencyRequests}`,
    ]);
  } finally {
    echo.stop();
  }
}

/**
 * The cold list at c=1, one round: the gateway, the bare Pool's two phases (the floor), and the
 * same two phases behind a bare node:http proxy (the floor with the gateway's extra hop).
 */
interface ListLatency {
  latency: LatencySummary;
  floor: LatencySummary;
  proxy: LatencySummary;
}

/** Latencies of a c=1 run, in ms. */
interface LatencySummary {
  requests: number;
  p50: number;
  p90: number;
  min: number;
}

/** The measured floor of the cold list: {@link bareListRole} in a child on the gateway's CPU. */
function bareList(sim: Sim, options: Options): Promise<LatencySummary> {
  return childRole<LatencySummary>('bare-list', sim, sim.lists, [
    '--latency-requests',
    `${options.latencyRequests}`,
    '--latency-warmup',
    `${options.latencyWarmupS}`,
  ]);
}

/** {@link bareProxyRole} in a child on the gateway's CPU, until `stop`. */
function startBareProxy(sim: Sim): Promise<{ url: string; stop(): void }> {
  return startRole<{ url: string }>(SUT_CPU, [
    'bare-proxy',
    '--url',
    sim.url,
    '--token',
    sim.token,
  ]);
}

/** Latencies of `requests` queries at c=1 after `warmupS` seconds of them. */
async function latencyAtC1(
  url: string,
  token: string,
  bodies: readonly string[],
  requests: number,
  warmupS: number,
): Promise<LatencySummary> {
  await load(url, token, bodies, 1, performance.now() + warmupS * 1000);
  const times = (await load(url, token, bodies, 1, performance.now() + 60_000, requests)).sort(
    (a, b) => a - b,
  );
  return {
    requests: times.length,
    p50: quantile(times, 0.5),
    p90: quantile(times, 0.9),
    min: times[0] ?? NaN,
  };
}

async function bare(sim: Sim, options: Options, mode: BareMode): Promise<number> {
  const result = await childRole<{ cpuUsPerGet: number }>(mode, sim, sim.singles, [
    '--concurrency',
    `${options.concurrency}`,
    '--warmup',
    `${options.warmupS}`,
    '--duration',
    `${options.durationS}`,
  ]);
  return result.cpuUsPerGet;
}

/** Sends `bodies` round-robin at `concurrency` until `untilMs`; returns the latencies (ms). */
async function load(
  url: string,
  token: string,
  bodies: readonly string[],
  concurrency: number,
  untilMs: number,
  maxRequests = Number.POSITIVE_INFINITY,
): Promise<number[]> {
  const pool = new Pool(url, { connections: concurrency });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < untilMs && latencies.length < maxRequests) {
          const requestBody = bodies[next++ % bodies.length]!;
          const started = performance.now();
          const response = await pool.request({
            path: '/graphql',
            method: 'POST',
            headers,
            body: requestBody,
          });
          const text = await response.body.text();
          latencies.push(performance.now() - started);
          if (response.statusCode !== 200 || text.includes('"errors"')) {
            throw new Error(`query failed: HTTP ${response.statusCode} ${text.slice(0, 300)}`);
          }
        }
      }),
    );
  } finally {
    await pool.close();
  }
  return latencies;
}

interface Measured {
  scenario: string;
  requests: number;
  cpuUsPerQuery: number;
  getsPerQuery: number;
}

async function startGateway(sim: Sim, cold: boolean): Promise<ServeProcess> {
  return startServe(SUT_CPU, 'gateway', ['--upstream', sim.url, '--mem-interval-ms', '5000'], {
    LOG_LEVEL: 'silent',
    // Cold: every query asks the API server (TTL 0: the cache stores nothing); warm: none.
    CACHE_ACCESS_TTL_SECONDS: cold ? '0' : '3600',
    MAX_UPSTREAM_CALLS_PER_REQUEST: '100',
  });
}

async function measure(
  scenario: string,
  sim: Sim,
  query: string,
  names: readonly string[],
  cold: boolean,
  options: Options,
): Promise<Measured> {
  const gateway = await startGateway(sim, cold);
  try {
    const bodies = names.map((name) => body(query, { ns: DEMO.namespaces.demo, name }));
    expectData(`${scenario}: check`, await postOnce(gateway.url, bodies[0]!, sim.token));
    await load(
      gateway.url,
      sim.token,
      bodies,
      options.concurrency,
      performance.now() + options.warmupS * 1000,
    );
    const gets0 = await sim.count();
    const cpu0 = cpuMicros(gateway.pid);
    const latencies = await load(
      gateway.url,
      sim.token,
      bodies,
      options.concurrency,
      performance.now() + options.durationS * 1000,
    );
    const cpu1 = cpuMicros(gateway.pid);
    const gets1 = await sim.count();
    return {
      scenario,
      requests: latencies.length,
      cpuUsPerQuery: (cpu1 - cpu0) / latencies.length,
      getsPerQuery: (gets1 - gets0) / latencies.length,
    };
  } finally {
    await gateway.stop();
  }
}

interface Options {
  rounds: number;
  durationS: number;
  warmupS: number;
  concurrency: number;
  latencyRequests: number;
  /**
   * Seconds of c=1 queries before each cold-list measurement, for the floor, the proxy and the
   * gateway alike: V8 tiers code up by use, and at c=1 a 2 s warm-up leaves the gateway's larger
   * code partly unoptimised (bench/README.md, thirteenth pass).
   */
  latencyWarmupS: number;
  /** Rounds of the cold list's latency (floor, proxy floor, gateway each). */
  latencyRounds: number;
  /** Only the cold list's latency, not the CPU per GET. */
  latencyOnly: boolean;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** The median (the mean of the middle two for an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function runner(options: Options): Promise<void> {
  // The runner and its load share CPU 1 with the simulator; the system under test has CPU 0.
  spawnSync('taskset', ['-p', '-c', `${LOAD_CPU}`, `${process.pid}`], { stdio: 'ignore' });
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    encoding: 'utf8',
  }).stdout.trim();
  console.log(
    `upstream-cost: node ${process.version}; commit ${commit}; c=${options.concurrency}, warm-up ${options.warmupS}s, ${options.durationS}s per scenario; cold list: ${options.latencyRounds} round(s) of ${options.latencyRequests} queries after ${options.latencyWarmupS}s of them`,
  );
  const cpu = options.latencyOnly ? undefined : await cpuPerGet(options);
  const latency = await coldListLatency(options);
  console.log(
    JSON.stringify({
      upstreamCost: { commit, node: process.version, options, ...cpu, ...latency },
    }),
  );
}

/** Part 1: the gateway's CPU per upstream GET against the bare GETs; prints its tables. */
async function cpuPerGet(options: Options): Promise<Record<string, unknown>> {
  // Rounds alternate the scenarios, so that drift of this shared machine hits all of them alike;
  // each figure is the median over the rounds.
  const sim = await startSim(0);
  const rounds: {
    bareUs: number;
    dispatchUs: number;
    clientUs: number;
    results: Measured[];
  }[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      process.stdout.write(`  round ${round}: bare undici GET + JSON.parse`);
      const bareUs = await bare(sim, options, 'bare');
      process.stdout.write(', bare undici dispatch');
      const dispatchUs = await bare(sim, options, 'bare-dispatch');
      process.stdout.write(', upstream client alone');
      const clientUs = await bare(sim, options, 'client');
      const results: Measured[] = [];
      for (const [scenario, query, names, cold] of [
        ['single-cold', SINGLE, sim.singles, true],
        ['single-warm', SINGLE, sim.singles, false],
        ['list6-cold', LIST, sim.lists, true],
        ['list6-warm', LIST, sim.lists, false],
      ] as const) {
        process.stdout.write(`, ${scenario}`);
        results.push(await measure(scenario, sim, query, names, cold, options));
      }
      process.stdout.write('\n');
      rounds.push({ bareUs, dispatchUs, clientUs, results });
    }
  } finally {
    sim.stop();
  }
  const bareUs = median(rounds.map((r) => r.bareUs));
  const dispatchUs = median(rounds.map((r) => r.dispatchUs));
  const clientUs = median(rounds.map((r) => r.clientUs));
  const results: Measured[] = rounds[0]!.results.map((first) => {
    const all = rounds.map((r) => r.results.find((m) => m.scenario === first.scenario)!);
    return {
      scenario: first.scenario,
      requests: all.reduce((sum, m) => sum + m.requests, 0),
      cpuUsPerQuery: median(all.map((m) => m.cpuUsPerQuery)),
      getsPerQuery: median(all.map((m) => m.getsPerQuery)),
    };
  });

  // Per GET within each round (its cold and warm ran minutes apart at most), then the median.
  const perGet = (round: { results: Measured[] }, cold: string, warm: string): number => {
    const c = round.results.find((r) => r.scenario === cold)!;
    const w = round.results.find((r) => r.scenario === warm)!;
    return (c.cpuUsPerQuery - w.cpuUsPerQuery) / c.getsPerQuery;
  };
  const single = median(rounds.map((r) => perGet(r, 'single-cold', 'single-warm')));
  const list = median(rounds.map((r) => perGet(r, 'list6-cold', 'list6-warm')));

  for (const [i, round] of rounds.entries()) {
    console.log(
      `round ${i + 1}: bare ${round.bareUs.toFixed(0)} µs/GET, dispatch ${round.dispatchUs.toFixed(0)} µs/GET, client ${round.clientUs.toFixed(0)} µs/GET; ` +
        round.results
          .map((r) => `${r.scenario} ${r.cpuUsPerQuery.toFixed(0)} µs/query`)
          .join(', ') +
        `; per GET: single ${perGet(round, 'single-cold', 'single-warm').toFixed(0)}, list ${perGet(round, 'list6-cold', 'list6-warm').toFixed(0)} µs`,
    );
  }
  console.log('\nmedians over the rounds:');
  console.log('\n| scenario | queries | gateway CPU µs/query | upstream GETs/query |');
  console.log('|---|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.requests} | ${r.cpuUsPerQuery.toFixed(0)} | ${r.getsPerQuery.toFixed(2)} |`,
    );
  }
  const above = (us: number): string =>
    `${(us - bareUs).toFixed(0)} | ${(us - dispatchUs).toFixed(0)}`;
  console.log(
    '\n| upstream path | CPU µs per GET | above the bare GET | above the bare dispatch |',
  );
  console.log('|---|---:|---:|---:|');
  console.log(
    `| bare undici GET (request + body.text()) + JSON.parse | ${bareUs.toFixed(0)} | - | - |`,
  );
  console.log(
    `| bare undici dispatch (chunks kept) + JSON.parse | ${dispatchUs.toFixed(0)} | ${above(dispatchUs)} |`,
  );
  console.log(
    `| the gateway's upstream client alone (GET, checks, events) | ${clientUs.toFixed(0)} | ${above(clientUs)} |`,
  );
  console.log(`| gateway, single image (cold - warm) | ${single.toFixed(0)} | ${above(single)} |`);
  console.log(`| gateway, list of 6 (cold - warm) / GETs | ${list.toFixed(0)} | ${above(list)} |`);
  return {
    bareCpuUsPerGet: bareUs,
    bareDispatchCpuUsPerGet: dispatchUs,
    clientCpuUsPerGet: clientUs,
    rounds,
    scenarios: results,
    gatewayCpuUsPerGet: { single, list },
    aboveBareUs: { single: single - bareUs, list: list - bareUs },
    aboveBareDispatchUs: { single: single - dispatchUs, list: list - dispatchUs },
  };
}

/** Part 2: the cold list's latency at c=1 against the ideal and the two floors; prints it. */
async function coldListLatency(options: Options): Promise<Record<string, unknown>> {
  // Latency: a cold list of 6 children at 5 ms per GET, c=1, against a simulator whose 5 ms is a
  // timer (up to ~1 ms late), then against one that answers 5 ms after arrival (exactLatency).
  // Each round measures the floor, the proxy floor and the gateway, in that order; a figure is
  // the median over the rounds.
  const coldList = async (exact: boolean): Promise<ListLatency[]> => {
    const slow = await startSim(5, exact);
    const bodies = slow.lists.map((name) => body(LIST, { ns: DEMO.namespaces.demo, name }));
    const measured: ListLatency[] = [];
    try {
      for (let round = 0; round < options.latencyRounds; round++) {
        const floor = await bareList(slow, options);
        const proxyServer = await startBareProxy(slow);
        let proxy: LatencySummary;
        try {
          proxy = await latencyAtC1(
            proxyServer.url,
            slow.token,
            bodies,
            options.latencyRequests,
            options.latencyWarmupS,
          );
        } finally {
          proxyServer.stop();
        }
        const gateway = await startGateway(slow, true);
        try {
          const latency = await latencyAtC1(
            gateway.url,
            slow.token,
            bodies,
            options.latencyRequests,
            options.latencyWarmupS,
          );
          measured.push({ latency, floor, proxy });
        } finally {
          await gateway.stop();
        }
      }
    } finally {
      slow.stop();
    }
    return measured;
  };
  const rtt = await loopbackRoundTrip(options);
  console.log(
    `\nloopback round trip between CPU ${SUT_CPU} and CPU ${LOAD_CPU} (100 bytes, ${options.latencyRequests} each): median ${rtt.backToBackUs.toFixed(0)} µs back to back, ${rtt.afterIdleUs.toFixed(0)} µs after 5 ms idle; the cold list crosses it three times (client and gateway, then each phase): the ideal 10 ms + 3 round trips = ${(10 + (3 * rtt.afterIdleUs) / 1000).toFixed(2)} ms`,
  );
  const timerList = await coldList(false);
  const exactList = await coldList(true);
  const ms = (value: number): string => `${value.toFixed(2)} ms`;
  const range = (values: number[]): string =>
    values.length === 1 ? '' : ` (rounds ${values.map((v) => v.toFixed(2)).join(', ')})`;
  for (const [label, measured] of [
    ['a 5 ms timer', timerList],
    ['answered 5 ms after arrival (exactLatency)', exactList],
  ] as const) {
    const p50 = (pick: (m: ListLatency) => LatencySummary): number[] =>
      measured.map((m) => pick(m).p50);
    const gateway = median(p50((m) => m.latency));
    const floor = median(p50((m) => m.floor));
    const proxy = median(p50((m) => m.proxy));
    console.log(
      `\ncold list of 6 children, c=1, simulator ${label}, ${measured.length} round(s) of ${options.latencyRequests} queries, median of the round medians:`,
    );
    console.log(
      `  gateway ${ms(gateway)} (${(gateway / 10).toFixed(3)}x the ideal 10 ms)${range(p50((m) => m.latency))}`,
    );
    console.log(
      `  bare undici Pool, the two phases (floor) ${ms(floor)} (${(floor / 10).toFixed(3)}x)${range(p50((m) => m.floor))}`,
    );
    console.log(
      `  bare node:http proxy of the two phases (floor with the gateway's hop) ${ms(proxy)} (${(proxy / 10).toFixed(3)}x)${range(p50((m) => m.proxy))}`,
    );
    console.log(
      `  the gateway: ${(gateway / floor).toFixed(3)}x the floor, ${(gateway / proxy).toFixed(3)}x the proxy floor; p90 gateway ${ms(median(measured.map((m) => m.latency.p90)))}, proxy ${ms(median(measured.map((m) => m.proxy.p90)))}`,
    );
  }
  return { loopbackRoundTrip: rtt, list6Timer: timerList, list6Exact: exactList };
}

// ------------------------------------------------------------------------------------- main

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    'latency-ms': { type: 'string' },
    'exact-latency': { type: 'boolean', default: false },
    url: { type: 'string' },
    token: { type: 'string' },
    names: { type: 'string' },
    concurrency: { type: 'string' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    'latency-requests': { type: 'string' },
    'latency-rounds': { type: 'string' },
    'latency-warmup': { type: 'string' },
    'latency-only': { type: 'boolean', default: false },
    port: { type: 'string' },
    rounds: { type: 'string' },
  },
});

const number = (raw: string | undefined, fallback: number): number => {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`expected a number >= 0, but got: '${raw}'`);
  return value;
};

const options: Options = {
  rounds: Math.max(1, number(values.rounds, 2)),
  durationS: number(values.duration, 8),
  warmupS: number(values.warmup, 4),
  concurrency: number(values.concurrency, 10),
  latencyRequests: number(values['latency-requests'], 300),
  latencyWarmupS: number(values['latency-warmup'], 6),
  latencyRounds: Math.max(1, number(values['latency-rounds'], 1)),
  latencyOnly: values['latency-only'],
};

const main = (): Promise<void> => {
  switch (values.role) {
    case 'sim':
      return simRole(number(values['latency-ms'], 0), values['exact-latency']);
    case 'bare':
    case 'bare-dispatch':
    case 'client':
      return bareRole(
        values.role,
        values.url ?? '',
        values.token ?? '',
        (values.names ?? '').split(','),
        options.concurrency,
        options.warmupS,
        options.durationS,
      );
    case 'bare-proxy':
      return bareProxyRole(values.url ?? '', values.token ?? '');
    case 'echo':
      return echoRole();
    case 'rtt':
      return rttRole(number(values.port, 0), options.latencyRequests);
    case 'bare-list':
      return bareListRole(
        values.url ?? '',
        values.token ?? '',
        (values.names ?? '').split(','),
        options.latencyRequests,
        options.latencyWarmupS,
      );
    case undefined:
      return runner(options);
    default:
      throw new Error(
        `--role must be sim, bare, bare-dispatch, client, bare-list, bare-proxy, echo or rtt, but got: '${values.role}'`,
      );
  }
};

main().then(
  () => {
    if (values.role === undefined) process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(
      `bench/upstream-cost.ts: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
