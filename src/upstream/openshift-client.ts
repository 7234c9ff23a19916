/**
 * The undici implementation of {@link OpenShiftClient}: one keep-alive pool per API server,
 * encoded paths, Status decoding, and (see ./resilience.ts) deadlines, retries, a circuit breaker
 * and a per-caller concurrency cap.
 */
import { Pool, type Dispatcher } from 'undici';
import { GatewayError } from '../errors/gateway-error.js';
import type {
  ImageStreamImageRef,
  OpenShiftClient,
  RequestCredential,
  UpstreamCallOptions,
} from './client.js';
import {
  badResponse,
  decodeImageStreamImage,
  errorFromResponse,
  errorFromTransport,
  type DecodeContext,
  type ResponseHeaders,
} from './decode.js';
import { imageStreamImagePath } from './paths.js';
import type { UpstreamTlsOptions } from './tls.js';
import type { ImageStreamImageResource } from './types.js';

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

/** Validates the parts of a ref before any request: empty parts would change the path shape. */
function checkRef(ref: ImageStreamImageRef): void {
  const bad = (argument: string) =>
    new GatewayError('BAD_USER_INPUT', `The ${argument} must be a non-empty name.`, {
      details: { argument },
    });
  if (ref.namespace === '' || ref.namespace === '.' || ref.namespace === '..')
    throw bad('namespace');
  if (ref.stream === '') throw bad('stream');
  if (ref.id === '') throw bad('id');
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

/**
 * Creates the OpenShift API client. It reads nothing from the environment: the server maps its
 * configuration and the resolved upstream target onto {@link OpenShiftClientOptions}.
 */
export function createOpenShiftClient(options: OpenShiftClientOptions): OpenShiftClient {
  const { origin, prefix } = splitBaseUrl(options.baseUrl);
  const userAgent = options.userAgent ?? 'openshift-image-graphql/0.1.0';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxResponseBytes = options.maxResponseBytes ?? 16 * 1024 * 1024;
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
  const attempt = createHttpAttempt(dispatcher, origin);

  return {
    async getImageStreamImage(
      ref: ImageStreamImageRef,
      credential: RequestCredential,
      callOptions: UpstreamCallOptions = {},
    ): Promise<ImageStreamImageResource> {
      checkRef(ref);
      const ctx: DecodeContext = { ref };
      const headers = requestHeaders(userAgent, credential, callOptions.requestId);
      callOptions.onAttempt?.();
      const response = await attempt(prefix + imageStreamImagePath(ref), headers, ctx, {
        ...(callOptions.signal === undefined ? {} : { signal: callOptions.signal }),
        timeoutMs,
        maxBytes: maxResponseBytes,
      });
      if (response.statusCode !== 200) {
        throw errorFromResponse(response.statusCode, response.headers, response.body, ctx);
      }
      return decodeImageStreamImage(response.body, ctx);
    },

    async probe(callOptions: UpstreamCallOptions = {}): Promise<void> {
      const response = await attempt(
        `${prefix}/readyz`,
        requestHeaders(userAgent, undefined, callOptions.requestId),
        {},
        {
          ...(callOptions.signal === undefined ? {} : { signal: callOptions.signal }),
          timeoutMs,
          maxBytes: MAX_ERROR_BODY_BYTES,
        },
      );
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

    async close(): Promise<void> {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}
