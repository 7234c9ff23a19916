/**
 * The gateway's configuration: parsed and validated once, from the environment, by `loadConfig`.
 * Nothing else reads `process.env`. Every problem is collected and reported in one error.
 */

/** Who the gateway is upstream for a caller. */
export type AuthMode = 'passthrough' | 'service';

/** How persisted operations are handled. */
export type PersistedOperationsMode = 'off' | 'apq' | 'safelist';

/** Raw upstream settings; `src/upstream/credentials.ts` turns them into a target (first match wins). */
export interface UpstreamSettings {
  /** OPENSHIFT_API_URL: the API server, e.g. `https://api.cluster.example.com:6443`. */
  apiUrl: string | undefined;
  /** OPENSHIFT_TOKEN: the gateway's own bearer token (secret; redacted in logs). */
  token: string | undefined;
  /** OPENSHIFT_TOKEN_FILE: a file holding the gateway's own token, re-read as it rotates. */
  tokenFile: string | undefined;
  /** OPENSHIFT_CA_FILE: PEM bundle that signs the API server's certificate. */
  caFile: string | undefined;
  /** KUBECONFIG: colon-separated kubeconfig paths (client-go merge order). */
  kubeconfig: string | undefined;
  /** HOME, for the default `~/.kube/config`. */
  home: string | undefined;
  /** KUBERNETES_SERVICE_HOST / KUBERNETES_SERVICE_PORT: set inside a pod. */
  inClusterHost: string | undefined;
  inClusterPort: string | undefined;
}

/** How the Redis deployment is reached (from the REDIS_URL scheme). */
export type RedisMode = 'standalone' | 'cluster' | 'sentinel';

/** The shared cache tier (REDIS_URL set). */
export interface SharedCacheSettings {
  /** REDIS_URL as given (secret: may carry a password; redacted in logs). */
  url: string;
  /** `redis://`/`rediss://`: one server; `redis-cluster://`: Cluster seeds; `redis-sentinel://`: Sentinels. */
  mode: RedisMode;
  /** Whether the connection uses TLS (`rediss…` schemes). */
  tls: boolean;
  /** Every `host:port` of the URL (several for Cluster seeds and Sentinels). */
  hosts: { host: string; port: number }[];
  username: string | undefined;
  /** Secret: redacted in logs. */
  password: string | undefined;
  /** Database number (standalone), from the URL path. */
  database: number | undefined;
  /** Sentinel: the master's name, from the URL path. */
  sentinelMaster: string | undefined;
  /** CACHE_SHARED_SECRET: HMAC key of every value and of credential keys (secret). */
  secret: string;
  /** REDIS_KEY_PREFIX. @default 'oig' */
  keyPrefix: string;
  /** REDIS_COMMAND_TIMEOUT_MS: timeout of a read; writes get at least 500 ms. @default 150 */
  commandTimeoutMs: number;
  /** REDIS_MAX_VALUE_BYTES: values above this (compressed) stay in the process. @default 524288 */
  maxValueBytes: number;
  /** CACHE_SHARED_ACCESS: share access records (HMAC-keyed, positive only) between replicas. @default true */
  shareAccess: boolean;
}

/** Query limits, applied before any upstream call. */
export interface QueryLimits {
  /** MAX_QUERY_DEPTH. @default 12 */
  maxDepth: number;
  /** MAX_QUERY_ALIASES. @default 30 */
  maxAliases: number;
  /** MAX_QUERY_TOKENS. @default 2000 */
  maxTokens: number;
  /** MAX_QUERY_DIRECTIVES. @default 20 */
  maxDirectives: number;
  /** MAX_QUERY_COST: estimated upstream cost, 10 per upstream GET a query can cause. @default 1000 */
  maxCost: number;
  /** MAX_QUERY_FIELD_COST: static field cost of the document (GraphQL Armor's formula). @default 5000 */
  maxFieldCost: number;
  /** MAX_REQUEST_BODY_BYTES. @default 1048576 (1 MiB) */
  maxBodyBytes: number;
  /** MAX_BATCH_OPERATIONS: operations per batched HTTP request. @default 10 */
  maxBatchOperations: number;
  /** MAX_UPSTREAM_CALLS_PER_REQUEST: upstream GETs one request may cause; the rest become errors. @default 100 */
  maxUpstreamCallsPerRequest: number;
}

