/**
 * The composition root: `createGateway(config, deps)` builds the whole gateway (upstream target,
 * upstream client, metrics, tracing, cache, HTTP server) from a parsed configuration. `main.ts`, the
 * tests and the benchmarks all call it and differ only in the `deps` they pass; a new capability is
 * wired here, once.
 */
import type { Dispatcher } from 'undici';
import { createImageCache, type ImageCache } from '../loaders/image-cache.js';
import { createSharedTier, type KeyValueBackend } from '../loaders/shared-tier.js';
import { createWatchHub, type WatchHub, type WatchHubOptions } from '../loaders/watch-hub.js';
import { isGatewayError } from '../errors/gateway-error.js';
import { createImageStreamWatcher, type ImageStreamWatcher } from '../upstream/watch.js';
import type { Simulator } from '../simulator/index.js';
import type { OpenShiftClient, RequestCredential } from '../upstream/client.js';
import { resolveUpstreamTarget } from '../upstream/credentials.js';
import type { UpstreamEvent } from '../upstream/openshift-client.js';
import type { UpstreamTlsOptions } from '../upstream/tls.js';
import type { GatewayConfig } from './config.js';
import { createGatewayServer, type GatewayServer } from './create-gateway-server.js';
import type { Logger } from './logger.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { createMetricsServer, type MetricsServer } from './metrics-server.js';
import type { GatewayTracing } from './tracing.js';
import { createUpstreamClient, createUpstreamEventSink } from './upstream-client.js';
import { createSharedTierObserver, observeCacheTiers } from './cache-tier-metrics.js';

/** An API server given explicitly (tests, benchmarks) instead of resolved from the configuration. */
export interface GatewayUpstreamEndpoint {
  /** Base URL of the API server. */
  readonly baseUrl: string;
  readonly tls?: UpstreamTlsOptions;
  /** An undici dispatcher to send through (a `MockAgent` in unit tests). */
  readonly dispatcher?: Dispatcher;
  /** The gateway's own credential (AUTH_MODE=service). @default no token */
  readonly serviceCredential?: () => Promise<RequestCredential>;
  /** Safe to log. @default the base URL */
  readonly description?: string;
}

/** A ready-made upstream client (unit tests with a fake API). */
export interface GatewayUpstreamClient {
  readonly client: OpenShiftClient;
  readonly serviceCredential?: () => Promise<RequestCredential>;
  readonly description?: string;
}

/** What differs between main, tests and benchmarks. Everything else comes from `config`. */
export interface GatewayDeps {
  readonly logger: Logger;
  /**
   * The API server. Absent: resolved from `config.upstream` (OPENSHIFT_API_URL, kubeconfig,
   * in-cluster, first match wins), or else the embedded simulator with demo data, announced loudly.
   */
  readonly upstream?: GatewayUpstreamEndpoint | GatewayUpstreamClient;
  /** Metrics to record into; created when METRICS_ENABLED and absent. */
  readonly metrics?: GatewayMetrics;
  /** Whether created metrics include the process collectors (main.ts). @default false */
  readonly processMetrics?: boolean;
  /** Tracing; absent: from OTEL_EXPORTER_OTLP_ENDPOINT; `false`: none. */
  readonly tracing?: GatewayTracing | false;
  /** A cache to use instead of a new one (tests sharing one cache between gateways). */
  readonly cache?: ImageCache;
  /** One more listener of upstream events (tests, benchmarks). */
  readonly onUpstreamEvent?: (event: UpstreamEvent) => void;
  /**
   * Timing knobs of live updates (tests: short watch timeouts and backoffs, slow-consumer bounds).
   * Everything else comes from `config.subscriptions` and CACHE_ACCESS_TTL_SECONDS.
   */
  readonly watch?: Partial<
    Pick<WatchHubOptions, 'session' | 'slowConsumerStates' | 'slowConsumerMs' | 'onEvent'>
  >;
  /** The cache's wall clock (tests drive TTLs by hand). @default Date */
  readonly cacheClock?: { now(): number };
  /** A shared-tier backend instead of the Redis connection built from REDIS_URL (tests). */
  readonly sharedBackend?: KeyValueBackend;
}

/** The whole gateway, runnable. */
export interface Gateway {
  /** The HTTP front and yoga, with the cache and metrics it serves. */
  readonly server: GatewayServer;
  /** The embedded simulator, when no API server was configured. */
  readonly simulator: Simulator | undefined;
  /** Where upstream is, safe to log. */
  readonly upstreamDescription: string;
  readonly metrics: GatewayMetrics | undefined;
  readonly tracing: GatewayTracing | undefined;
  /** Live updates; undefined when the upstream is a ready-made client without watches. */
  readonly watchHub: WatchHub | undefined;
  /**
   * Listens on `port` (0 for an ephemeral one; default `config.port`) and resolves to the base URL.
   * With METRICS_PORT the metrics listener starts too (see {@link metricsUrl}).
   */
  listen(port?: number, host?: string): Promise<string>;
  /** The metrics listener's base URL once listening, when METRICS_PORT is set. */
  metricsUrl(): string | undefined;
  /** Drains the server (up to `graceMs`), then stops the simulator and flushes tracing. */
  close(graceMs?: number): Promise<void>;
}

