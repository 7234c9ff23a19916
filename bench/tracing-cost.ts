/**
 * What tracing costs: throughput and latency of the same gateway with tracing off and on, in one
 * run, against the embedded simulator with every image served from the cache (so only the
 * operation span is recorded; upstream GETs would add one span each).
 *
 *   npx tsx bench/tracing-cost.ts [--duration 5] [--connections 16] [--rounds 3]
 *
 * Both gateways run in this process, with the same configuration (metrics on, the default) except
 * OTEL_EXPORTER_OTLP_ENDPOINT. The load generator (undici, keep-alive, `connections` concurrent
 * closed loops) and the OTLP/HTTP sink that receives and discards the spans run in a child
 * process, so `process.cpuUsage()` here is the gateway's own CPU time: CPU µs per request is the
 * figure that resists a busy machine; req/s and latencies move with whatever else runs. Rounds
 * alternate the order of the two modes to spread drift over both. Loopback (127.0.0.1) only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startSimulator, DEMO } from '../src/simulator/index.js';
import { loadConfig } from '../src/server/config.js';
import { createGateway, type Gateway } from '../src/server/create-gateway.js';
import { createLogger } from '../src/server/logger.js';
import { createTracing, type GatewayTracing } from '../src/server/tracing.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
  },
});
const durationMs = Number(values.duration) * 1000;
const connections = Number(values.connections);
const rounds = Number(values.rounds);

interface RoundResult {
  /** CPU time of this process (gateway; the simulator idles) per request, in microseconds. */
  cpuMicrosPerRequest?: number;
  readonly requests: number;
  readonly failures: number;
  readonly elapsedMs: number;
  readonly p50: number;
  readonly p99: number;
}

/** The load process: an OTLP/HTTP sink, and a closed-loop load generator on command. */
const LOADER = `
const http = require('node:http');
const parentPort = { postMessage: (m) => process.send(m), on: (e, f) => process.on(e, f), close: () => process.disconnect() };
(async () => {
  const { Pool } = await import(process.env.BENCH_UNDICI_URL);
  let spanBatches = 0;
  let spanBytes = 0;
  const sink = http.createServer((req, res) => {
    req.on('data', (chunk) => { spanBytes += chunk.length; });
    req.on('end', () => { spanBatches += 1; res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); });
  });
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
  parentPort.postMessage({ type: 'ready', sinkPort: sink.address().port });
  parentPort.on('message', async (job) => {
    if (job.type === 'stop') { sink.close(); parentPort.close(); return; }
    if (job.type === 'sink') { parentPort.postMessage({ type: 'sink', spanBatches, spanBytes }); return; }
    const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1 });
    const latencies = [];
    let failures = 0;
    const started = performance.now();
    const until = started + job.durationMs;
    const loop = async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          const res = await pool.request({ path: '/graphql', method: 'POST', headers: job.headers, body: job.body });
          const text = await res.body.text();
          if (res.statusCode !== 200 || text.includes('"errors"')) failures += 1;
        } catch { failures += 1; }
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: job.connections }, loop));
    const elapsedMs = performance.now() - started;
    await pool.close();
    latencies.sort((a, b) => a - b);
    const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    parentPort.postMessage({ type: 'result', requests: latencies.length, failures, elapsedMs, p50: at(0.5), p99: at(0.99) });
  });
})();
`;

