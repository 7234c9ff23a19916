/**
 * The undici implementation of {@link OpenShiftClient}: one keep-alive pool per API server,
 * encoded paths, Status decoding, and (see ./resilience.ts) deadlines, retries, a circuit breaker
 * and a per-caller concurrency cap.
 */
import { Pool, type Dispatcher } from 'undici';
import type { ErrorCode } from '../errors/codes.js';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import { callerKey, createCallerLimiter } from './caller-limiter.js';
import { createCircuitBreaker, type CircuitState } from './circuit-breaker.js';
import type { OpenShiftClient, RequestCredential, UpstreamCallOptions } from './client.js';
import type {
  ImageStreamImageRef,
  ImageStreamListQuery,
  ImageStreamRef,
  ImageStreamTagRef,
} from '../model/refs.js';
import {
  badResponse,
  decodeImageStreamImage,
  errorFromResponse,
  errorFromTransport,
  failureFacts,
  type DecodeContext,
  type FailureKind,
  type ResponseHeaders,
} from './decode.js';
import {
  imageStreamImagePath,
  imageStreamListPath,
  imageStreamPath,
  imageStreamTagPath,
} from './paths.js';
import {
  decodeImageStream,
  decodeImageStreamList,
  decodeImageStreamTag,
} from './decode-image-stream.js';
import { isServerFailure, retryDelayMs, type BackoffOptions } from './retry.js';
import type { UpstreamTlsOptions } from './tls.js';
import type { ImageStreamImageResource } from '../model/resources.js';

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
  /** TCP and TLS connect timeout of the pool. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Deadline of one HTTP attempt (UPSTREAM_TIMEOUT_MS), headers and body included. @default 10000 */
  readonly timeoutMs?: number;
  /** Largest 200 body accepted; a bigger one is UPSTREAM_BAD_RESPONSE. @default 16777216 (16 MiB) */
  readonly maxResponseBytes?: number;
  /** Keep-alive connections per API server. @default 32 */
  readonly connections?: number;
  /**
   * Deadline of one HTTP attempt. @default timeoutMs, or half of it when retries > 0 so that a
   * timed-out attempt leaves time for a retry
   */
  readonly attemptTimeoutMs?: number;
  /** Retries of the idempotent GET (UPSTREAM_RETRIES); see ./retry.ts for which failures. @default 2 */
  readonly retries?: number;
  /** Backoff of transport failures and timeouts, and the longest Retry-After honoured. */
  readonly backoff?: BackoffOptions;
  /** Consecutive server failures that open the circuit (CIRCUIT_FAILURE_THRESHOLD). @default 5 */
  readonly circuitFailureThreshold?: number;
  /** How long an open circuit fails fast before a trial call (CIRCUIT_HALF_OPEN_AFTER_MS). @default 5000 */
  readonly circuitHalfOpenAfterMs?: number;
  /** Concurrent GETs per caller credential (UPSTREAM_MAX_CONCURRENCY_PER_CALLER). @default 16 */
  readonly maxConcurrencyPerCaller?: number;
  /** Called for attempts, retries and circuit changes (logs, metrics). Never given secrets. */
  readonly onEvent?: (event: UpstreamEvent) => void;
  /** Waits between retries; rejects when `signal` aborts. Injectable for tests. @default setTimeout */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Clock of deadlines and the circuit. @default Date.now */
  readonly now?: () => number;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Timers of attempt deadlines. @default global setTimeout/clearTimeout */
  readonly timers?: TimerHooks;
}

/** Largest error body read; Status bodies are a few hundred bytes. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Correlation ids are forwarded only when they cannot inject anything into a header. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** RFC 6750 b64token plus the characters OpenShift tokens use (`sha256~...`, JWT dots). */
const SAFE_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

interface RawResponse {
  readonly statusCode: number;
  readonly headers: ResponseHeaders;
  readonly body: string;
}

