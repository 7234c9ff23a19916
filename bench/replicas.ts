/**
 * Issue #10: what a second cache tier in Redis buys when the gateway runs as several replicas.
 *
 * One run, on 127.0.0.1 only, bounded (well under 60 s):
 * 1. GETs per page view and page-view latency for one replica, two replicas without Redis, and two
 *    replicas sharing one Redis. A page view is what a console shows for a stream: a manifest list
 *    with its children, and a page of three images of another stream. `--callers` callers each view
 *    the page `--views` times, spread round-robin over the replicas (as a Service would).
 * 2. The latency of one image answered from each tier, end to end over HTTP: a process (L1) hit, a
 *    Redis (L2) hit (the replica's process cache emptied before each request), and an upstream GET
 *    (a replica without Redis, its process cache emptied before each request).
 *
 * Replicas are `createGateway` instances in this process, each with its own process cache,
 * upstream client and Redis connection: they share nothing but Redis (and this CPU). The simulator
 * answers every upstream request after `--upstream-latency-ms` (a real API server is not on
 * loopback). Redis is Debian's redis-server on a free port, no persistence, stopped at the end.
 *
 *   npx tsx bench/replicas.ts [--callers 20] [--views 4] [--samples 300] [--upstream-latency-ms 5]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startSimulator, DEMO, type Simulator } from '../src/simulator/index.js';
import { createGateway, type Gateway } from '../src/server/create-gateway.js';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { startRedisServer, type RedisServer } from '../test/support/redis-server.js';

const { values: args } = parseArgs({
  options: {
    callers: { type: 'string', default: '20' },
    views: { type: 'string', default: '4' },
    samples: { type: 'string', default: '300' },
    'upstream-latency-ms': { type: 'string', default: '5' },
  },
});
const CALLERS = Number(args.callers);
const VIEWS = Number(args.views);
const SAMPLES = Number(args.samples);
const UPSTREAM_LATENCY_MS = Number(args['upstream-latency-ms']);
const SECRET = 'bench-shared-secret-0123456789abcdef';
const DEADLINE = Date.now() + 55_000;

const { demo } = DEMO.namespaces;
const PAGE = `{
  list: imageStreamImage(namespace: "${demo}", name: "${DEMO.streams.ubuntu}@${DEMO.digests.manifestList}") {
    metadata { name } image { digest dockerImageManifests { architecture image { digest layerCount signatures { metadata { name } } } } }
  }
  app: imageStreamImages(namespace: "${demo}", names: ["${DEMO.streams.app}@${DEMO.digests.appV1}", "${DEMO.streams.app}@${DEMO.digests.appV2}", "${DEMO.streams.app}@${DEMO.digests.appV3}"]) {
    metadata { name } image { digest layerCount }
  }
}`;
const SINGLE = `{
  imageStreamImage(namespace: "${demo}", name: "${DEMO.streams.python}@${DEMO.digests.python}") {
    metadata { name annotations { key value } } image { digest layerCount dockerImageReference signatures { metadata { name } } }
  }
}`;

const logger = createLogger('silent');

async function post(url: string, query: string, token: string): Promise<void> {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`127.0.0.1 only, not ${url}`);
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const parsed = (await response.json()) as { errors?: unknown[] };
  if (response.status !== 200 || parsed.errors !== undefined) {
    throw new Error(`unexpected answer ${response.status}: ${JSON.stringify(parsed.errors)}`);
  }
}

async function replica(
  simulator: Simulator,
  redis: RedisServer | undefined,
): Promise<{ gateway: Gateway; url: string }> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    METRICS_ENABLED: 'false',
    ...(redis === undefined ? {} : { REDIS_URL: redis.url, CACHE_SHARED_SECRET: SECRET }),
  });
  const gateway = await createGateway(config, {
    logger,
    tracing: false,
    upstream: { baseUrl: simulator.url },
  });
  return { gateway, url: await gateway.listen(0, '127.0.0.1') };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

function summary(ms: number[]): { p50: number; p95: number; mean: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const mean = ms.reduce((s, x) => s + x, 0) / ms.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    mean: round(mean),
  };
}

const imageGets = (simulator: Simulator): number =>
  simulator.requests.count({ path: /\/imagestreamimages\//, method: 'GET' });

/** Scenario 1: page views over `count` replicas, with or without Redis. */
async function pageViews(count: number, redis: RedisServer | undefined) {
  const simulator = await startSimulator();
  simulator.setLatency(UPSTREAM_LATENCY_MS);
  if (redis !== undefined) await redis.command('FLUSHALL');
  const replicas = [];
  for (let i = 0; i < count; i += 1) replicas.push(await replica(simulator, redis));
  const tokens = Array.from({ length: CALLERS }, (_, i) => {
    simulator.addUser({ name: `caller-${i}`, namespaces: [demo] });
    return simulator.token(`caller-${i}`);
  });
  const latencies: number[] = [];
  const getsPerRound: number[] = [];
  try {
    for (let view = 0; view < VIEWS; view += 1) {
      const before = imageGets(simulator);
      for (const [i, token] of tokens.entries()) {
        if (Date.now() > DEADLINE) throw new Error('over the time bound');
        // Each view of a caller lands on the next replica: a Service does not pin callers.
        const target = replicas[(i + view) % replicas.length]!;
        const started = performance.now();
        await post(target.url, PAGE, token);
        latencies.push(performance.now() - started);
        // Writes to Redis are fire-and-forget; a page view a moment later sees them.
        await target.gateway.server.cache.flush();
      }
      getsPerRound.push(imageGets(simulator) - before);
    }
    const views = latencies.length;
    const perView = (gets: number, n: number) => Math.round((gets / n) * 1000) / 1000;
    return {
      replicas: count,
      redis: redis !== undefined,
      pageViews: views,
      imageGets: imageGets(simulator),
      getsPerPageView: perView(imageGets(simulator), views),
      getsPerFirstView: perView(getsPerRound[0] ?? 0, tokens.length),
      getsPerSecondView: perView(getsPerRound[1] ?? 0, tokens.length),
      latencyMs: summary(latencies),
    };
  } finally {
    for (const r of replicas) await r.gateway.close(1_000);
    await simulator.close();
  }
}

