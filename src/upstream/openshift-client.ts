/**
 * The undici implementation of {@link OpenShiftClient}: one keep-alive pool per API server, and
 * one generic `request(get, credential, options)` under every resource method. A new resource
 * read is a path (./paths.ts), a body check (./body-validation.ts) and one `reader` entry here.
 * The access review (./access-review.ts) and the readiness probe use the same loop (`send`).
 *
 * The way down: resource method -> `request` (headers, caller key) -> ./resilience.ts (slot,
 * circuit, retries, one deadline) -> ./http-attempt.ts (one undici request, bounded body) ->
 * ./status-mapping.ts (answer or failure -> GatewayError) -> back to `request`, which decodes
 * a 200 with ./body-validation.ts.
 */
import { Pool, type Dispatcher } from 'undici';
import type {
  ImageStreamImageRef,
  ImageStreamListQuery,
  ImageStreamRef,
  ImageStreamTagRef,
} from '../model/refs.js';
import { GatewayError } from '../errors/gateway-error.js';
import { ACCESS_REVIEW_PATH, imageStreamImagesReview, reviewAllows } from './access-review.js';
import { decodeImageStreamImage } from './body-validation.js';
import { callerKey, createCallerLimiter } from './caller-limiter.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import type { OpenShiftClient, RequestCredential, UpstreamCallOptions } from './client.js';
import type { UpstreamEvent, UpstreamResourceName, UpstreamStats } from './events.js';
import { MAX_ERROR_BODY_BYTES, createHttpAttempt } from './http-attempt.js';
import {
  decodeImageStream,
  decodeImageStreamList,
  decodeImageStreamTag,
} from './decode-image-stream.js';
import {
  imageStreamImagePath,
  imageStreamListPath,
  imageStreamPath,
  imageStreamTagPath,
} from './paths.js';
import { createResilientSender } from './resilience.js';
import type { BackoffOptions } from './retry.js';
import { errorFromResponse, type DecodeContext } from './status-mapping.js';
import { connectOptions, type UpstreamTlsOptions } from './tls.js';

// Kept for the server's imports: the event types live in ./events.ts.
export type { UpstreamEvent, UpstreamResponseEvent, UpstreamStats } from './events.js';

