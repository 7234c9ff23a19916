/**
 * One HTTP attempt: send the request, read the (bounded) body, and say how it ended. It never
 * throws: a transport failure comes back as a {@link TransportFailure} for the resilience loop.
 *
 * Lean on purpose (issue #11): no AbortController, no AbortSignal.timeout/any and no timer of our
 * own. The call's deadline is carried by undici's `headersTimeout` and `bodyTimeout` (set to the
 * time left) plus a check after each body chunk; a signal is passed only when the caller has one.
 */
import type { Dispatcher } from 'undici';
import {
  badResponse,
  failureFromTransport,
  type DecodeContext,
  type ResponseHeaders,
  type TransportFailure,
} from './status-mapping.js';

/** Largest error body read; Status bodies are a few hundred bytes. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** A complete HTTP answer, any status, with its whole (bounded) body. */
export interface HttpAnswer {
  readonly statusCode: number;
  readonly headers: ResponseHeaders;
  readonly body: string;
}

/** How one attempt ended. */
export type AttemptOutcome =
  | { readonly ok: true; readonly answer: HttpAnswer }
  | { readonly ok: false; readonly failure: TransportFailure };

/** What one attempt sends. */
export interface AttemptRequest {
  readonly method: 'GET' | 'POST';
  /** Path with the base URL's prefix, already encoded. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Absolute deadline of the call (ms, the client's clock): the attempt may use all of it. */
  readonly deadline: number;
  /** The caller's signal, if it has one. */
  readonly signal?: AbortSignal | undefined;
  /** Largest 200 body accepted. */
  readonly maxBytes: number;
  /** For the messages of errors. */
  readonly ctx: DecodeContext;
}

/** Sends one attempt. */
export type HttpAttempt = (request: AttemptRequest) => Promise<AttemptOutcome>;

/** Creates the attempt function over a dispatcher (a Pool, or a MockAgent in tests). */
export function createHttpAttempt(
  dispatcher: Dispatcher,
  origin: string,
  now: () => number = Date.now,
): HttpAttempt {
  return async (request) => {
    const { ctx, signal, deadline } = request;
    const failed = (error: unknown, reason?: 'timeout' | 'aborted'): AttemptOutcome => ({
      ok: false,
      failure: failureFromTransport(error, ctx, signal?.aborted === true ? 'aborted' : reason),
    });
    const remaining = Math.max(1, deadline - now());
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcher.request({
        origin,
        path: request.path,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(signal === undefined ? {} : { signal }),
        headersTimeout: remaining,
        bodyTimeout: remaining,
      });
    } catch (error) {
      return failed(error);
    }
    const ok = response.statusCode === 200;
    const limit = ok ? request.maxBytes : MAX_ERROR_BODY_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > limit) {
          // The rest is discarded and the connection destroyed: a huge answer cannot exhaust memory.
          response.body.destroy();
          if (!ok) break;
          const error = badResponse(`the body exceeds ${request.maxBytes} bytes`, ctx, {
            httpStatus: 200,
          });
          return { ok: false, failure: { kind: 'bad-response', connectionLost: false, error } };
        }
        chunks.push(buffer);
        // bodyTimeout is an idle timeout; this keeps a trickling body within the deadline too.
        if (now() > deadline) {
          response.body.destroy();
          return failed(new Error('upstream deadline passed'), 'timeout');
        }
      }
    } catch (error) {
      if (signal?.aborted === true) return failed(error, 'aborted');
      const timedOut = failureFromTransport(error, ctx);
      if (timedOut.kind === 'timeout') return { ok: false, failure: timedOut };
      // The connection broke mid-body (e.g. fewer bytes than Content-Length): the answer we hold
      // is truncated. A transport failure for the circuit, but what the caller learns is that the
      // answer was unusable; it is not retried, since the server had answered.
      const truncated = badResponse('the body was truncated', ctx, {
        httpStatus: response.statusCode,
        cause: error,
      });
      return {
        ok: false,
        failure: {
          kind: 'transport',
          connectionLost: false,
          httpStatus: response.statusCode,
          error: truncated,
        },
      };
    }
    // An oversized error body is not a Status; the status code alone is decoded.
    const body =
      size > limit
        ? ''
        : chunks.length === 1
          ? chunks[0]!.toString('utf8')
          : Buffer.concat(chunks).toString('utf8');
    return {
      ok: true,
      answer: { statusCode: response.statusCode, headers: response.headers, body },
    };
  };
}
