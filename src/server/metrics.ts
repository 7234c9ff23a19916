/**
 * Prometheus metrics, served at /metrics. One `Registry` per gateway (never prom-client's global
 * one), so a process (or a test file) can build many gateways.
 *
 * Every label value is bounded: operation names pass a grammar check and a cap on distinct
 * values, error codes come from the closed list in src/errors/codes.ts, HTTP statuses are
 * numbers, routes and methods are fixed lists. Namespaces, image names, digests and credentials
 * are never labels.
 *
 * Why not @graphql-yoga/plugin-prometheus: it labels by the client-chosen `operationName`
 * without a bound, and has no notion of our error codes as an outcome.
 */
import {
  Counter,
  Gauge,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
} from 'prom-client';
import { createSeriesCounter, createSeriesHistogram } from './metric-series.js';
import type { ImageCacheStats } from '../loaders/image-cache.js';
import type { WatchHubStats } from '../loaders/watch-hub.js';
import type { UpstreamEvent, UpstreamStats } from '../upstream/openshift-client.js';
import type { CircuitState } from '../upstream/circuit-breaker.js';
import type { OperationRecord } from './access-log.js';

/** Prefix of every metric name. */
export const METRICS_PREFIX = 'image_graphql_';

/** A GraphQL name (spec grammar), up to 100 characters. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** Label values of `operation_name` beyond the bound. */
export const OPERATION_NAME_LABELS = {
  anonymous: '(anonymous)',
  /** Not (yet) admitted: the cap of distinct names is reached, or the document did not validate. */
  other: '(other)',
} as const;

/** Numeric value of `upstream_circuit_state`. */
const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** HTTP routes of the front, as the `route` label. */
export type HttpRoute =
  | '/graphql'
  | '/healthz'
  | '/readyz'
  | '/metrics'
  | '/schema.graphql'
  | '/graphiql/assets'
  | 'other';

const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

/** Options of {@link createGatewayMetrics}. */
export interface GatewayMetricsOptions {
  /** Also collect Node's process metrics (CPU, memory, event loop, GC), prefixed. @default false */
  readonly processMetrics?: boolean;
  /** Distinct `operation_name` values admitted before the rest count as `(other)`. @default 100 */
  readonly maxOperationNames?: number;
}

/** The gateway's metrics and the hooks that feed them. */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** Records one finished GraphQL operation. */
  readonly recordOperation: (operation: OperationRecord) => void;
  /** Records one HTTP request of the front. */
  readonly recordHttp: (
    route: HttpRoute,
    method: string | undefined,
    status: number,
    seconds: number,
  ) => void;
  /** The upstream client's `onEvent`. */
  readonly onUpstreamEvent: (event: UpstreamEvent) => void;
  /** `createLoaders`' `onBatch`. */
  readonly onBatch: (size: number) => void;
  /** Reads cache counters and sizes at every scrape. */
  observeCache(stats: () => ImageCacheStats): void;
  /** Reads the circuit state at every scrape (else the last `circuit` event counts). */
  observeUpstream(stats: () => UpstreamStats): void;
  /** Reads the subscription hub's gauges and counters at every scrape (docs/subscriptions.md). */
  observeSubscriptions(stats: () => WatchHubStats): void;
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Which route label a path gets. */
export function routeOf(path: string): HttpRoute {
  switch (path) {
    case '/graphql':
    case '/healthz':
    case '/readyz':
    case '/metrics':
    case '/schema.graphql':
      return path;
    default:
      return path.startsWith('/graphiql/assets/') ? '/graphiql/assets' : 'other';
  }
}

/** Buckets (seconds) of an operation or HTTP request, up to the longest request limits. */
const REQUEST_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Buckets (seconds) of one upstream attempt, up to the default UPSTREAM_TIMEOUT_MS. */
const UPSTREAM_SECONDS = REQUEST_SECONDS.filter((seconds) => seconds <= 10);
/** An operation is counted and timed by the same labels (`recordOperation` gives both). */
const OPERATION_LABELS: ('operation_name' | 'operation_type' | 'outcome')[] = [
  'operation_name',
  'operation_type',
  'outcome',
];
/** An upstream attempt is counted and timed by the same labels. */
const UPSTREAM_LABELS: ('resource' | 'status')[] = ['resource', 'status'];