/** Scenario 2: one image from each tier, end to end. */
async function tierLatency(redis: RedisServer) {
  const simulator = await startSimulator();
  simulator.setLatency(UPSTREAM_LATENCY_MS);
  await redis.command('FLUSHALL');
  const a = await replica(simulator, redis);
  const b = await replica(simulator, redis);
  const plain = await replica(simulator, undefined);
  const token = simulator.token(DEMO.users.developer);
  try {
    await post(a.url, SINGLE, token);
    await a.gateway.server.cache.flush();
    const measure = async (url: string, before: () => void) => {
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES && Date.now() < DEADLINE; i += 1) {
        before();
        const started = performance.now();
        await post(url, SINGLE, token);
        ms.push(performance.now() - started);
      }
      return ms;
    };
    // Warm-up of each path (JIT, connections), not measured.
    await measure(b.url, () => undefined);
    const l1 = await measure(b.url, () => undefined);
    const getsBefore = imageGets(simulator);
    const l2 = await measure(b.url, () => b.gateway.server.cache.clear());
    const l2Gets = imageGets(simulator) - getsBefore;
    const upstream = await measure(plain.url, () => plain.gateway.server.cache.clear());
    return {
      samples: l1.length,
      l1HitMs: summary(l1),
      l2HitMs: summary(l2),
      l2HitUpstreamGets: l2Gets,
      upstreamGetMs: summary(upstream),
    };
  } finally {
    for (const r of [a, b, plain]) await r.gateway.close(1_000);
    await simulator.close();
  }
}

async function main(): Promise<void> {
  const redis = await startRedisServer();
  try {
    const started = Date.now();
    const scenarios = [
      await pageViews(1, undefined),
      await pageViews(2, undefined),
      await pageViews(2, redis),
    ];
    const tiers = await tierLatency(redis);
    const result = {
      date: new Date().toISOString(),
      callers: CALLERS,
      viewsPerCaller: VIEWS,
      upstreamLatencyMs: UPSTREAM_LATENCY_MS,
      scenarios,
      tiers,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      // The machine is shared: latency figures mean little when this is high.
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      '\n| replicas | Redis | page views | imagestreamimages GETs | GETs / page view | GETs / first view | GETs / second view | p50 ms | p95 ms |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const s of scenarios) {
      console.log(
        `| ${s.replicas} | ${s.redis ? 'yes' : 'no'} | ${s.pageViews} | ${s.imageGets} | ${s.getsPerPageView} | ${s.getsPerFirstView} | ${s.getsPerSecondView} | ${s.latencyMs.p50} | ${s.latencyMs.p95} |`,
      );
    }
    console.log('\n| one image from | p50 ms | p95 ms | mean ms |');
    console.log('|---|---|---|---|');
    for (const [name, s] of [
      ['process cache (L1 hit)', tiers.l1HitMs],
      ['Redis (L2 hit)', tiers.l2HitMs],
      [`upstream GET (simulator, +${UPSTREAM_LATENCY_MS} ms)`, tiers.upstreamGetMs],
    ] as const) {
      console.log(`| ${name} | ${s.p50} | ${s.p95} | ${s.mean} |`);
    }
  } finally {
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
