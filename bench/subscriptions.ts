/**
 * Live-update scale (issue #13): N subscribers (default 1,000) of S streams (default 10) through
 * one gateway on 127.0.0.1, with the simulator's real watch. Reports the upstream watches and
 * watch requests, the gateway's heap per subscriber, and the delay from a tag push to the LAST
 * subscriber's event, over R rounds of one push per stream. Bounded: at most `--timeout` seconds.
 *
 *   node --expose-gc --import tsx bench/subscriptions.ts [--subscribers 1000] [--streams 10] [--callers 10] [--rounds 5]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startSimulator } from '../src/simulator/index.js';
import { createGateway } from '../src/server/create-gateway.js';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { ROOT } from './lib/processes.js';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    streams: { type: 'string', default: '10' },
    callers: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '60' },
  },
});
const subscribers = Number(values.subscribers);
const streamCount = Number(values.streams);
const callers = Number(values.callers);
const rounds = Number(values.rounds);
const deadline = setTimeout(
  () => {
    process.stderr.write(`bench/subscriptions: over ${values.timeout} s, giving up\n`);
    process.exit(2);
  },
  Number(values.timeout) * 1000,
);

const gc = (globalThis as { gc?: () => void }).gc;
const heap = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

const namespace = 'catalog';
const simulator = await startSimulator();
const streams = Array.from(
  { length: streamCount },
  (_, i) => `service-${String(i).padStart(2, '0')}`,
);
const tokens = Array.from(
  { length: callers },
  (_, i) => simulator.addUser({ name: `bench-${i}`, namespaces: [namespace] }).token,
);
const config = loadConfig({
  LOG_LEVEL: 'warn',
  SUBSCRIPTIONS_MAX: String(subscribers),
  SUBSCRIPTIONS_MAX_PER_CALLER: String(Math.ceil(subscribers / callers)),
});
const gateway = await createGateway(config, {
  logger: createLogger(config.logLevel),
  tracing: false,
  upstream: { baseUrl: simulator.url },
});
const url = await gateway.listen(0, '127.0.0.1');

const heapBefore = heap();
const plan = Array.from({ length: subscribers }, (_, i) => ({
  token: tokens[i % callers] ?? '',
  stream: streams[Math.floor(i / callers) % streamCount] ?? '',
}));
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'bench/lib/sse-subscribers.ts',
    JSON.stringify({ url, namespace, subscribers: plan }),
  ],
  { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: child.stdout });
const waiting = new Map<string, (line: { lastAt: number }) => void>();
let ready: () => void = () => {};
const allReady = new Promise<void>((resolve) => (ready = resolve));
lines.on('line', (text) => {
  const line = JSON.parse(text) as {
    ready?: number;
    digest?: string;
    lastAt?: number;
    error?: unknown;
  };
  if (line.ready !== undefined) ready();
  else if (line.error !== undefined)
    process.stderr.write(`subscriber error: ${JSON.stringify(line.error)}\n`);
  else if (line.digest !== undefined) waiting.get(line.digest)?.({ lastAt: line.lastAt ?? 0 });
});

const started = performance.now();
await allReady;
while (simulator.openWatches() < streamCount) await new Promise((r) => setTimeout(r, 20));
const subscribeSeconds = (performance.now() - started) / 1000;
const heapAfter = heap();
const watchRequests = simulator.requests.count({ path: /\/imagestreams$/ });
const accessGets = simulator.requests.count({ path: /\/imagestreams\/service-/ });

const delays: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const stream of streams) {
    const pushedAt = performance.timeOrigin + performance.now();
    // Synchronous: the subscribers' report can only arrive after this turn registered it.
    const digest = simulator.pushImage(namespace, stream, 'latest');
    const arrived = new Promise<{ lastAt: number }>((resolve) => waiting.set(digest, resolve));
    const { lastAt } = await arrived;
    waiting.delete(digest);
    delays.push(lastAt - pushedAt);
  }
}
delays.sort((a, b) => a - b);
const pick = (q: number): number =>
  delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? NaN;
const stats = gateway.watchHub?.stats();

const report = {
  subscribers,
  streams: streamCount,
  callers,
  subscribeSeconds: Number(subscribeSeconds.toFixed(2)),
  upstreamWatchesOpen: simulator.openWatches(),
  upstreamWatchRequests: watchRequests,
  accessCheckGets: accessGets,
  heapPerSubscriberBytes: Math.round((heapAfter - heapBefore) / subscribers),
  gcExposed: gc !== undefined,
  pushes: delays.length,
  lastSubscriberDelayMs: {
    p50: Number(pick(0.5).toFixed(1)),
    p90: Number(pick(0.9).toFixed(1)),
    max: Number((delays.at(-1) ?? NaN).toFixed(1)),
  },
  eventsSent: stats?.eventsSent,
  slowConsumerCloses: stats?.slowConsumerCloses,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
child.stdin.end();
child.kill();
await gateway.close(2_000);
await simulator.close();
clearTimeout(deadline);