/** Live updates (`Subscription.imageStreamChanged`, docs/subscriptions.md). */
export interface SubscriptionSettings {
  /** SUBSCRIPTIONS_MAX: open subscriptions of the whole gateway. @default 1000 */
  max: number;
  /** SUBSCRIPTIONS_MAX_PER_CALLER: open subscriptions of one credential. @default 50 */
  maxPerCaller: number;
  /** SUBSCRIPTION_MAX_LIFETIME_SECONDS: then a retryable SUBSCRIPTION_CLOSED (re-authenticates). @default 1800 */
  maxLifetimeSeconds: number;
}

/** The parsed configuration. */
export interface GatewayConfig {
  /** PORT. @default 4000 */
  port: number;
  /** HOST. @default '0.0.0.0' */
  host: string;
  upstream: UpstreamSettings;
  /** AUTH_MODE: `passthrough` forwards the caller's bearer token; `service` uses the gateway's own. @default 'passthrough' */
  authMode: AuthMode;
  /** UPSTREAM_MAX_CONCURRENCY: concurrent upstream GETs per request batch. @default 8 */
  upstreamMaxConcurrency: number;
  /** UPSTREAM_MAX_CONCURRENCY_PER_CALLER: concurrent upstream GETs per caller across requests. @default 16 */
  upstreamMaxConcurrencyPerCaller: number;
  /** UPSTREAM_TIMEOUT_MS: the one deadline of an upstream GET, retries included (docs/upstream-client.md). @default 10000 */
  upstreamTimeoutMs: number;
  /** REQUEST_TIMEOUT_MS: deadline of a whole GraphQL request. @default 30000 */
  requestTimeoutMs: number;
  /** UPSTREAM_RETRIES: retries of a GET on 429/5xx with Retry-After or a refused/reset connection (docs/upstream-client.md). @default 2 */
  upstreamRetries: number;
  /** CIRCUIT_FAILURE_THRESHOLD: consecutive upstream failures that open the circuit. @default 5 */
  circuitFailureThreshold: number;
  /** CIRCUIT_HALF_OPEN_AFTER_MS: how long an open circuit fails fast before probing. @default 5000 */
  circuitHalfOpenAfterMs: number;
  /** CACHE_ACCESS_TTL_SECONDS: how long a caller's successful read is trusted; 0 asks every time. @default 30 */
  cacheAccessTtlSeconds: number;
  /** CACHE_MAX_BYTES: bound of the process-wide content cache. @default 268435456 (256 MiB) */
  cacheMaxBytes: number;
  /** The Redis tier; undefined when REDIS_URL is not set. */
  sharedCache: SharedCacheSettings | undefined;
  limits: QueryLimits;
  subscriptions: SubscriptionSettings;
  /** GRAPHIQL_ENABLED. Never turned off by NODE_ENV alone. @default true */
  graphiql: boolean;
  /** INTROSPECTION_ENABLED. Never turned off by NODE_ENV alone. @default true */
  introspection: boolean;
  /** CORS_ORIGINS: comma-separated allowed origins, `*` for any; empty means same-origin only. @default [] */
  corsOrigins: string[];
  /** RESPONSE_STATS: always report upstream GETs and cache hits in `extensions.stats` (else only with the `x-gateway-stats: 1` header). @default false */
  responseStats: boolean;
  /** GRAPHQL_JIT: execute queries with graphql-jit (compiled per document and operation) instead of graphql-js; the answers are byte-identical. @default true (see src/server/jit.ts) */
  graphqlJit: boolean;
  /** HTTP_FAST_LANE: answer plain JSON queries to /graphql without yoga's fetch adapter, byte for byte as yoga does (see src/server/fast-lane.ts). @default true */
  httpFastLane: boolean;
  /** HTTP_DIRECT_EXECUTION: the fast lane runs a query yoga has validated before without yoga's per-operation pipeline, answering as it does (needs GRAPHQL_JIT; see src/server/direct-execution.ts). @default true */
  httpDirectExecution: boolean;
  /** REPLAY_MEMO_MAX_BYTES: bound of the direct execution's replay memo (JSON of the results it holds); 0 turns it off (see src/server/replay-memo.ts). @default 16777216 (16 MiB) */
  replayMemoMaxBytes: number;
  /** LOG_LEVEL: pino level. @default 'info' */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** METRICS_ENABLED: serve Prometheus metrics at /metrics. @default true */
  metrics: boolean;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: enables tracing when set. @default undefined */
  otlpEndpoint: string | undefined;
  /** PERSISTED_OPERATIONS_MODE: `apq`, `safelist` (stricter: only listed operations) or `off`. @default 'apq' */
  persistedOperationsMode: PersistedOperationsMode;
  /** PERSISTED_OPERATIONS_FILE: JSON map of sha256 hash -> document, for the safelist and pre-registered APQ. */
  persistedOperationsFile: string | undefined;
  /** STREAM_BROWSER_DIR: serve the built reference frontend from this directory at /browser/ (set by `npm run demo`). @default undefined */
  streamBrowserDir: string | undefined;
  /** SHUTDOWN_GRACE_MS: how long SIGTERM waits for in-flight requests. @default 10000 */
  shutdownGraceMs: number;
  /**
   * FEDERATION_ENABLED: serve the Apollo Federation v2 subgraph protocol (`_service`, `_entities`);
   * a plain client sees no difference. @default true
   */
  federation: boolean;
  /**
   * UPSTREAM_MAX_IN_FLIGHT: upstream GETs in flight for the whole gateway, whoever the callers are
   * (the per-request and per-caller bounds apply as well). @default 32 (the connection pool's size)
   */
  upstreamMaxInFlight: number;
  /**
   * AUTH_NEGATIVE_TTL_SECONDS: how long a credential the API server rejected (401) is refused by
   * the gateway without asking again; per replica, never shared. 0 turns it off. @default 5
   */
  authNegativeTtlSeconds: number;
  /**
   * SERVICE_IDENTITY_HEADER: with AUTH_MODE=service, a request header set by the trusted front
   * proxy (e.g. `x-forwarded-user`) whose value keys the per-caller concurrency cap. Unset: the
   * client certificate, else the remote address. @default undefined
   */
  serviceIdentityHeader: string | undefined;
  /** MAX_CONNECTIONS: open HTTP connections the server accepts; more are closed at once. @default 1024 */
  maxConnections: number;
  /**
   * METRICS_PORT: serve /metrics on this port only (same HOST), never on PORT. Unset: /metrics is
   * served on PORT. @default undefined
   */
  metricsPort: number | undefined;
}