/** A counter that follows a monotonic total read at scrape time (e.g. the cache's hit count). */
function followingCounter(
  registry: Registry,
  config: Omit<CounterConfiguration<string>, 'registers' | 'collect'>,
  read: () => number | undefined,
): Counter {
  let seen = 0;
  return new Counter({
    ...config,
    registers: [registry],
    collect() {
      const total = read();
      if (total === undefined) return;
      // A total that went down (a new source) restarts the difference from there.
      if (total > seen) this.inc(total - seen);
      seen = total;
    },
  });
}

/** Creates a gateway's metrics in a registry of its own. */
export function createGatewayMetrics(options: GatewayMetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  const p = METRICS_PREFIX;
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry, prefix: p });
  const maxNames = options.maxOperationNames ?? 100;
  const admitted = new Set<string>();

  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name: `${p}${name}`, help, labelNames, registers: [registry] });
  // The series updated per request or per upstream attempt: prom-client's registry and format,
  // without its per-update label work (./metric-series.ts).
  const hotCounter = (name: string, help: string, labelNames: readonly string[]) =>
    createSeriesCounter(registry, { name: `${p}${name}`, help, labelNames });
  const hotHistogram = (
    name: string,
    help: string,
    buckets: readonly number[],
    labelNames: readonly string[] = [],
  ) => createSeriesHistogram(registry, { name: `${p}${name}`, help, labelNames, buckets });

  const operations = hotCounter(
    'graphql_operations_total',
    'GraphQL operations by operation name, type and outcome (ok or the first error code).',
    OPERATION_LABELS,
  );
  const operationDuration = hotHistogram(
    'graphql_operation_duration_seconds',
    'Time from parsing a GraphQL operation to its final result.',
    REQUEST_SECONDS,
    OPERATION_LABELS,
  );
  const graphqlErrors = counter(
    'graphql_errors_total',
    'Errors in GraphQL results by code (each distinct code once per operation).',
    ['code'],
  );
  const httpRequests = hotCounter(
    'http_requests_total',
    'HTTP requests by route, method and status.',
    ['route', 'method', 'status'],
  );
  const httpDuration = hotHistogram(
    'http_request_duration_seconds',
    'HTTP request duration by route, until the response closed.',
    REQUEST_SECONDS,
    ['route', 'method'],
  );
  const upstreamRequests = hotCounter(
    'upstream_requests_total',
    'HTTP attempts to the API server (retries included) by resource and status; status is the failure kind (transport, timeout, aborted, bad-response) when there was no usable answer.',
    UPSTREAM_LABELS,
  );
  const upstreamDuration = hotHistogram(
    'upstream_request_duration_seconds',
    'Duration of one HTTP attempt to the API server, body included.',
    UPSTREAM_SECONDS,
    UPSTREAM_LABELS,
  );
  const upstreamRetries = counter(
    'upstream_retries_total',
    'Retries scheduled by the upstream client, by the code of the failure retried.',
    ['code'],
  );
  const rejectedByCircuit = counter(
    'upstream_rejected_by_circuit_total',
    'Upstream calls refused without a request because the circuit was open.',
  );
  let circuitSource: (() => CircuitState) | undefined;
  let lastCircuit: CircuitState = 'closed';
  new Gauge({
    name: `${p}upstream_circuit_state`,
    help: 'Circuit breaker of the API server: 0 closed, 1 half-open, 2 open.',
    registers: [registry],
    collect() {
      this.set(CIRCUIT_VALUE[circuitSource?.() ?? lastCircuit]);
    },
  });
  const batchSize = hotHistogram(
    'dataloader_batch_size',
    'Keys per DataLoader batch (siblings coalesced into one batch).',
    [1, 2, 5, 10, 20, 50, 100],
  );

  let cacheSource: (() => ImageCacheStats) | undefined;
  // Live updates: read from the hub at scrape time, like the cache.
  let hubSource: (() => WatchHubStats) | undefined;
  // The hub's readings, by the stats field each follows: gauges follow the value, counters only
  // ever grow with it (followingCounter). Registered in this order.
  const hubReadings: [keyof WatchHubStats, 'gauge' | 'counter', string, string][] = [
    [
      'subscriptions',
      'gauge',
      'subscriptions_open',
      'Open imageStreamChanged subscriptions (bounded by SUBSCRIPTIONS_MAX).',
    ],
    [
      'upstreamWatches',
      'gauge',
      'upstream_watches_open',
      'Open upstream ImageStream watches (one per watched stream, shared by its subscribers).',
    ],
    [
      'reconnects',
      'counter',
      'upstream_watch_reconnects_total',
      'Upstream watch reconnects (server timeouts, drops, failures).',
    ],
    [
      'expired',
      'counter',
      'upstream_watch_expired_total',
      'Upstream watches that got 410 Expired (then re-got, never replayed).',
    ],
    ['eventsSent', 'counter', 'subscription_events_sent_total', 'Events delivered to subscribers.'],
    [
      'slowConsumerCloses',
      'counter',
      'subscription_slow_consumer_closes_total',
      'Subscriptions closed with SLOW_CONSUMER.',
    ],
    [
      'accessChecks',
      'counter',
      'subscription_access_checks_total',
      "Access proofs (GETs with a subscriber's credential).",
    ],
  ];
  for (const [field, kind, name, help] of hubReadings) {
    const read = (): number | undefined => hubSource?.()[field];
    if (kind === 'counter') {
      followingCounter(registry, { name: `${p}${name}`, help }, read);
      continue;
    }
    new Gauge({
      name: `${p}${name}`,
      help,
      registers: [registry],
      collect() {
        const value = read();
        if (value !== undefined) this.set(value);
      },
    });
  }
  let cacheNow: ImageCacheStats | undefined;
  // Read once per scrape, before the cache metrics (registration order is collection order).
  new Gauge({
    name: `${p}cache_bytes`,
    help: 'Bytes held by the process-wide image cache (bounded by CACHE_MAX_BYTES).',
    registers: [registry],
    collect() {
      cacheNow = cacheSource?.();
      if (cacheNow !== undefined) this.set(cacheNow.bytes);
    },
  });
  new Gauge({
    name: `${p}cache_entries`,
    help: 'Entries of the image cache by kind: content (per digest) or access (per caller and ref).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      if (cacheNow === undefined) return;
      this.set({ kind: 'content' }, cacheNow.contentEntries);
      this.set({ kind: 'access' }, cacheNow.accessEntries);
    },
  });
  const cacheCounters: [string, string, (stats: ImageCacheStats) => number][] = [
    ['cache_hits_total', 'Image cache lookups answered from the cache.', (c) => c.hits],
    ['cache_misses_total', 'Image cache lookups that went upstream.', (c) => c.misses],
    [
      'cache_evictions_total',
      'Entries evicted to stay within CACHE_MAX_BYTES.',
      (c) => c.evictions,
    ],
  ];
  for (const [name, help, read] of cacheCounters) {
    followingCounter(registry, { name: `${p}${name}`, help }, () =>
      cacheNow === undefined ? undefined : read(cacheNow),
    );
  }

  const nameLabel = (operation: OperationRecord): string => {
    const name = operation.name;
    if (name === undefined) return OPERATION_NAME_LABELS.anonymous;
    if (!OPERATION_NAME.test(name)) return OPERATION_NAME_LABELS.other;
    if (admitted.has(name)) return name;
    // Only a document that validated may spend one of the distinct names.
    if (!operation.validated || admitted.size >= maxNames) return OPERATION_NAME_LABELS.other;
    admitted.add(name);
    return name;
  };

  return {
    registry,
    recordOperation(operation) {
      // OPERATION_LABELS' order.
      const values = [nameLabel(operation), operation.type, operation.outcome];
      operations.inc(values);
      operationDuration.observe(values, operation.durationSeconds);
      for (const code of operation.errorCodes) graphqlErrors.inc({ code });
    },
    recordHttp(route, method, status, seconds) {
      const m = method !== undefined && METHODS.has(method) ? method : 'other';
      httpRequests.inc([route, m, String(status)]);
      httpDuration.observe([route, m], seconds);
    },
    onUpstreamEvent(event) {
      switch (event.type) {
        case 'response': {
          // UPSTREAM_LABELS' order.
          const values = [event.resource, event.failure ?? String(event.status ?? 'unknown')];
          upstreamRequests.inc(values);
          upstreamDuration.observe(values, event.durationMs / 1000);
          return;
        }
        case 'retry':
          upstreamRetries.inc({ code: event.code });
          return;
        case 'circuit':
          lastCircuit = event.state;
          return;
        case 'rejected-by-circuit':
          rejectedByCircuit.inc();
          return;
        case 'attempt':
          return;
      }
    },
    onBatch(size) {
      batchSize.observe([], size);
    },
    observeSubscriptions(stats) {
      hubSource = stats;
    },
    observeCache(stats) {
      cacheSource = stats;
    },
    observeUpstream(stats) {
      circuitSource = () => stats().circuit;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