/** Settings of {@link createOpenShiftClient}. Plain values: the caller maps its config onto them. */
export interface OpenShiftClientOptions {
  /** The API server, e.g. `https://api.cluster.example.com:6443`. A path prefix is kept. */
  readonly baseUrl: string;
  /** TLS of the connection (ignored for `http:` and when `dispatcher` is given). */
  readonly tls?: UpstreamTlsOptions;
  /**
   * The undici dispatcher to send requests through, e.g. a `MockAgent` in tests. When absent the
   * client creates (and `close()` closes) its own keep-alive `Pool` for `baseUrl`.
   */
  readonly dispatcher?: Dispatcher;
  /** `User-Agent` sent upstream. @default 'openshift-image-graphql/0.1.0' */
  readonly userAgent?: string;
  /** TCP and TLS connect timeout of the pool (never more than `timeoutMs`). @default 5000 */
  readonly connectTimeoutMs?: number;
  /**
   * The one deadline of a logical request (UPSTREAM_TIMEOUT_MS): every attempt, wait and retry
   * of it, headers and bodies included. An attempt may use all of the time left. @default 10000
   */
  readonly timeoutMs?: number;
  /** Largest 200 body accepted; a bigger one is UPSTREAM_BAD_RESPONSE. @default 16777216 (16 MiB) */
  readonly maxResponseBytes?: number;
  /** Keep-alive connections per API server. @default 32 */
  readonly connections?: number;
  /** Retries of the idempotent GET (UPSTREAM_RETRIES); see ./retry.ts for which failures. @default 2 */
  readonly retries?: number;
  /** Backoff of refused or reset connections, and the longest Retry-After honoured. */
  readonly backoff?: BackoffOptions;
  /** Consecutive server failures that open the circuit (CIRCUIT_FAILURE_THRESHOLD). @default 5 */
  readonly circuitFailureThreshold?: number;
  /** How long an open circuit fails fast before a trial call (CIRCUIT_HALF_OPEN_AFTER_MS). @default 5000 */
  readonly circuitHalfOpenAfterMs?: number;
  /** Concurrent GETs per caller credential (UPSTREAM_MAX_CONCURRENCY_PER_CALLER). @default 16 */
  readonly maxConcurrencyPerCaller?: number;
  /** Called for attempts, retries and circuit changes (logs, metrics). Never given secrets. */
  readonly onEvent?: (event: UpstreamEvent) => void;
  /** Waits between retries; rejects when `signal` aborts. Injectable for tests. @default timers/promises setTimeout */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
  /** Clock of deadlines and the circuit. @default Date.now */
  readonly now?: () => number;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/** Correlation ids are forwarded only when they cannot inject anything into a header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** RFC 6750 b64token plus the characters OpenShift tokens use (`sha256~...`, JWT dots). */
const SAFE_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Splits a base URL into the origin and a path prefix without a trailing slash. */
export function splitBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The API server URL must use https: or http:, but got: '${url.protocol}'`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('The API server URL must not carry credentials');
  }
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

/** Request headers of one GET. Throws UNAUTHENTICATED for a token that is not a bearer token. */
export function requestHeaders(
  userAgent: string,
  credential: RequestCredential | undefined,
  requestId: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': userAgent,
  };
  if (credential?.token !== undefined) {
    if (!SAFE_TOKEN.test(credential.token)) {
      // Never echo the token: the message only says what was expected.
      throw new GatewayError('UNAUTHENTICATED', 'The credential is not a valid bearer token.');
    }
    headers.authorization = `Bearer ${credential.token}`;
  }
  if (requestId !== undefined && SAFE_REQUEST_ID.test(requestId)) {
    // X-Request-Id for proxies; Audit-ID is what kube-apiserver records in its audit log.
    headers['x-request-id'] = requestId;
    headers['audit-id'] = requestId;
  }
  return headers;
}

/** The client with its access reviews (always there) and its observability hooks. */
export interface OpenShiftHttpClient extends OpenShiftClient {
  reviewImageStreamImages: NonNullable<OpenShiftClient['reviewImageStreamImages']>;
  /** Counters since creation and the circuit state. */
  stats(): UpstreamStats;
}

/** One resource read, as a resource method describes it to {@link createOpenShiftClient}'s `request`. */
export interface ResourceGet<T> {
  /** Metric label of the resource. */
  readonly resource: UpstreamResourceName;
  /** Encoded path below the base URL (./paths.ts). */
  readonly path: string;
  /** What error messages may name (all of it sent by the caller); its namespace is traced. */
  readonly ctx: DecodeContext;
  /** Checks a 200 body and returns it typed; throws UPSTREAM_BAD_RESPONSE otherwise. */
  readonly decode: (body: string, ctx: DecodeContext) => T;
}

/**
 * Creates the OpenShift API client. It reads nothing from the environment: the server maps its
 * configuration and the resolved upstream target onto {@link OpenShiftClientOptions}.
 */
export function createOpenShiftClient(options: OpenShiftClientOptions): OpenShiftHttpClient {
  const { origin, prefix } = splitBaseUrl(options.baseUrl);
  const userAgent = options.userAgent ?? 'openshift-image-graphql/0.1.0';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const emit = (event: UpstreamEvent): void => options.onEvent?.(event);

  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Pool(origin, {
      connections: options.connections ?? 32,
      keepAliveTimeout: 30_000,
      // Connecting is part of the one deadline too.
      connect: connectOptions(options.tls, Math.min(options.connectTimeoutMs ?? 5_000, timeoutMs)),
    });
  const circuit = createCircuitBreaker({
    ...(options.circuitFailureThreshold === undefined
      ? {}
      : { failureThreshold: options.circuitFailureThreshold }),
    ...(options.circuitHalfOpenAfterMs === undefined
      ? {}
      : { halfOpenAfterMs: options.circuitHalfOpenAfterMs }),
    now,
    onStateChange: (state) => emit({ type: 'circuit', state }),
  });
  const counters = { attempts: 0, retries: 0, serverFailures: 0, rejectedByCircuit: 0 };
  const send = createResilientSender({
    attempt: createHttpAttempt(dispatcher, origin, now),
    circuit,
    limiter: createCallerLimiter(options.maxConcurrencyPerCaller ?? 16, { now }),
    timeoutMs,
    backoff: options.backoff,
    now,
    random: options.random ?? Math.random,
    sleep: options.sleep,
    emit,
    counters,
  });

  /** One logical GET of a caller's resource, decoded when the answer is 200. */
  async function request<T>(
    get: ResourceGet<T>,
    credential: RequestCredential,
    callOptions: UpstreamCallOptions,
  ): Promise<T> {
    const answer = await send({
      method: 'GET',
      path: prefix + get.path,
      headers: requestHeaders(userAgent, credential, callOptions.requestId),
      ctx: get.ctx,
      resource: get.resource,
      namespace: get.ctx.target?.namespace ?? get.ctx.ref?.namespace,
      options: callOptions,
      callerKey: callOptions.callerKey ?? callerKey(credential),
      retries,
      maxBytes: maxResponseBytes,
    });
    if (answer.statusCode !== 200) {
      throw errorFromResponse(answer.statusCode, answer.headers, answer.body, get.ctx);
    }
    return get.decode(answer.body, get.ctx);
  }

  /**
   * A resource method from what it reads: `describe` turns the argument into the read. Async, so
   * that a path that cannot be built (BAD_USER_INPUT) rejects like any other failure.
   */
  const reader =
    <A, T>(describe: (arg: A) => ResourceGet<T>) =>
    async (arg: A, credential: RequestCredential, callOptions: UpstreamCallOptions = {}) =>
      request(describe(arg), credential, callOptions);

  return {
    listImageStreams: reader((query: ImageStreamListQuery) => ({
      // A page counts as `imagestreams` in metrics.
      resource: 'imagestreams',
      path: imageStreamListPath(query),
      ctx: { target: { resource: 'imagestreamlist', namespace: query.namespace } },
      decode: decodeImageStreamList,
    })),

    getImageStream: reader((ref: ImageStreamRef) => ({
      resource: 'imagestreams',
      path: imageStreamPath(ref),
      ctx: { target: { resource: 'imagestreams', namespace: ref.namespace, name: ref.name } },
      decode: decodeImageStream,
    })),

    getImageStreamTag: reader((ref: ImageStreamTagRef) => ({
      resource: 'imagestreamtags',
      path: imageStreamTagPath(ref),
      ctx: {
        target: {
          resource: 'imagestreamtags',
          namespace: ref.namespace,
          name: `${ref.stream}:${ref.tag}`,
        },
      },
      decode: decodeImageStreamTag,
    })),

    getImageStreamImage: reader((ref: ImageStreamImageRef) => ({
      resource: 'imagestreamimages',
      path: imageStreamImagePath(ref),
      ctx: { ref },
      decode: decodeImageStreamImage,
    })),

    async probe(callOptions: UpstreamCallOptions = {}): Promise<void> {
      const answer = await send({
        method: 'GET',
        path: `${prefix}/readyz`,
        headers: requestHeaders(userAgent, undefined, callOptions.requestId),
        ctx: {},
        resource: 'readyz',
        namespace: undefined,
        options: callOptions,
        callerKey: undefined,
        // Readiness reports the state now; retrying would only hide it.
        retries: 0,
        maxBytes: MAX_ERROR_BODY_BYTES,
      });
      // 401/403 still prove the server is up and answering (anonymous access may be off).
      if (answer.statusCode === 200 || answer.statusCode === 401 || answer.statusCode === 403) {
        return;
      }
      throw errorFromResponse(answer.statusCode, answer.headers, answer.body, {});
    },

    async reviewImageStreamImages(namespace, credential, callOptions = {}) {
      const answer = await send({
        method: 'POST',
        path: prefix + ACCESS_REVIEW_PATH,
        headers: {
          ...requestHeaders(userAgent, credential, callOptions.requestId),
          'content-type': 'application/json',
        },
        body: JSON.stringify(imageStreamImagesReview(namespace)),
        ctx: {},
        resource: 'selfsubjectaccessreviews',
        namespace,
        options: callOptions,
        callerKey: callOptions.callerKey ?? callerKey(credential),
        // A failed review costs only the saving (the image is then read as usual): never retried.
        retries: 0,
        maxBytes: MAX_ERROR_BODY_BYTES,
      });
      return reviewAllows(answer.statusCode, answer.body);
    },

    stats(): UpstreamStats {
      return { ...counters, circuit: circuit.state() };
    },

    async close(): Promise<void> {
      // destroy, not close: close() would wait for GETs orphaned by requests already cut off.
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
}
