/**
 * One benchmark process: the simulator, the gateway, or the graphql-yoga `{ hello }` baseline.
 * Started by `bench/run.ts` (pinned with taskset), never on its own in a measured run.
 *
 *   node --import tsx bench/serve.ts simulator [--latency-ms 20] [--dataset demo|memory|soak]
 *   node --import tsx bench/serve.ts gateway --upstream http://127.0.0.1:PORT   (config from env)
 *   node --import tsx bench/serve.ts hello [--body-check on|off]   (yoga's own 25 MB body check)
 *   node --import tsx bench/serve.ts apollo|mercurius|floor --upstream URL --token T --image NS/NAME
 *
 * `apollo` (Apollo Server 5, standalone) and `mercurius` (fastify + graphql-jit) answer the
 * benchmark's single-image query from memory: the same SDL subset and the same JSON answer as the
 * gateway, with resolvers returning the ImageStreamImage read once from the simulator at start.
 * `floor` is no GraphQL server: node:http reading each body and `JSON.parse`-ing it, then writing
 * the answer graphql-js gave the first time that body came (the same SDL and resolvers): what any
 * Node server on node:http pays for this request and answer, a response cache at its best.
 *
 * Protocol (JSON lines): stdout first prints `{"ready":true,"url","pid",...}`, then a
 * `{"mem":{...}}` line every `--mem-interval-ms` (default 500). Stdin takes commands
 * `{"id":1,"cmd":"count"|"mem"|"gc"|"reset"}` and each gets one `{"id":1,...}` reply. When stdin closes
 * (the runner exited or died) the process exits: a benchmark child never outlives its runner.
 * Every server listens on 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';

import type * as srcConfig from '../src/server/config.js';
import type * as srcGateway from '../src/server/create-gateway.js';
import type * as srcLogger from '../src/server/logger.js';
import type * as srcLogDestination from '../src/server/log-destination.js';
import type * as simulatorModule from '../src/simulator/index.js';
import type { Dataset, FaultRule, Simulator } from '../src/simulator/index.js';

// Every role imports only its own modules (below, with `import()`): a gateway process never holds
// Apollo Server, fastify, Mercurius or the simulator's dataset code, so its heap and RSS are the
// gateway's.
type SimulatorModule = typeof simulatorModule;

const HOST = '127.0.0.1';

/**
 * The gateway's modules. With BENCH_GATEWAY=dist: tsc's build in dist/ (`npm run build` first),
 * what `npm start` runs; otherwise src/ through tsx, whose transform adds a `__name` call to every
 * named function (a few % of a cached request's CPU).
 */
async function gatewayModules(): Promise<{
  loadConfig: typeof srcConfig.loadConfig;
  createGateway: typeof srcGateway.createGateway;
  createLogger: typeof srcLogger.createLogger;
  createTurnBufferedDestination: typeof srcLogDestination.createTurnBufferedDestination;
}> {
  const root = process.env.BENCH_GATEWAY === 'dist' ? '../dist' : '../src';
  const load = (path: string): Promise<unknown> =>
    import(new URL(`${root}/${path}`, import.meta.url).href);
  const [config, gateway, logger, logDestination] = (await Promise.all([
    load('server/config.js'),
    load('server/create-gateway.js'),
    load('server/logger.js'),
    load('server/log-destination.js'),
  ])) as [typeof srcConfig, typeof srcGateway, typeof srcLogger, typeof srcLogDestination];
  return { ...config, ...gateway, ...logger, ...logDestination };
}

/** Stream of the memory scenario's large images (in `demo`, so the developer may read it). */
const MEMORY_STREAM = 'bench-big';

type Role = 'simulator' | 'gateway' | 'hello' | 'apollo' | 'mercurius' | 'floor';
const ROLES: readonly string[] = ['simulator', 'gateway', 'hello', 'apollo', 'mercurius', 'floor'];
type DatasetName = 'demo' | 'memory' | 'soak';

interface Args {
  role: Role;
  bodyCheck: boolean;
  token: string | undefined;
  image: string | undefined;
  latencyMs: number;
  dataset: DatasetName;
  upstream: string | undefined;
  memIntervalMs: number;
  memoryImages: number;
  memoryPaddingBytes: number;
}