interface ResolvedUpstream {
  readonly client: (onEvent: (event: UpstreamEvent) => void) => OpenShiftClient;
  /** Watches of the same API server, on their own connections; absent for a ready-made client. */
  readonly watcher?: () => ImageStreamWatcher;
  /**
   * Whether the client's access reviews prove stream pages (docs/caching.md, "Stream pages"):
   * true for a client built here, absent for a ready-made one.
   */
  readonly accessReviews?: true;
  readonly serviceCredential: () => Promise<RequestCredential>;
  readonly demoCredential?: RequestCredential;
  readonly simulator?: Simulator;
  readonly description: string;
}

const NO_SERVICE_CREDENTIAL = (): Promise<RequestCredential> =>
  Promise.resolve({ token: undefined });

/** Builds the gateway. Reads nothing from the environment: `config` was parsed by `loadConfig`. */
export async function createGateway(config: GatewayConfig, deps: GatewayDeps): Promise<Gateway> {
  const { logger } = deps;
  // Built before the client so that its events feed them.
  const metrics = config.metrics
    ? (deps.metrics ?? createGatewayMetrics({ processMetrics: deps.processMetrics ?? false }))
    : undefined;
  const tracing =
    deps.tracing === false ? undefined : (deps.tracing ?? (await loadTracing(config)));
  if (tracing !== undefined && deps.tracing === undefined) {
    logger.info(
      { otlpEndpoint: config.otlpEndpoint },
      'tracing enabled: spans exported over OTLP/HTTP',
    );
  }
  const upstream = await resolveUpstream(config, deps);
  const sink = createUpstreamEventSink({ logger, metrics, tracing });
  const extra = deps.onUpstreamEvent;
  const client = upstream.client(
    extra === undefined
      ? sink
      : (event) => {
          sink(event);
          extra(event);
        },
  );
  const watcher = upstream.watcher?.();
  const watchHub =
    watcher === undefined
      ? undefined
      : createWatchHub({
          watcher,
          getStream: async (ref, credential, signal) => {
            try {
              return await client.getImageStream(ref, credential, { signal });
            } catch (error) {
              if (isGatewayError(error) && error.code === 'NOT_FOUND') return null;
              throw error;
            }
          },
          accessTtlMs: config.cacheAccessTtlSeconds * 1000,
          maxSubscriptions: config.subscriptions.max,
          maxPerCaller: config.subscriptions.maxPerCaller,
          maxLifetimeMs: config.subscriptions.maxLifetimeSeconds * 1000,
          ...deps.watch,
        });
  const cache = deps.cache ?? (await createCache(config, deps, metrics));
  const reviewAccess =
    upstream.accessReviews === true ? client.reviewImageStreamImages?.bind(client) : undefined;
  if (metrics !== undefined) observeCacheTiers(metrics.registry, cache);
  const server = createGatewayServer({
    config,
    client,
    logger,
    ...(metrics === undefined ? {} : { metrics }),
    ...(tracing === undefined ? {} : { tracing }),
    cache,
    ...(reviewAccess === undefined ? {} : { reviewAccess }),
    serviceCredential: upstream.serviceCredential,
    ...(watchHub === undefined ? {} : { watchHub }),
    ...(upstream.demoCredential === undefined ? {} : { demoCredential: upstream.demoCredential }),
  });
  const metricsServer: MetricsServer | undefined =
    metrics !== undefined && config.metricsPort !== undefined
      ? createMetricsServer(metrics, logger)
      : undefined;
  let metricsUrl: string | undefined;
  return {
    server,
    simulator: upstream.simulator,
    upstreamDescription: upstream.description,
    metrics,
    tracing,
    watchHub,
    async listen(port = config.port, host = config.host) {
      if (metricsServer !== undefined && config.metricsPort !== undefined) {
        metricsUrl = await metricsServer.listen(config.metricsPort, host);
      }
      return server.listen(port, host);
    },
    metricsUrl: () => metricsUrl,
    async close(graceMs = config.shutdownGraceMs) {
      // First: subscriptions end with a retryable SUBSCRIPTION_CLOSED (and their cursor), so
      // that their SSE responses finish instead of holding the drain for the whole grace period.
      await watchHub?.close();
      await server.close(graceMs);
      // A cache given by the caller is theirs to close.
      if (deps.cache === undefined) await cache.close();
      await metricsServer?.close();
      await upstream.simulator?.close();
      await tracing?.shutdown();
    },
  };
}

/*
 * What only some configurations use is imported when they do (`import()`): OpenTelemetry with
 * OTEL_EXPORTER_OTLP_ENDPOINT, the Redis client with REDIS_URL, the simulator (and its certificate
 * generator) without an API server. A gateway in front of a cluster does not hold their code.
 */

/** Tracing from OTEL_EXPORTER_OTLP_ENDPOINT, or none. */
async function loadTracing(config: GatewayConfig): Promise<GatewayTracing | undefined> {
  if (config.otlpEndpoint === undefined) return undefined;
  return (await import('./tracing.js')).tracingFromConfig(config);
}