/** Timer hooks, injectable so tests can drive deadlines with fake timers. */
export interface TimerHooks {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: TimerHooks = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Internal: one HTTP GET with its own deadline, returning the whole (bounded) body. */
export interface HttpAttempt {
  (
    path: string,
    headers: Record<string, string>,
    ctx: DecodeContext,
    options: { signal?: AbortSignal; timeoutMs: number; maxBytes: number },
  ): Promise<RawResponse>;
}

/**
 * Reads a body up to `maxBytes`. Returns undefined when it is longer (the rest is discarded and
 * the connection destroyed, so a huge answer cannot exhaust memory).
 */
async function readBounded(body: Dispatcher.ResponseData['body'], maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Creates the single-attempt HTTP function over a dispatcher. */
export function createHttpAttempt(
  dispatcher: Dispatcher,
  origin: string,
  timers: TimerHooks = defaultTimers,
): HttpAttempt {
  return async (path, headers, ctx, { signal, timeoutMs, maxBytes }) => {
    // Our own per-attempt deadline, combined with the caller's signal. A plain timer (not
    // AbortSignal.timeout) so fake timers in tests control it.
    const timeout = new AbortController();
    const timer = timers.setTimeout(
      () => timeout.abort(new Error('upstream attempt timed out')),
      timeoutMs,
    );
    const combined =
      signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
    const why = (): 'timeout' | 'aborted' | undefined =>
      signal?.aborted === true ? 'aborted' : timeout.signal.aborted ? 'timeout' : undefined;
    let response: Dispatcher.ResponseData;
    try {
      if (combined.aborted) throw combined.reason;
      response = await dispatcher.request({
        origin,
        path,
        method: 'GET',
        headers,
        signal: combined,
        // Undici's own timers stay as a backstop; our deadline is the one that decides.
        headersTimeout: timeoutMs + 1000,
        bodyTimeout: timeoutMs + 1000,
      });
    } catch (error) {
      timers.clearTimeout(timer);
      throw errorFromTransport(error, ctx, why());
    }
    try {
      const ok = response.statusCode === 200;
      const body = await readBounded(response.body, ok ? maxBytes : MAX_ERROR_BODY_BYTES);
      if (body === undefined) {
        if (ok) {
          throw badResponse(`the body exceeds ${maxBytes} bytes`, ctx, { httpStatus: 200 });
        }
        // An oversized error body is not a Status; decode the status code alone.
        return { statusCode: response.statusCode, headers: response.headers, body: '' };
      }
      return { statusCode: response.statusCode, headers: response.headers, body };
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      const reason = why();
      if (reason !== undefined) throw errorFromTransport(error, ctx, reason);
      // The connection broke mid-body (e.g. fewer bytes than Content-Length): the answer we hold
      // is truncated. It is a transport failure for retries, but what the caller learns is that
      // the answer was unusable.
      throw badResponse('the body was truncated', ctx, {
        httpStatus: response.statusCode,
        cause: error,
        kind: 'transport',
      });
    } finally {
      timers.clearTimeout(timer);
    }
  };
}

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

/** Counters and state for readiness and metrics. */
export interface UpstreamStats {
  /** HTTP attempts sent (retries included). */
  readonly attempts: number;
  /** Attempts that were retries. */
  readonly retries: number;
  /** Attempts that failed because of the server (transport, timeout, 5xx). */
  readonly serverFailures: number;
  /** Calls refused without a request because the circuit was open. */
  readonly rejectedByCircuit: number;
  /** The circuit now. */
  readonly circuit: CircuitState;
}

/**
 * The end of one HTTP attempt (for metrics and traces). `resource` and `status` are bounded, fit
 * for metric labels; `namespace` is not (traces only). No URL, credential or body.
 */
export interface UpstreamResponseEvent {
  readonly type: 'response';
  /** The API resource (a list page counts as `imagestreams`), or `readyz` for the readiness probe. */
  readonly resource: UpstreamResourceName;
  readonly namespace: string | undefined;
  /** 0 for the first attempt, n for the n-th retry. */
  readonly retry: number;
  /** The HTTP status, or undefined when no answer arrived. */
  readonly status: number | undefined;
  /** Why the attempt failed without a usable answer (transport, timeout, aborted, bad-response). */
  readonly failure: FailureKind | undefined;
  /** Time from sending to the whole body (or the failure), on the client's clock. */
  readonly durationMs: number;
}

/** Resource label of an upstream call: bounded, fit for metrics. */
export type UpstreamResourceName =
  'imagestreamimages' | 'imagestreams' | 'imagestreamtags' | 'readyz';

/** The resource label of a call's context. */
function resourceOf(ctx: DecodeContext): UpstreamResourceName {
  if (ctx.target !== undefined) {
    return ctx.target.resource === 'imagestreamlist' ? 'imagestreams' : ctx.target.resource;
  }
  return ctx.ref === undefined ? 'readyz' : 'imagestreamimages';
}

/** Something that happened in the client; for logs and metrics. Carries no secrets. */
export type UpstreamEvent =
  | { readonly type: 'attempt'; readonly retry: number }
  | UpstreamResponseEvent
  | { readonly type: 'retry'; readonly delayMs: number; readonly code: ErrorCode }
  | { readonly type: 'circuit'; readonly state: CircuitState }
  | { readonly type: 'rejected-by-circuit' };

/** The client with its observability hooks. */
export interface OpenShiftHttpClient extends OpenShiftClient {
  /** Counters since creation and the circuit state. */
  stats(): UpstreamStats;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Creates the OpenShift API client. It reads nothing from the environment: the server maps its
 * configuration and the resolved upstream target onto {@link OpenShiftClientOptions}.
 *
 * Each `getImageStreamImage` is one logical GET bounded by `timeoutMs` (and `options.deadline`
 * and `options.signal`): attempts of at most `attemptTimeoutMs`, retried per ./retry.ts up to
 * `retries` times while time remains, each attempt holding one of the caller's
 * `maxConcurrencyPerCaller` slots and passing the API server's circuit breaker.
 */
export function createOpenShiftClient(options: OpenShiftClientOptions): OpenShiftHttpClient {
  const { origin, prefix } = splitBaseUrl(options.baseUrl);
  const userAgent = options.userAgent ?? 'openshift-image-graphql/0.1.0';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  // A timed-out attempt must leave time for a retry, or retrying timeouts would be dead code.
  const attemptTimeoutMs =
    options.attemptTimeoutMs ?? (retries === 0 ? timeoutMs : Math.ceil(timeoutMs / 2));
  const maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const timers = options.timers ?? defaultTimers;
  const emit = (event: UpstreamEvent): void => options.onEvent?.(event);

  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Pool(origin, {
      connections: options.connections ?? 32,
      keepAliveTimeout: 30_000,
      connect: {
        timeout: options.connectTimeoutMs ?? 5_000,
        ...(options.tls === undefined
          ? {}
          : {
              rejectUnauthorized: options.tls.rejectUnauthorized,
              ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }),
              ...(options.tls.cert === undefined ? {} : { cert: options.tls.cert }),
              ...(options.tls.key === undefined ? {} : { key: options.tls.key }),
              ...(options.tls.servername === undefined
                ? {}
                : { servername: options.tls.servername }),
            }),
      },
    });
  const attempt = createHttpAttempt(dispatcher, origin, timers);
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
  const limiter = createCallerLimiter(options.maxConcurrencyPerCaller ?? 16);
  const counters = { attempts: 0, retries: 0, serverFailures: 0, rejectedByCircuit: 0 };

  const timeoutError = (ctx: DecodeContext): GatewayError =>
    errorFromTransport(new Error('upstream deadline passed'), ctx, 'timeout');

  const circuitOpenError = (ctx: DecodeContext): GatewayError =>
    new GatewayError(
      'UPSTREAM_UNAVAILABLE',
      'The OpenShift API server is failing; the gateway is not sending it requests for a moment.',
      {
        details: {
          circuit: 'open',
          ...(ctx.ref === undefined ? {} : { namespace: ctx.ref.namespace }),
        },
        retryAfterSeconds: Math.max(1, Math.ceil(circuit.retryInMs() / 1000)),
      },
    );

  /** Waits for `wait` within the call's deadline; maps an abort or the deadline to a GatewayError. */
  async function withinDeadline<T>(
    wait: (signal: AbortSignal) => Promise<T>,
    remainingMs: number,
    callerSignal: AbortSignal | undefined,
    ctx: DecodeContext,
  ): Promise<T> {
    const deadline = new AbortController();
    const timer = timers.setTimeout(
      () => deadline.abort(new Error('upstream deadline passed')),
      remainingMs,
    );
    const signal =
      callerSignal === undefined
        ? deadline.signal
        : AbortSignal.any([callerSignal, deadline.signal]);
    try {
      return await wait(signal);
    } catch (error) {
      if (callerSignal?.aborted === true) throw errorFromTransport(error, ctx, 'aborted');
      if (deadline.signal.aborted) throw timeoutError(ctx);
      throw error;
    } finally {
      timers.clearTimeout(timer);
    }
  }

  interface Call {
    readonly path: string;
    readonly headers: Record<string, string>;
    readonly ctx: DecodeContext;
    readonly callOptions: UpstreamCallOptions;
    /** Per-caller slot key; undefined for calls outside the cap (the readiness probe). */
    readonly callerKey: string | undefined;
    readonly retries: number;
    readonly maxBytes: number;
  }

  /** One logical GET: attempts, retries, circuit and per-caller cap. */
  async function send(call: Call): Promise<RawResponse> {
    const { ctx, callOptions } = call;
    const callerSignal = callOptions.signal;
    const deadline = Math.min(now() + timeoutMs, callOptions.deadline ?? Number.POSITIVE_INFINITY);
    let lastError: GatewayError | undefined;
    /**
     * A server failure is recorded once per logical GET, when it is final: the retries of one
     * failing image must not count as several failures and open the circuit for its siblings.
     */
    let failedPermit: { failure(): void; release(): void } | undefined;
    for (let retry = 0; ; retry++) {
      if (callerSignal?.aborted === true) {
        throw errorFromTransport(callerSignal.reason, ctx, 'aborted');
      }
      if (deadline - now() <= 0) throw lastError ?? timeoutError(ctx);

      const release =
        call.callerKey === undefined
          ? undefined
          : await withinDeadline(
              (signal) => limiter.acquire(call.callerKey ?? '', signal),
              deadline - now(),
              callerSignal,
              ctx,
            );
      const permit = circuit.tryAcquire();
      if (permit === undefined) {
        release?.();
        counters.rejectedByCircuit += 1;
        emit({ type: 'rejected-by-circuit' });
        // Mid-retry, the last real answer says more than "circuit open".
        throw lastError ?? circuitOpenError(ctx);
      }
      try {
        counters.attempts += 1;
        if (retry > 0) counters.retries += 1;
        emit({ type: 'attempt', retry });
        callOptions.onAttempt?.();
        let response: RawResponse;
        const responded = (status: number | undefined, failure: FailureKind | undefined): void =>
          emit({
            type: 'response',
            resource: resourceOf(ctx),
            namespace: ctx.ref?.namespace,
            retry,
            status,
            failure,
            durationMs: now() - startedAt,
          });
        const startedAt = now();
        try {
          try {
            response = await attempt(call.path, call.headers, ctx, {
              ...(callerSignal === undefined ? {} : { signal: callerSignal }),
              timeoutMs: Math.max(1, Math.min(attemptTimeoutMs, deadline - now())),
              maxBytes: call.maxBytes,
            });
          } catch (error) {
            const facts = failureFacts(error);
            responded(facts?.httpStatus, facts?.kind ?? 'transport');
            throw error;
          }
          responded(response.statusCode, undefined);
          if (response.statusCode >= 500) {
            // Decode now so the circuit and the retry policy see the Status facts.
            throw errorFromResponse(response.statusCode, response.headers, response.body, ctx);
          }
        } catch (error) {
          if (failureFacts(error)?.kind === 'aborted') permit.release();
          else if (isServerFailure(error)) {
            counters.serverFailures += 1;
            failedPermit = permit;
          } else permit.success();
          throw error;
        }
        permit.success();
        if (response.statusCode === 429) {
          throw errorFromResponse(response.statusCode, response.headers, response.body, ctx);
        }
        return response;
      } catch (error) {
        if (!isGatewayError(error)) {
          failedPermit?.failure();
          throw error;
        }
        lastError = error;
        const delay =
          retry < call.retries ? retryDelayMs(error, retry, random, options.backoff) : undefined;
        // Never sleep past the deadline: a retry that cannot finish in time only adds load.
        const final = delay === undefined || now() + delay >= deadline;
        if (final) failedPermit?.failure();
        else failedPermit?.release();
        failedPermit = undefined;
        if (final) throw error;
        emit({ type: 'retry', delayMs: delay, code: error.code });
        release?.();
        await withinDeadline(
          (signal) => sleep(delay, signal),
          deadline - now(),
          callerSignal,
          ctx,
        ).catch((sleepError: unknown) => {
          // A caller abort during the wait is reported as such; our own deadline keeps the
          // last real answer, which is more useful than "timeout".
          if (failureFacts(sleepError)?.kind === 'aborted') throw sleepError;
          throw error;
        });
      } finally {
        release?.();
      }
    }
  }

  /** One logical GET of a caller's resource, decoded by `decode` when the answer is 200. */
  async function getDecoded<T>(
    path: string,
    ctx: DecodeContext,
    credential: RequestCredential,
    callOptions: UpstreamCallOptions,
    decode: (body: string, ctx: DecodeContext) => T,
  ): Promise<T> {
    const response = await send({
      path: prefix + path,
      headers: requestHeaders(userAgent, credential, callOptions.requestId),
      ctx,
      callOptions,
      callerKey: callerKey(credential),
      retries,
      maxBytes: maxResponseBytes,
    });
    if (response.statusCode !== 200) {
      throw errorFromResponse(response.statusCode, response.headers, response.body, ctx);
    }
    return decode(response.body, ctx);
  }

  return {
    listImageStreams(query: ImageStreamListQuery, credential, callOptions = {}) {
      const ctx: DecodeContext = {
        target: { resource: 'imagestreamlist', namespace: query.namespace },
      };
      return getDecoded(
        imageStreamListPath(query),
        ctx,
        credential,
        callOptions,
        decodeImageStreamList,
      );
    },

    getImageStream(ref: ImageStreamRef, credential, callOptions = {}) {
      const ctx: DecodeContext = {
        target: { resource: 'imagestreams', namespace: ref.namespace, name: ref.name },
      };
      return getDecoded(imageStreamPath(ref), ctx, credential, callOptions, decodeImageStream);
    },

    getImageStreamTag(ref: ImageStreamTagRef, credential, callOptions = {}) {
      const ctx: DecodeContext = {
        target: {
          resource: 'imagestreamtags',
          namespace: ref.namespace,
          name: `${ref.stream}:${ref.tag}`,
        },
      };
      return getDecoded(
        imageStreamTagPath(ref),
        ctx,
        credential,
        callOptions,
        decodeImageStreamTag,
      );
    },

    async getImageStreamImage(
      ref: ImageStreamImageRef,
      credential: RequestCredential,
      callOptions: UpstreamCallOptions = {},
    ): Promise<ImageStreamImageResource> {
      const ctx: DecodeContext = { ref };
      const response = await send({
        path: prefix + imageStreamImagePath(ref),
        headers: requestHeaders(userAgent, credential, callOptions.requestId),
        ctx,
        callOptions,
        callerKey: callerKey(credential),
        retries,
        maxBytes: maxResponseBytes,
      });
      if (response.statusCode !== 200) {
        throw errorFromResponse(response.statusCode, response.headers, response.body, ctx);
      }
      return decodeImageStreamImage(response.body, ctx);
    },

    async probe(callOptions: UpstreamCallOptions = {}): Promise<void> {
      const response = await send({
        path: `${prefix}/readyz`,
        headers: requestHeaders(userAgent, undefined, callOptions.requestId),
        ctx: {},
        callOptions,
        callerKey: undefined,
        // Readiness reports the state now; retrying would only hide it.
        retries: 0,
        maxBytes: MAX_ERROR_BODY_BYTES,
      });
      // 401/403 still prove the server is up and answering (anonymous access may be off).
      if (
        response.statusCode === 200 ||
        response.statusCode === 401 ||
        response.statusCode === 403
      ) {
        return;
      }
      throw errorFromResponse(response.statusCode, response.headers, response.body, {});
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