/** Thrown by {@link loadConfig} with every problem found. */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Variables that select or reach the upstream: set but empty, each is refused. */
const UPSTREAM_VARIABLES = [
  'OPENSHIFT_API_URL',
  'OPENSHIFT_TOKEN',
  'OPENSHIFT_TOKEN_FILE',
  'OPENSHIFT_CA_FILE',
  'KUBECONFIG',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads one variable at a time and records what is wrong, so that all problems are reported together. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  /** True when the variable is present but empty or blank (`OPENSHIFT_API_URL=`). */
  blank(name: string): boolean {
    const value = this.env[name];
    return value !== undefined && value.trim() === '';
  }

  string(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  int(name: string, fallback: number, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      const range =
        min === 0
          ? 'a non-negative integer'
          : min === 1
            ? 'a positive integer'
            : `an integer >= ${min}`;
      this.problems.push(
        `${name} must be ${range}${max < Number.MAX_SAFE_INTEGER ? ` <= ${max}` : ''}, but got: '${raw}'`,
      );
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false, but got: '${raw}'`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, but got: '${raw}'`);
    return fallback;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      this.problems.push(`${name} must be an absolute URL, but got: '${redactUrl(raw)}'`);
      return undefined;
    }
    if (!protocols.includes(parsed.protocol)) {
      this.problems.push(
        `${name} must use ${protocols.join(' or ')}, but got: '${parsed.protocol}'`,
      );
      return undefined;
    }
    if (parsed.username !== '' || parsed.password !== '') {
      this.problems.push(
        `${name} must not carry credentials in the URL; use OPENSHIFT_TOKEN or OPENSHIFT_TOKEN_FILE`,
      );
      return undefined;
    }
    return raw.replace(/\/+$/, '');
  }

  list(name: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
}

/** A URL with any userinfo removed, safe to print. */
function redactUrl(raw: string): string {
  return raw.replace(/\/\/[^/@]*@/, '//***@');
}

/**
 * Parses and validates the configuration from an environment map. Pure: it reads no files and
 * touches no globals. Throws one {@link ConfigError} listing every problem.
 */