function parseArgs(argv: readonly string[]): Args {
  const [role, ...rest] = argv;
  if (role === undefined || !ROLES.includes(role)) {
    throw new Error(`expected a role (${ROLES.join(', ')}), but got: '${role ?? ''}'`);
  }
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i] ?? '';
    const value = rest[i + 1];
    if (!name.startsWith('--') || value === undefined) {
      throw new Error(`expected --flag value pairs, but got: '${rest.join(' ')}'`);
    }
    flags.set(name.slice(2), value);
  }
  const num = (name: string, fallback: number): number => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`--${name} must be a number >= 0, but got: '${raw}'`);
    }
    return value;
  };
  const dataset = flags.get('dataset') ?? 'demo';
  if (dataset !== 'demo' && dataset !== 'memory' && dataset !== 'soak') {
    throw new Error(`--dataset must be demo, memory or soak, but got: '${dataset}'`);
  }
  return {
    role: role as Role,
    bodyCheck: (flags.get('body-check') ?? 'on') === 'on',
    token: flags.get('token'),
    image: flags.get('image'),
    latencyMs: num('latency-ms', 0),
    dataset,
    upstream: flags.get('upstream'),
    memIntervalMs: num('mem-interval-ms', 500),
    memoryImages: num('memory-images', 2000),
    memoryPaddingBytes: num('memory-padding-bytes', 200_000),
  };
}

function memory(): Record<string, number> {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
}

