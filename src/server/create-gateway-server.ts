/**
 * The gateway: graphql-yoga behind a small node:http front that serves the probes and the SDL,
 * and drains in-flight requests on close.
 */
import { serveStreamBrowser, STREAM_BROWSER_PATH } from './stream-browser.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import type { WatchHub } from '../loaders/watch-hub.js';
import { createImageCache, type ImageCache } from '../loaders/image-cache.js';
import { createImageStore, type AccessReviewer } from '../loaders/image-store.js';
import { createNavigationStore } from '../loaders/navigation-store.js';
import { createStreamCache } from '../loaders/stream-cache.js';
import type { OpenShiftClient, RequestCredential } from '../upstream/client.js';
import { createGatewaySchema, loadTypeDefs } from '../resolvers/schema.js';
import { acceptedRequestId, createRequestContexts, type ServerContext } from './request-context.js';
import type { GatewayConfig } from './config.js';
import { createMaskError } from './mask-error.js';
import type { Logger } from './logger.js';
import { createGatewayMetrics, routeOf, type GatewayMetrics } from './metrics.js';
import { createAccessLog, createOperationObserverPlugin } from './access-log.js';
import type { GatewayTracing } from './tracing.js';
import type { OpenShiftHttpClient } from '../upstream/openshift-client.js';
import {
  DEFAULT_GRAPHIQL_QUERY,
  GRAPHIQL_ASSETS_PATH,
  GRAPHIQL_EXAMPLE_QUERIES,
  renderGraphiQLPage,
  serveGraphiQLAsset,
} from './graphiql.js';
import { persistedOperationsPluginFor } from './persisted-operations.js';
import { createQueryLimitPlugins } from './query-limits.js';
import { enforceBodyLimit } from './body-limit.js';
import { createCorsPolicy, createCsrfPreventionPlugin } from './browser-policy.js';

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

  const { requestIdOf, contextFor } = createRequestContexts({
    config,
    store,
    navigation,
    serviceCredential: options.serviceCredential,
    ...(options.demoCredential === undefined ? {} : { demoCredential: options.demoCredential }),
    ...(metrics === undefined ? {} : { onBatch: metrics.onBatch }),
    ...(options.watchHub === undefined ? {} : { watchHub: options.watchHub }),
  });
  const hub = options.watchHub;
  if (hub !== undefined) metrics?.observeSubscriptions(() => hub.stats());

  const plugins: Plugin<ServerContext>[] = [
    {
      onResponse({ request, response }) {
        response.headers.set('x-request-id', requestIdOf(request));
        // With an allow-list the CORS headers depend on Origin, whoever asked (yoga adds Vary
        // only when it echoes one of several origins).
        if (
          config.corsOrigins.length > 0 &&
          !/\borigin\b/i.test(response.headers.get('vary') ?? '')
        ) {
          response.headers.append('vary', 'Origin');
        }
      },
      onExecute() {
        return {
          onExecuteDone({ args, result, setResult }) {
            const context = args.contextValue as ServerContext;
            if (!context.wantsStats || !('data' in result || 'errors' in result)) return;
            setResult({
              ...result,
              extensions: { ...result.extensions, stats: { ...context.stats } },
            });
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

  // Reads PERSISTED_OPERATIONS_FILE now: a bad file fails start-up, not the first request.
  plugins.push(persistedOperationsPluginFor<ServerContext>(config));

  plugins.push(
    createOperationObserverPlugin<ServerContext>((operation, context) => {
      metrics?.recordOperation(operation);
      // Present when served by the HTTP front (the server context of yoga's requestListener).
      const { req } = context as { req?: IncomingMessage };
      if (req !== undefined) accessLog.noteOperation(req, operation);
    }),
  );
  if (options.tracing !== undefined) plugins.push(options.tracing.plugin<ServerContext>());
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
    cors: createCorsPolicy(config.corsOrigins),
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
    renderGraphiQL: renderGraphiQLPage,
    logging: {
      debug: (...args: unknown[]) => logger.debug({ yoga: args.map(String) }, 'yoga'),
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
    context: ({ request }) => contextFor(request),
  });

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
    if (metrics !== undefined && path === '/metrics') {
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
        if (!(await enforceBodyLimit(req, res, config.limits.maxBodyBytes))) return;
        // requestListener answers on `res`; handleNodeRequestAndResponse only returns a Response.
        // Answers on `res`; the 'close' listener above tracks completion for draining.
        void yoga.requestListener(req, res);
      }
    }
  };

  const httpServer = createServer((req, res) => {
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
    });
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of idleWaiters) wake();
    });
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'unhandled error in the HTTP front');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });

  return {
    yoga,
    httpServer,
    cache,
    metrics,
    listen: (port, host = config.host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${address.port}`);
        });
      }),
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
