/**
 * The gateway: graphql-yoga behind a small node:http front that serves the probes and the SDL,
 * and drains in-flight requests on close.
 */
import { serveStreamBrowser, STREAM_BROWSER_PATH } from './stream-browser.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import type { GraphQLError } from 'graphql';
import { listenOn } from './listen.js';
import {
  composeInstrumentation,
  createYoga,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import type { WatchHub } from '../loaders/watch-hub.js';
import { createImageCache, type ImageCache } from '../loaders/image-cache.js';
import { createImageStore, type AccessReviewer } from '../loaders/image-store.js';
import { createNavigationStore } from '../loaders/navigation-store.js';
import { noteStreamRead } from '../loaders/stream-proofs.js';
import { createStreamCache } from '../loaders/stream-cache.js';
import { createCredentialRejections } from '../loaders/credential-rejections.js';
import { createInFlightLimiter } from '../upstream/in-flight.js';
import type { OpenShiftClient, RequestCredential } from '../upstream/client.js';
import { createGatewaySchema, loadTypeDefs } from '../resolvers/schema.js';
import {
  acceptedRequestId,
  createRequestContexts,
  withStats,
  type ServerContext,
} from './request-context.js';
import type { GatewayConfig } from './config.js';
import { createMaskError } from './mask-error.js';
import type { Logger } from './logger.js';
import { createGatewayMetrics, routeOf, type GatewayMetrics } from './metrics.js';
import {
  createAccessLog,
  createOperationObserverPlugin,
  type OperationRecord,
} from './access-log.js';
import { createDirectExecution } from './direct-execution.js';
import { createReplayMemo } from './replay-memo.js';
import type { GatewayTracing } from './tracing.js';
import type { OpenShiftHttpClient } from '../upstream/openshift-client.js';
import {
  GRAPHIQL_PAGE_HEADERS,
  graphiqlContentSecurityPolicy,
  DEFAULT_GRAPHIQL_QUERY,
  GRAPHIQL_ASSETS_PATH,
  GRAPHIQL_EXAMPLE_QUERIES,
  renderGraphiQLPage,
  serveGraphiQLAsset,
} from './graphiql.js';
import { persistedOperationsPluginFor } from './persisted-operations.js';
import { createQueryLimitPlugins, createUpstreamCostLimit } from './query-limits.js';
import { enforceBodyLimit, handBodyToYoga, readBodyWithin } from './body-limit.js';
import { createFastLane, laneKeepsInstrumentation } from './fast-lane.js';
import { createJitExecutor, createJitPlugin } from './jit.js';
import { createCorsPolicy, createCsrfPreventionPlugin, variesOnOrigin } from './browser-policy.js';

/** What the gateway is built from. */
export interface GatewayServerOptions {
  readonly config: GatewayConfig;
  readonly client: OpenShiftClient;
  readonly logger: Logger;
  /** The gateway's own credential (AUTH_MODE=service), re-read per request as it may rotate. */
  readonly serviceCredential: () => Promise<RequestCredential>;
  /**
   * Only for the embedded simulator's demo: the credential a caller without a token is served
   * with. Never set against a real API server.
   */
  readonly demoCredential?: RequestCredential;
  /** A cache to share (tests); one is created from the config otherwise. */
  readonly cache?: ImageCache;
  /** Access reviews with the caller's credential, for stream-page proofs (image-cache.ts 2c). */
  readonly reviewAccess?: AccessReviewer;
  /**
   * Metrics to record into. main.ts builds them before the upstream client so that the client's
   * `onEvent` feeds them too; created here when not given. Unused when METRICS_ENABLED=false.
   */
  readonly metrics?: GatewayMetrics;
  /** Tracing (OTEL_EXPORTER_OTLP_ENDPOINT set); nothing is traced without it. */
  readonly tracing?: GatewayTracing;
  /** Live updates (src/loaders/watch-hub.ts); without it `Subscription` fields answer BAD_REQUEST. */
  readonly watchHub?: WatchHub;
}

/** A running or runnable gateway. */
export interface GatewayServer {
  readonly yoga: YogaServerInstance<Record<string, unknown>, ServerContext>;
  readonly httpServer: Server;
  readonly cache: ImageCache;
  /** What /metrics serves; undefined when METRICS_ENABLED=false. */
  readonly metrics: GatewayMetrics | undefined;
  /** Listens on `port` (0 for an ephemeral one) and resolves to the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting, waits up to `graceMs` for in-flight requests, then closes everything. */
  close(graceMs?: number): Promise<void>;
}

/** Idle time a kept-alive connection may wait for its next request (capped by REQUEST_TIMEOUT_MS). */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Time to send the request headers (capped by REQUEST_TIMEOUT_MS). */
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * The node:http limits on slow clients. node answers 408 (or closes the socket) when the headers
 * take longer than `headersTimeout` or the whole request (headers and body) longer than
 * `requestTimeout`; it checks every `connectionsCheckingInterval`, 30 s by default, which alone
 * let a one-byte-per-second client hold a connection for half a minute past its limit.
 */
export function httpServerOptions(config: Pick<GatewayConfig, 'requestTimeoutMs'>) {
  return {
    requestTimeout: config.requestTimeoutMs,
    headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs),
    connectionsCheckingInterval: Math.max(
      50,
      Math.min(500, Math.floor(config.requestTimeoutMs / 4)),
    ),
  };
}