export function loadConfig(env: Env): GatewayConfig {
  const r = new EnvReader(env);
  // A set but empty upstream variable is a deployment mistake (an unresolved secret or template),
  // never a request for the embedded simulator: that starts only when nothing at all is set.
  for (const name of UPSTREAM_VARIABLES) {
    if (r.blank(name)) {
      r.problems.push(
        `${name} is set but empty; give it a value or unset it (an empty value never selects the embedded simulator)`,
      );
    }
  }
  const upstream: UpstreamSettings = {
    apiUrl: r.url('OPENSHIFT_API_URL', ['https:', 'http:']),
    token: r.string('OPENSHIFT_TOKEN'),
    tokenFile: r.string('OPENSHIFT_TOKEN_FILE'),
    caFile: r.string('OPENSHIFT_CA_FILE'),
    kubeconfig: r.string('KUBECONFIG'),
    home: r.string('HOME'),
    inClusterHost: r.string('KUBERNETES_SERVICE_HOST'),
    inClusterPort: r.string('KUBERNETES_SERVICE_PORT'),
  };
  if (upstream.token !== undefined && upstream.tokenFile !== undefined) {
    r.problems.push('OPENSHIFT_TOKEN and OPENSHIFT_TOKEN_FILE are both set; set one');
  }
  if (
    upstream.apiUrl === undefined &&
    (upstream.token ?? upstream.tokenFile ?? upstream.caFile) !== undefined
  ) {
    r.problems.push(
      'OPENSHIFT_TOKEN, OPENSHIFT_TOKEN_FILE and OPENSHIFT_CA_FILE need OPENSHIFT_API_URL',
    );
  }

  const config: GatewayConfig = {
    port: r.int('PORT', 4000, { min: 0, max: 65535 }),
    host: r.string('HOST') ?? '0.0.0.0',
    upstream,
    authMode: r.oneOf('AUTH_MODE', ['passthrough', 'service'] as const, 'passthrough'),
    upstreamMaxConcurrency: r.int('UPSTREAM_MAX_CONCURRENCY', 8),
    upstreamMaxConcurrencyPerCaller: r.int('UPSTREAM_MAX_CONCURRENCY_PER_CALLER', 16),
    upstreamTimeoutMs: r.int('UPSTREAM_TIMEOUT_MS', 10_000),
    requestTimeoutMs: r.int('REQUEST_TIMEOUT_MS', 30_000),
    upstreamRetries: r.int('UPSTREAM_RETRIES', 2, { min: 0, max: 10 }),
    circuitFailureThreshold: r.int('CIRCUIT_FAILURE_THRESHOLD', 5),
    circuitHalfOpenAfterMs: r.int('CIRCUIT_HALF_OPEN_AFTER_MS', 5_000),
    cacheAccessTtlSeconds: r.int('CACHE_ACCESS_TTL_SECONDS', 30, { min: 0 }),
    cacheMaxBytes: r.int('CACHE_MAX_BYTES', 256 * 1024 * 1024, { min: 1024 }),
    sharedCache: readSharedCache(r),
    limits: {
      maxDepth: r.int('MAX_QUERY_DEPTH', 12),
      maxAliases: r.int('MAX_QUERY_ALIASES', 30),
      maxTokens: r.int('MAX_QUERY_TOKENS', 2000),
      maxDirectives: r.int('MAX_QUERY_DIRECTIVES', 20),
      maxCost: r.int('MAX_QUERY_COST', 1000),
      maxFieldCost: r.int('MAX_QUERY_FIELD_COST', 5000),
      maxBodyBytes: r.int('MAX_REQUEST_BODY_BYTES', 1024 * 1024),
      maxBatchOperations: r.int('MAX_BATCH_OPERATIONS', 10),
      maxUpstreamCallsPerRequest: r.int('MAX_UPSTREAM_CALLS_PER_REQUEST', 100),
    },
    subscriptions: {
      max: r.int('SUBSCRIPTIONS_MAX', 1000),
      maxPerCaller: r.int('SUBSCRIPTIONS_MAX_PER_CALLER', 50),
      maxLifetimeSeconds: r.int('SUBSCRIPTION_MAX_LIFETIME_SECONDS', 1800),
    },
    graphiql: r.bool('GRAPHIQL_ENABLED', true),
    introspection: r.bool('INTROSPECTION_ENABLED', true),
    corsOrigins: r.list('CORS_ORIGINS'),
    responseStats: r.bool('RESPONSE_STATS', false),
    graphqlJit: r.bool('GRAPHQL_JIT', true),
    httpFastLane: r.bool('HTTP_FAST_LANE', true),
    httpDirectExecution: r.bool('HTTP_DIRECT_EXECUTION', true),
    replayMemoMaxBytes: r.int('REPLAY_MEMO_MAX_BYTES', 16 * 1024 * 1024, { min: 0 }),
    logLevel: r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    metrics: r.bool('METRICS_ENABLED', true),
    otlpEndpoint: r.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
    persistedOperationsMode: r.oneOf(
      'PERSISTED_OPERATIONS_MODE',
      ['off', 'apq', 'safelist'] as const,
      'apq',
    ),
    persistedOperationsFile: r.string('PERSISTED_OPERATIONS_FILE'),
    shutdownGraceMs: r.int('SHUTDOWN_GRACE_MS', 10_000, { min: 0 }),
    streamBrowserDir: r.string('STREAM_BROWSER_DIR'),
    federation: r.bool('FEDERATION_ENABLED', true),
    upstreamMaxInFlight: r.int('UPSTREAM_MAX_IN_FLIGHT', 32),
    authNegativeTtlSeconds: r.int('AUTH_NEGATIVE_TTL_SECONDS', 5, { min: 0, max: 300 }),
    serviceIdentityHeader: r.string('SERVICE_IDENTITY_HEADER')?.toLowerCase(),
    maxConnections: r.int('MAX_CONNECTIONS', 1024),
    metricsPort:
      r.string('METRICS_PORT') === undefined
        ? undefined
        : r.int('METRICS_PORT', 0, { min: 0, max: 65535 }),
  };
  if (
    config.serviceIdentityHeader !== undefined &&
    !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(config.serviceIdentityHeader)
  ) {
    r.problems.push(
      `SERVICE_IDENTITY_HEADER must be an HTTP header name, but got: '${config.serviceIdentityHeader}'`,
    );
  }
  if (
    config.authMode === 'service' &&
    upstream.apiUrl !== undefined &&
    upstream.token === undefined &&
    upstream.tokenFile === undefined
  ) {
    // Without it every upstream request would go out with no Authorization header at all.
    r.problems.push(
      "AUTH_MODE=service sends the gateway's own credential for every caller, but OPENSHIFT_API_URL is set without one; set OPENSHIFT_TOKEN or OPENSHIFT_TOKEN_FILE",
    );
  }
  if (
    config.metricsPort !== undefined &&
    config.metricsPort !== 0 &&
    config.metricsPort === config.port
  ) {
    r.problems.push(`METRICS_PORT must differ from PORT (both are ${config.port})`);
  }
  if (
    config.persistedOperationsMode === 'safelist' &&
    config.persistedOperationsFile === undefined
  ) {
    r.problems.push('PERSISTED_OPERATIONS_MODE=safelist needs PERSISTED_OPERATIONS_FILE');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

const REDIS_SCHEMES: Record<string, { mode: RedisMode; tls: boolean }> = {
  'redis:': { mode: 'standalone', tls: false },
  'rediss:': { mode: 'standalone', tls: true },
  'redis-cluster:': { mode: 'cluster', tls: false },
  'rediss-cluster:': { mode: 'cluster', tls: true },
  'redis-sentinel:': { mode: 'sentinel', tls: false },
  'rediss-sentinel:': { mode: 'sentinel', tls: true },
};

/** Parses `scheme://[user[:password]@]host[:port][,host[:port]...][/path]`. */
function parseRedisUrl(
  raw: string,
  problems: string[],
):
  | Omit<
      SharedCacheSettings,
      'secret' | 'keyPrefix' | 'commandTimeoutMs' | 'maxValueBytes' | 'shareAccess'
    >
  | undefined {
  const match = /^([a-z-]+:)\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)(\/[^?#]*)?$/.exec(raw);
  const scheme = match === null ? undefined : REDIS_SCHEMES[match[1] ?? ''];
  if (match === null || scheme === undefined) {
    problems.push(
      `REDIS_URL must be redis://, rediss://, redis-cluster://, rediss-cluster://, redis-sentinel:// or rediss-sentinel:// followed by host:port, but got: '${redactUrl(raw)}'`,
    );
    return undefined;
  }
  const hosts: { host: string; port: number }[] = [];
  for (const part of (match[4] ?? '').split(',')) {
    const hostMatch = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(part.trim());
    const port = Number(hostMatch?.[2] ?? (scheme.mode === 'sentinel' ? 26379 : 6379));
    if (hostMatch === null || port < 1 || port > 65535) {
      problems.push(`REDIS_URL has a host that is not host[:port]: '${redactUrl(part)}'`);
      return undefined;
    }
    hosts.push({ host: (hostMatch[1] ?? '').replace(/^\[|\]$/g, ''), port });
  }
  if (scheme.mode === 'standalone' && hosts.length !== 1) {
    problems.push(
      'REDIS_URL with redis:// or rediss:// takes one host; use redis-cluster:// or redis-sentinel:// for several',
    );
    return undefined;
  }
  const path = (match[5] ?? '').replace(/^\//, '');
  let database: number | undefined;
  let sentinelMaster: string | undefined;
  if (scheme.mode === 'sentinel') {
    if (path === '') {
      problems.push(
        'REDIS_URL with redis-sentinel:// needs the master name as its path, e.g. redis-sentinel://sentinel:26379/mymaster',
      );
      return undefined;
    }
    sentinelMaster = decodeURIComponent(path);
  } else if (path !== '') {
    if (scheme.mode === 'cluster' || !/^\d{1,2}$/.test(path)) {
      problems.push(
        `REDIS_URL path must be a database number (standalone only), but got: '/${path}'`,
      );
      return undefined;
    }
    database = Number(path);
  }
  const decode = (value: string | undefined): string | undefined =>
    value === undefined || value === '' ? undefined : decodeURIComponent(value);
  return {
    url: raw,
    mode: scheme.mode,
    tls: scheme.tls,
    hosts,
    username: decode(match[2]),
    password: decode(match[3]),
    database,
    sentinelMaster,
  };
}

/** The Redis tier's settings: present only with REDIS_URL, which then needs CACHE_SHARED_SECRET. */
function readSharedCache(r: EnvReader): SharedCacheSettings | undefined {
  const raw = r.string('REDIS_URL');
  const secret = r.string('CACHE_SHARED_SECRET');
  const keyPrefix = r.string('REDIS_KEY_PREFIX') ?? 'oig';
  const commandTimeoutMs = r.int('REDIS_COMMAND_TIMEOUT_MS', 150, { min: 1, max: 10_000 });
  const maxValueBytes = r.int('REDIS_MAX_VALUE_BYTES', 512 * 1024, { min: 1024 });
  const shareAccess = r.bool('CACHE_SHARED_ACCESS', true);
  if (raw === undefined) return undefined;
  if (secret === undefined) {
    r.problems.push(
      'REDIS_URL is set but CACHE_SHARED_SECRET is not: set CACHE_SHARED_SECRET to a random value of at least 32 characters (every value in Redis is authenticated with it)',
    );
  } else if (secret.length < 32) {
    r.problems.push(`CACHE_SHARED_SECRET must be at least 32 characters, but got ${secret.length}`);
  }
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(keyPrefix)) {
    r.problems.push(
      `REDIS_KEY_PREFIX must be 1 to 32 letters, digits, '.', '_' or '-', but got: '${keyPrefix}'`,
    );
  }
  const parsed = parseRedisUrl(raw, r.problems);
  if (parsed === undefined || secret === undefined) return undefined;
  return { ...parsed, secret, keyPrefix, commandTimeoutMs, maxValueBytes, shareAccess };
}

/** The configuration with secrets replaced, for the start-up log line. */
export function redactConfig(config: GatewayConfig): Record<string, unknown> {
  const { token, apiUrl, ...upstream } = config.upstream;
  const shared = config.sharedCache;
  return {
    ...config,
    sharedCache:
      shared === undefined
        ? undefined
        : {
            ...shared,
            url: redactUrl(shared.url),
            secret: '[REDACTED]',
            ...(shared.password === undefined ? {} : { password: '[REDACTED]' }),
          },
    upstream: {
      ...upstream,
      // Keys are left out when unset, so the log never suggests a token that is not there.
      ...(apiUrl === undefined ? {} : { apiUrl: redactUrl(apiUrl) }),
      ...(token === undefined ? {} : { token: '[REDACTED]' }),
    },
  };
}