function nextMessage<T>(worker: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }): void => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(message as T);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  const simulator = await startSimulator();
  const worker = spawn(process.execPath, ['-e', LOADER], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_UNDICI_URL: import.meta.resolve('undici') },
  });
  // The load process never outlives this one, even on a crash.
  process.once('exit', () => worker.kill());
  const { sinkPort } = await nextMessage<{ sinkPort: number }>(worker, 'ready');
  // Access records outlive the run: every measured request is served from the cache.
  const config = loadConfig({ LOG_LEVEL: 'silent', CACHE_ACCESS_TTL_SECONDS: '86400' });
  const logger = createLogger('silent');
  const token = simulator.token(DEMO.users.developer);

  const build = (tracing: GatewayTracing | undefined): Promise<Gateway> =>
    createGateway(config, {
      logger,
      tracing: tracing ?? false,
      upstream: { baseUrl: simulator.url, serviceCredential: () => Promise.resolve({ token }) },
    });
  const tracing = createTracing({ export: { endpoint: `http://127.0.0.1:${sinkPort}` } });
  const modes = [
    { name: 'tracing off', gateway: await build(undefined) },
    { name: 'tracing on ', gateway: await build(tracing) },
  ];
  const body = JSON.stringify({
    query: `query ManifestList { imageStreamImage(namespace: "${DEMO.namespaces.demo}", name: "ubuntu@${DEMO.digests.manifestList}") {
      image { digest dockerImageManifests { digest image { digest layerCount } } } } }`,
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const urls: string[] = [];
  for (const mode of modes) {
    const url = await mode.gateway.listen(0, '127.0.0.1');
    urls.push(url);
    // Warm this gateway's cache: every later request is 3 cache hits, 0 upstream GETs.
    const warm = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
    const text = await warm.text();
    if (warm.status !== 200 || text.includes('"errors"'))
      throw new Error(`warm-up failed: ${text}`);
  }
  const upstreamAfterWarmUp = simulator.requests.count();

  const results: RoundResult[][] = modes.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      worker.send({
        type: 'run',
        origin: urls[i],
        connections,
        durationMs,
        headers,
        body,
      });
      const cpu = process.cpuUsage();
      const result = await nextMessage<RoundResult>(worker, 'result');
      const used = process.cpuUsage(cpu);
      result.cpuMicrosPerRequest = (used.user + used.system) / result.requests;
      results[i]?.push(result);
      const rps = (result.requests / result.elapsedMs) * 1000;
      process.stdout.write(
        `round ${round + 1} ${modes[i]?.name}: ${rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, CPU ${result.cpuMicrosPerRequest.toFixed(0)} µs/req, failures ${result.failures}\n`,
      );
    }
  }
  await tracing.forceFlush();
  const sink = await nextMessage<{ spanBatches: number; spanBytes: number }>(
    (worker.send({ type: 'sink' }), worker),
    'sink',
  );

  const summary = modes.map((mode, i) => {
    const all = results[i] ?? [];
    const requests = all.reduce((n, r) => n + r.requests, 0);
    const elapsed = all.reduce((n, r) => n + r.elapsedMs, 0);
    const median = (pick: (r: RoundResult) => number) =>
      all.map(pick).sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? NaN;
    return {
      mode: mode.name.trim(),
      reqPerSec: Math.round((requests / elapsed) * 1000),
      p50Ms: Number(median((r) => r.p50).toFixed(2)),
      p99Ms: Number(median((r) => r.p99).toFixed(2)),
      cpuMicrosPerRequest: Math.round(median((r) => r.cpuMicrosPerRequest ?? NaN)),
      failures: all.reduce((n, r) => n + r.failures, 0),
    };
  });
  const [off, on] = summary;
  // Paired by round (both modes measured back to back), which cancels slow drift in machine load.
  const ratios = Array.from({ length: rounds }, (_, r) => {
    const a = results[0]?.[r];
    const b = results[1]?.[r];
    return a === undefined || b === undefined
      ? NaN
      : b.requests / b.elapsedMs / (a.requests / a.elapsedMs);
  }).sort((x, y) => x - y);
  const medianRatio = ratios[Math.floor(ratios.length / 2)] ?? NaN;
  process.stdout.write(`\n${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(
    `per-round throughput ratio on/off: ${ratios.map((x) => x.toFixed(3)).join(', ')}; median ${medianRatio.toFixed(3)}\n`,
  );
  if (off !== undefined && on !== undefined) {
    process.stdout.write(
      `throughput with tracing (pooled): ${((on.reqPerSec / off.reqPerSec - 1) * 100).toFixed(1)}% ` +
        `(${connections} connections, ${rounds} x ${durationMs / 1000} s per mode, all cache hits; ` +
        `upstream GETs during the load: ${simulator.requests.count() - upstreamAfterWarmUp}; ` +
        `OTLP batches received: ${sink.spanBatches}, ${sink.spanBytes} bytes)\n`,
    );
  }

  worker.send({ type: 'stop' });
  // Each gateway's close also shuts its tracing down.
  for (const mode of modes) await mode.gateway.close(1_000);
  await simulator.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