function send(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** The demo dataset plus `count` distinct padded images tagged in demo/bench-big. */
function memoryDataset(
  sim: SimulatorModule,
  count: number,
  paddingBytes: number,
): { dataset: Dataset; names: string[] } {
  const { DEMO, buildImageStream, createDataset, generateImages } = sim;
  const dataset = createDataset();
  const images = generateImages(count, {
    seedPrefix: 'bench/memory',
    layerCount: 3,
    layerSize: 1_000_000,
    paddingBytes,
  });
  dataset.images.push(...images.map((b) => b.image));
  dataset.streams.push(
    buildImageStream({
      namespace: DEMO.namespaces.demo,
      name: MEMORY_STREAM,
      tags: [{ tag: 'latest', history: images }],
    }),
  );
  return { dataset, names: images.map((b) => `${MEMORY_STREAM}@${b.digest}`) };
}

/**
 * Faults of the soak: a few demo/many-tags images always fail, each in its own way; the rest
 * (and the ubuntu manifest list) always succeed. The runner's client picks names from both.
 */
function soakFaults({ DEMO }: SimulatorModule): {
  rules: FaultRule[];
  good: string[];
  faulty: Record<string, string>;
} {
  const base = `/apis/image.openshift.io/v1/namespaces/${DEMO.namespaces.demo}/imagestreamimages/`;
  const digests = DEMO.manyTagsDigests;
  const kinds: FaultRule['fault'][] = [
    { kind: 'too-many-requests', retryAfterSeconds: 1 },
    { kind: 'too-many-requests', retryAfterSeconds: 1 },
    { kind: 'service-unavailable' },
    { kind: 'service-unavailable' },
    { kind: 'hang' },
    { kind: 'reset' },
    { kind: 'reset' },
  ];
  const rules: FaultRule[] = [];
  const faulty: Record<string, string> = {};
  kinds.forEach((fault, i) => {
    const name = `${DEMO.streams.manyTags}@${digests[i] ?? ''}`;
    rules.push({ path: `${base}${name}`, times: Infinity, fault });
    faulty[name] = fault.kind;
  });
  const good = digests.slice(kinds.length).map((d) => `${DEMO.streams.manyTags}@${d}`);
  return { rules, good, faulty };
}

async function startSimulatorRole(args: Args): Promise<{
  url: string;
  extra: Record<string, unknown>;
  simulator: Simulator;
}> {
  const sim: SimulatorModule = await import('../src/simulator/index.js');
  const { DEMO, createDataset, startSimulator } = sim;
  let dataset: Dataset = createDataset();
  const extra: Record<string, unknown> = {};
  if (args.dataset === 'memory') {
    const built = memoryDataset(sim, args.memoryImages, args.memoryPaddingBytes);
    dataset = built.dataset;
    extra.names = built.names;
  }
  const simulator = await startSimulator({
    host: HOST,
    port: 0,
    latencyMs: args.latencyMs,
    dataset,
    maxLogEntries: 1_000,
  });
  if (args.dataset === 'soak') {
    const { rules, good, faulty } = soakFaults(sim);
    for (const rule of rules) simulator.injectFault(rule);
    extra.good = good;
    extra.faulty = faulty;
  }
  extra.developerToken = simulator.token(DEMO.users.developer);
  return { url: simulator.url, extra, simulator };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let url: string;
  let extra: Record<string, unknown> = {};
  let close: () => Promise<void>;
  let count: () => number = () => 0;
  let reset: () => void = () => undefined;
  let cacheStats: () => Record<string, number> | undefined = () => undefined;

  switch (args.role) {
    case 'simulator': {
      const started = await startSimulatorRole(args);
      url = started.url;
      extra = started.extra;
      const sim = started.simulator;
      count = () => sim.requests.count({ method: 'GET', path: /\/imagestreamimages\// });
      reset = () => sim.requests.reset();
      close = () => sim.close();
      break;
    }
    case 'gateway': {
      if (args.upstream === undefined || new URL(args.upstream).hostname !== HOST) {
        throw new Error(
          `--upstream must be http://${HOST}:PORT, but got: '${args.upstream ?? ''}'`,
        );
      }
      const { loadConfig, createGateway, createLogger, createTurnBufferedDestination } =
        await gatewayModules();
      const config = loadConfig({ ...process.env, HOST, PORT: '0' });
      // Wired as src/main.ts wires it (metrics with process metrics, the upstream event sink),
      // so the benchmark measures what production runs; tracing only if OTEL_* is set. It logs
      // as production does, at LOG_LEVEL (default info: one access line per request), but to
      // BENCH_LOG_FILE (default /dev/null): this process's stdout carries the runner's protocol.
      // As in production (src/main.ts), the lines of one event-loop turn are written together in
      // one synchronous write(2) (src/server/log-destination.ts); only the file differs.
      const { pino } = await import('pino');
      const logger = createLogger(
        config.logLevel,
        createTurnBufferedDestination(
          pino.destination({ dest: process.env.BENCH_LOG_FILE ?? '/dev/null', sync: true }),
        ),
      );
      const gateway = await createGateway(config, {
        logger,
        processMetrics: true,
        upstream: {
          baseUrl: args.upstream,
          serviceCredential: () =>
            Promise.reject(new Error('AUTH_MODE=service is not benchmarked')),
        },
      });
      url = await gateway.listen(0, HOST);
      extra = {
        cacheMaxBytes: config.cacheMaxBytes,
        cacheAccessTtlSeconds: config.cacheAccessTtlSeconds,
        upstreamTimeoutMs: config.upstreamTimeoutMs,
        requestTimeoutMs: config.requestTimeoutMs,
        metrics: gateway.metrics !== undefined,
        tracing: gateway.tracing !== undefined,
      };
      cacheStats = () => ({ ...gateway.server.cache.stats() });
      close = () => gateway.close(500);
      break;
    }
    case 'hello': {
      const { createSchema, createYoga } = await import('graphql-yoga');
      const yoga = createYoga({
        schema: createSchema({
          typeDefs: 'type Query { hello: String! }',
          resolvers: { Query: { hello: () => 'world' } },
        }),
        logging: false,
        landingPage: false,
        // off: the body check the gateway turns off (its HTTP front enforces the limit instead).
        ...(args.bodyCheck ? {} : { maxRequestBodySize: false as const }),
      });
      // The same entry the gateway's HTTP front calls (yoga.requestListener).
      const server = await listenLocal(
        createServer((req, res) => void yoga.requestListener(req, res)),
      );
      url = server.url;
      close = server.close;
      break;
    }
    case 'apollo':
    case 'mercurius':
    case 'floor': {
      const resource = await readImageOnce(args);
      const start = { apollo: startApollo, mercurius: startMercurius, floor: startFloor }[
        args.role
      ];
      const server = await start(resource);
      url = server.url;
      close = server.close;
      break;
    }
  }

  send({ ready: true, role: args.role, url, pid: process.pid, mem: memory(), ...extra });

  const timer = setInterval(() => {
    const cache = cacheStats();
    send({ t: Date.now(), mem: memory(), ...(cache === undefined ? {} : { cache }) });
  }, args.memIntervalMs || 500);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    const force = setTimeout(() => process.exit(0), 2_000);
    force.unref();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let command: { id?: unknown; cmd?: unknown };
    try {
      command = JSON.parse(line) as { id?: unknown; cmd?: unknown };
    } catch {
      send({ error: `expected a JSON command line, but got: ${line.slice(0, 80)}` });
      return;
    }
    switch (command.cmd) {
      case 'count':
        send({ id: command.id, count: count() });
        break;
      case 'reset':
        reset();
        send({ id: command.id, ok: true });
        break;
      case 'mem':
        send({ id: command.id, mem: memory(), cache: cacheStats() ?? null });
        break;
      case 'gc': {
        // Started with --expose-gc: a full collection shows the live heap, not the GC's lag.
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        gc?.();
        send({ id: command.id, gc: gc !== undefined, mem: memory(), cache: cacheStats() ?? null });
        break;
      }
      default:
        send({ id: command.id, error: `unknown command: ${String(command.cmd)}` });
    }
  });
  lines.on('close', stop);
}

/** The SDL subset of the gateway that the single-image query reads. */
const REFERENCE_SDL = `
  type Query { imageStreamImage(namespace: String!, name: String!): ImageStreamImage }
  type ImageStreamImage { image: Image! }
  type Image { digest: String! layerCount: Int! }
`;

interface CachedImageStreamImage {
  image: { metadata: { name: string }; dockerImageLayers?: unknown[] };
}

/** Resolvers that return the object read at start, deriving the fields as the gateway does. */
function referenceResolvers(resource: CachedImageStreamImage) {
  return {
    Query: { imageStreamImage: () => resource },
    Image: {
      digest: (image: CachedImageStreamImage['image']) => image.metadata.name,
      layerCount: (image: CachedImageStreamImage['image']) => image.dockerImageLayers?.length ?? 0,
    },
  };
}

/** Reads the ImageStreamImage `--image ns/stream@digest` once from the simulator (`--upstream`). */
async function readImageOnce(args: Args): Promise<CachedImageStreamImage> {
  const [namespace, name] = (args.image ?? '').split('/', 2);
  if (args.upstream === undefined || namespace === undefined || name === undefined) {
    throw new Error('apollo and mercurius need --upstream URL --token T --image NS/NAME');
  }
  const response = await fetch(
    `${args.upstream}/apis/image.openshift.io/v1/namespaces/${namespace}/imagestreamimages/${encodeURIComponent(name)}`,
    { headers: { authorization: `Bearer ${args.token ?? ''}` } },
  );
  if (!response.ok) throw new Error(`reading ${args.image ?? ''}: HTTP ${response.status}`);
  return (await response.json()) as CachedImageStreamImage;
}

async function startApollo(
  resource: CachedImageStreamImage,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const server = new ApolloServer({
    typeDefs: REFERENCE_SDL,
    resolvers: referenceResolvers(resource),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: HOST } });
  return { url: url.replace(/\/$/, ''), close: () => server.stop() };
}