/** Builds the gateway. Reads nothing from the environment: everything comes in `options`. */
export function createGatewayServer(options: GatewayServerOptions): GatewayServer {
  const { config, client, logger } = options;
  const cache =
    options.cache ??
    createImageCache({
      maxBytes: config.cacheMaxBytes,
      accessTtlMs: config.cacheAccessTtlSeconds * 1000,
    });
  const store = createImageStore({
    client,
    cache,
    ...(options.reviewAccess === undefined ? {} : { reviewAccess: options.reviewAccess }),
  });
  // Streams and istags: per caller, at most CACHE_ACCESS_TTL_SECONDS (stream-cache.ts), in a
  // quarter of CACHE_MAX_BYTES on top of the image cache (docs/navigation.md).
  const navigation = createNavigationStore({
    client,
    // A caller's own stream read lets cached images it lists skip their ISI GET, given a positive
    // decision for the namespace (docs/caching.md).
    onStreamRead: (identity, namespace, stream) =>
      noteStreamRead(cache, identity, namespace, stream),
    cache: createStreamCache({
      maxBytes: Math.floor(config.cacheMaxBytes / 4),
      ttlMs: config.cacheAccessTtlSeconds * 1000,
    }),
  });
  const metrics = config.metrics ? (options.metrics ?? createGatewayMetrics()) : undefined;
  metrics?.observeCache(() => cache.stats());
  const upstreamStats = (client as Partial<OpenShiftHttpClient>).stats;
  if (upstreamStats !== undefined) metrics?.observeUpstream(() => upstreamStats.call(client));
  const accessLog = createAccessLog(logger);
  // Read once: the executable schema and /schema.graphql serve the same SDL.
  const sdl = loadTypeDefs();

  const { requestIdOf, contextFor, noteArrival } = createRequestContexts({
    config,
    store,
    navigation,
    rejections: createCredentialRejections({ ttlMs: config.authNegativeTtlSeconds * 1000 }),
    inFlight: createInFlightLimiter(config.upstreamMaxInFlight),
    serviceCredential: options.serviceCredential,
    ...(options.demoCredential === undefined ? {} : { demoCredential: options.demoCredential }),
    ...(metrics === undefined ? {} : { onBatch: metrics.onBatch }),
    ...(options.watchHub === undefined ? {} : { watchHub: options.watchHub }),
  });
  const hub = options.watchHub;
  if (hub !== undefined) metrics?.observeSubscriptions(() => hub.stats());

  const corsPolicy = createCorsPolicy(config.corsOrigins);
  /** The CSP of the rendered GraphiQL page: it allows exactly the page's own inline scripts. */
  let graphiqlCsp: string | undefined;

  const plugins: Plugin<ServerContext>[] = [
    {
      onResponse({ request, response }) {
        response.headers.set('x-request-id', requestIdOf(request));
        // With an allow-list the CORS headers depend on Origin, whoever asked (yoga adds Vary
        // only when it echoes one of several origins).
        if (corsPolicy !== false && !variesOnOrigin(response.headers.get('vary'))) {
          response.headers.append('vary', 'Origin');
        }
        // The GraphiQL page (the only HTML yoga serves): no framing, scripts only from here.
        if (
          graphiqlCsp !== undefined &&
          /^text\/html\b/.test(response.headers.get('content-type') ?? '')
        ) {
          response.headers.set('content-security-policy', graphiqlCsp);
          for (const [name, value] of Object.entries(GRAPHIQL_PAGE_HEADERS)) {
            response.headers.set(name, value);
          }
        }
      },
      onExecute() {
        return {
          onExecuteDone({ args, result, setResult }) {
            if (!('data' in result || 'errors' in result)) return;
            const finished = withStats(result, args.contextValue as ServerContext);
            if (finished !== result) setResult(finished);
          },
        };
      },
    },
  ];
  if (!config.introspection) {
    // Typed for a generic context; it reads none of ours.
    plugins.push(useDisableIntrospection() as unknown as Plugin<ServerContext>);
  }
  plugins.push(createCsrfPreventionPlugin<ServerContext>());
  plugins.push(...createQueryLimitPlugins<ServerContext>(config.limits));
  const jit = config.graphqlJit ? createJitExecutor() : undefined;

  // Reads PERSISTED_OPERATIONS_FILE now: a bad file fails start-up, not the first request.
  const persistedOperations = persistedOperationsPluginFor<ServerContext>(config);
  plugins.push(persistedOperations);

  const onOperation = (operation: OperationRecord, context: object): void => {
    metrics?.recordOperation(operation);
    // Present when served by the HTTP front (the server context of yoga's requestListener).
    const { req } = context as { req?: IncomingMessage };
    if (req !== undefined) accessLog.noteOperation(req, operation);
  };
  plugins.push(createOperationObserverPlugin<ServerContext>(onOperation));
  if (options.tracing !== undefined) plugins.push(options.tracing.plugin<ServerContext>());
  if (jit !== undefined) plugins.push(createJitPlugin<ServerContext>(jit));
  // The fast lane is off with tracing (its operation span is instrumentation the lane would carry,
  // but no test compares spans across the two lanes) and with the safelist (a plain query is
  // refused there in onParams, and that error is answered by yoga's handle, which the lane does
  // not reproduce); below, also when a plugin instruments more than the lane reproduces.
  const laneWanted =
    config.httpFastLane &&
    options.tracing === undefined &&
    config.persistedOperationsMode !== 'safelist';
  // Only within the fast lane, and only with the JIT (it runs compiled queries only).
  let masking: ReturnType<typeof yogaMasking> | undefined;
  const direct =
    laneWanted && jit !== undefined && config.httpDirectExecution
      ? createDirectExecution({
          jit,
          costLimit: createUpstreamCostLimit(config.limits),
          contextFor,
          // Yoga's: read right after yoga is built below, with this plugin among its own.
          maskError: (error) => (masking ??= yogaMasking(yoga)).maskError(error),
          finishResult: withStats,
          onOperation,
          ...(config.replayMemoMaxBytes === 0
            ? {}
            : { replays: createReplayMemo({ maxBytes: config.replayMemoMaxBytes }) }),
        })
      : undefined;
  if (direct !== undefined) plugins.push(direct.plugin);
  if (hub !== undefined) {
    // The graphql-sse protocol (distinct connections mode) at /graphql/stream, for the
    // `graphql-sse` client; yoga's own SSE answers `Accept: text/event-stream` at /graphql.
    plugins.push(
      useGraphQLSSE({ endpoint: '/graphql/stream' }) as unknown as Plugin<ServerContext>,
    );
  }

  const yoga = createYoga<Record<string, unknown>, ServerContext>({
    schema: createGatewaySchema(sdl, { federation: config.federation }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: { maskError: createMaskError(logger) },
    batching: { limit: config.limits.maxBatchOperations },
    // The HTTP front enforces MAX_REQUEST_BODY_BYTES (declared and chunked, body-limit.ts) before
    // yoga sees a request. Yoga's own 25 MB check would pipe every body through a TransformStream
    // and an AbortController again: a measured 15% of a cached request's CPU (bench/README.md).
    maxRequestBodySize: false,
    cors: corsPolicy,
    graphiql: config.graphiql
      ? {
          title: 'openshift-image-graphql',
          defaultQuery: DEFAULT_GRAPHIQL_QUERY,
          defaultTabs: GRAPHIQL_EXAMPLE_QUERIES.map((query) => ({
            query,
            headers: JSON.stringify({ Authorization: 'Bearer ' }, null, 2),
          })),
          headers: JSON.stringify({ Authorization: 'Bearer ' }, null, 2),
          defaultEditorToolsVisibility: 'headers',
          shouldPersistHeaders: false,
        }
      : false,
    // Assets from the gateway itself (/graphiql/assets/*), never from a CDN: clusters are often air-gapped.
    renderGraphiQL: async (graphiqlOptions) => {
      const page = await renderGraphiQLPage(graphiqlOptions);
      graphiqlCsp = graphiqlContentSecurityPolicy(page);
      return page;
    },
    logging: {
      // yoga logs at debug twice per request: the arguments are only stringified for a line.
      debug: (...args: unknown[]) => {
        if (logger.isLevelEnabled('debug')) logger.debug({ yoga: args.map(String) }, 'yoga');
      },
      info: (...args: unknown[]) => logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args: unknown[]) => logger.warn({ yoga: args.map(String) }, 'yoga'),
      // yoga logs every error that masking replaced; expected ones (NOT_FOUND, validation...)
      // are not server errors, and unexpected ones were already logged by maskError.
      error: (...args: unknown[]) =>
        args.every((arg) => arg instanceof Error)
          ? logger.debug({ yoga: args.map(String) }, 'yoga: error answered to the client')
          : logger.error({ yoga: args.map(String) }, 'yoga'),
    },
    plugins,
    context: ({ request, req }) => contextFor(request, req as IncomingMessage | undefined),
  });

  // Read now, so that a yoga without it fails the start, never a request.
  if (direct !== undefined) masking = yogaMasking(yoga);

  // What yoga wraps around each operation (the observer above); the fast lane wraps it too.
  const instrumentation = composeInstrumentation(
    plugins.flatMap((plugin) =>
      plugin.instrumentation === undefined ? [] : [plugin.instrumentation],
    ),
  );
  // Off as `laneWanted` says, and when a plugin instruments more than the lane reproduces.
  const fastLane =
    laneWanted && laneKeepsInstrumentation(instrumentation)
      ? createFastLane({
          yoga,
          requestIdOf,
          cors: corsPolicy,
          documentOf: persistedOperations.documentOf,
          ...(direct === undefined ? {} : { direct }),
          ...(instrumentation?.operation === undefined
            ? {}
            : { operation: instrumentation.operation }),
        })
      : undefined;

  let draining = false;
  let inFlight = 0;
  const idleWaiters = new Set<() => void>();

  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (config.graphiql && path.startsWith(GRAPHIQL_ASSETS_PATH)) {
      return serveGraphiQLAsset(req, res, path);
    }
    if (config.streamBrowserDir !== undefined && path.startsWith(STREAM_BROWSER_PATH)) {
      return serveStreamBrowser(config.streamBrowserDir, req, res, path);
    }
    if (config.streamBrowserDir !== undefined && path === '/browser') {
      res.writeHead(308, { location: STREAM_BROWSER_PATH });
      res.end();
      return;
    }
    // With METRICS_PORT, /metrics is served there only (see ./metrics-server.ts), never here.
    if (metrics !== undefined && config.metricsPort === undefined && path === '/metrics') {
      const { contentType, body } = await metrics.render();
      return send(res, 200, contentType, body);
    }
    switch (path) {
      case '/healthz':
        return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
      case '/readyz':
        if (draining) return send(res, 503, 'text/plain; charset=utf-8', 'shutting down\n');
        try {
          await client.probe();
          return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
        } catch {
          return send(res, 503, 'text/plain; charset=utf-8', 'upstream not ready\n');
        }
      case '/schema.graphql':
        return send(res, 200, 'text/plain; charset=utf-8', sdl);
      default: {
        if (fastLane?.accepts(req) === true) {
          const body = await readBodyWithin(req, res, config.limits.maxBodyBytes);
          if (body === undefined) return;
          const lane = await fastLane.serve(req, res, body);
          if (lane !== false) {
            accessLog.noteFastLane(req, lane);
            return;
          }
          handBodyToYoga(req, body);
        } else if (!(await enforceBodyLimit(req, res, config.limits.maxBodyBytes))) return;
        // requestListener answers on `res`; handleNodeRequestAndResponse only returns a Response.
        // Answers on `res`; the 'close' listener above tracks completion for draining.
        void yoga.requestListener(req, res);
      }
    }
  };

  const httpServer = createServer(httpServerOptions(config), (req, res) => {
    noteArrival(req);
    inFlight += 1;
    // One id per request: the access log, yoga's x-request-id answer, and the upstream calls.
    const sent = req.headers['x-request-id'];
    const requestId = acceptedRequestId(sent);
    req.headers['x-request-id'] = requestId;
    accessLog.begin(req, requestId);
    const started = performance.now();
    res.once('close', () => {
      accessLog.end(req, res);
      const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
      metrics?.recordHttp(
        routeOf(path),
        req.method,
        res.statusCode,
        (performance.now() - started) / 1000,
      );
      inFlight -= 1;
      if (inFlight === 0) for (const wake of idleWaiters) wake();
    });
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'unhandled error in the HTTP front');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });

  // A slow or stalled client cannot hold a connection past REQUEST_TIMEOUT_MS, nor the door open.
  httpServer.keepAliveTimeout = Math.min(KEEP_ALIVE_TIMEOUT_MS, config.requestTimeoutMs);
  httpServer.maxConnections = config.maxConnections;
  // node's headersTimeout starts with the first byte: a connection that sends nothing at all would
  // hold its slot for ever. Give it the headers timeout too; the first request clears it.
  const { headersTimeout } = httpServerOptions(config);
  httpServer.on('connection', (socket: Socket) => socket.setTimeout(headersTimeout));
  httpServer.on('request', (req: IncomingMessage) => req.socket.setTimeout(0));

  return {
    yoga,
    httpServer,
    cache,
    metrics,
    listen: (port, host = config.host) => listenOn(httpServer, port, host),
    async close(graceMs = config.shutdownGraceMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          idleWaiters.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      httpServer.closeAllConnections();
      await closed;
      await client.close();
    },
  };
}

/**
 * Yoga's error masking as its pipeline applies it (the gateway's maskError with yoga's message,
 * logging what it replaced), for the fast lane's direct execution. Yoga keeps it in a field its
 * typings call private: a yoga without it fails the gateway's start, never a request.
 */
function yogaMasking(yoga: object): { maskError: (error: unknown) => GraphQLError } {
  const options = (
    yoga as {
      maskedErrorsOpts?: {
        maskError?: (error: unknown, message: string) => Error;
        errorMessage?: string;
      } | null;
    }
  ).maskedErrorsOpts;
  const maskError = options?.maskError;
  const message = options?.errorMessage;
  if (typeof maskError !== 'function' || typeof message !== 'string') {
    throw new Error('graphql-yoga no longer exposes its error masking (maskedErrorsOpts)');
  }
  // What yoga's masking returns goes into a result's `errors` (a GraphQLError, or one it passed on).
  return { maskError: (error) => maskError(error, message) as GraphQLError };
}