/** The digest cache: the process LRU, with Redis as its second tier when REDIS_URL is set. */
async function createCache(
  config: GatewayConfig,
  deps: GatewayDeps,
  metrics: GatewayMetrics | undefined,
): Promise<ImageCache> {
  const settings = config.sharedCache;
  const shared =
    settings === undefined
      ? undefined
      : createSharedTier({
          backend:
            deps.sharedBackend ??
            (await import('./redis-backend.js')).createRedisBackend(settings, deps.logger),
          secret: settings.secret,
          prefix: settings.keyPrefix,
          maxValueBytes: settings.maxValueBytes,
          shareAccess: settings.shareAccess,
          log: deps.logger,
          ...(metrics === undefined
            ? {}
            : { observer: createSharedTierObserver(metrics.registry) }),
        });
  // Redis is not required to start (the gateway serves without it), but a moment's wait for the
  // first connection spares a cold start its misses. Bounded: a Redis that is down costs 1 s once.
  if (shared !== undefined && !(await shared.waitConnected(1_000))) {
    deps.logger.warn(
      { tier: 'redis' },
      'starting without the shared cache: Redis is not reachable yet',
    );
  }
  return createImageCache({
    maxBytes: config.cacheMaxBytes,
    accessTtlMs: config.cacheAccessTtlSeconds * 1000,
    ...(deps.cacheClock === undefined ? {} : { clock: deps.cacheClock }),
    ...(shared === undefined ? {} : { shared }),
  });
}

async function resolveUpstream(
  config: GatewayConfig,
  deps: GatewayDeps,
): Promise<ResolvedUpstream> {
  const given = deps.upstream;
  if (given !== undefined && 'client' in given) {
    return {
      client: () => given.client,
      serviceCredential: given.serviceCredential ?? NO_SERVICE_CREDENTIAL,
      description: given.description ?? 'a client given by the caller',
    };
  }
  if (given !== undefined) {
    return {
      client: (onEvent) =>
        createUpstreamClient(config, {
          baseUrl: given.baseUrl,
          ...(given.tls === undefined ? {} : { tls: given.tls }),
          ...(given.dispatcher === undefined ? {} : { dispatcher: given.dispatcher }),
          onEvent,
        }),
      watcher: () =>
        createImageStreamWatcher({
          baseUrl: given.baseUrl,
          ...(given.tls === undefined ? {} : { tls: given.tls }),
          ...(given.dispatcher === undefined ? {} : { dispatcher: given.dispatcher }),
        }),
      accessReviews: true,
      serviceCredential: given.serviceCredential ?? NO_SERVICE_CREDENTIAL,
      description: given.description ?? given.baseUrl,
    };
  }
  const target = await resolveUpstreamTarget(config.upstream);
  if (target.kind !== 'simulator') {
    if (
      config.authMode === 'service' &&
      target.tls.cert === undefined &&
      (await target.tokenProvider()) === undefined
    ) {
      // Every caller would be sent upstream with no credential at all (anonymous).
      throw new Error(
        `AUTH_MODE=service sends the gateway's own credential for every caller, but ${target.description} has none; give it a token, tokenFile or client certificate, or use AUTH_MODE=passthrough`,
      );
    }
    return {
      client: (onEvent) =>
        createUpstreamClient(config, { baseUrl: target.baseUrl, tls: target.tls, onEvent }),
      watcher: () => createImageStreamWatcher({ baseUrl: target.baseUrl, tls: target.tls }),
      accessReviews: true,
      serviceCredential: async () => ({ token: await target.tokenProvider() }),
      description: target.description,
    };
  }
  const { startSimulator, DEMO } = await import('../simulator/index.js');
  const simulator = await startSimulator();
  const adminToken = simulator.token(DEMO.users.admin);
  announceSimulator(deps.logger, simulator, DEMO.users.developer);
  return {
    client: (onEvent) => createUpstreamClient(config, { baseUrl: simulator.url, onEvent }),
    watcher: () => createImageStreamWatcher({ baseUrl: simulator.url }),
    accessReviews: true,
    serviceCredential: () => Promise.resolve({ token: adminToken }),
    demoCredential: { token: simulator.token(DEMO.users.developer) },
    simulator,
    description: target.description,
  };
}

/** The embedded simulator must never be mistaken for a cluster: say so loudly. */
function announceSimulator(logger: Logger, simulator: Simulator, demoUser: string): void {
  logger.warn(
    {
      simulator: simulator.url,
      users: simulator.users.map((user) => ({ name: user.name, namespaces: user.namespaces })),
    },
    [
      '',
      '**********************************************************************************',
      '*  NO CLUSTER CONFIGURED: serving the EMBEDDED OPENSHIFT SIMULATOR with DEMO DATA  *',
      '*  (no OPENSHIFT_API_URL, no kubeconfig, not in a pod). Callers without a token   *',
      `*  are served as the demo user "${demoUser}". Do not use this in production.      *`,
      '**********************************************************************************',
    ].join('\n'),
  );
}