async function startMercurius(
  resource: CachedImageStreamImage,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { default: Fastify } = await import('fastify');
  const { default: mercurius } = await import('mercurius');
  const app = Fastify({ logger: false });
  await app.register(mercurius, {
    schema: REFERENCE_SDL,
    resolvers: referenceResolvers(resource) as never,
    // graphql-jit after the first request of a document, as Mercurius is usually benchmarked.
    jit: 1,
  });
  await app.listen({ port: 0, host: HOST });
  const address = app.server.address() as AddressInfo;
  return { url: `http://${HOST}:${address.port}`, close: () => app.close() };
}

async function startFloor(
  resource: CachedImageStreamImage,
): Promise<{ url: string; close: () => Promise<void> }> {
  const { buildSchema, graphql } = await import('graphql');
  const schema = buildSchema(REFERENCE_SDL);
  // graphql-js's default resolvers read fields off the object: Image gets its derived ones.
  const { Image } = referenceResolvers(resource);
  const image = {
    digest: Image.digest(resource.image),
    layerCount: Image.layerCount(resource.image),
  };
  const answers = new Map<string, string>();
  const answerOf = async (text: string, params: unknown): Promise<string> => {
    const known = answers.get(text);
    if (known !== undefined) return known;
    const { query, variables } = params as { query: string; variables?: Record<string, unknown> };
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables ?? null,
      rootValue: { imageStreamImage: () => ({ image }) },
    });
    const answer = JSON.stringify(result);
    answers.set(text, answer);
    return answer;
  };
  return listenLocal(
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        void answerOf(text, JSON.parse(text)).then((answer) => {
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(answer),
          });
          res.end(answer);
        });
      });
    }),
  );
}

/** Listens on HOST at an ephemeral port; `close` also ends kept-alive connections. */
async function listenLocal(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return {
    url: `http://${HOST}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/serve.ts: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
