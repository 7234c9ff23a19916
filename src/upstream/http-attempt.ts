/**
 * One HTTP attempt: send the request, read the (bounded) body, and say how it ended. It never
 * throws: a transport failure comes back as a {@link TransportFailure} for the resilience loop.
 *
 * The call's deadline ends the attempt through one native timer, armed for the time left and
 * cleared when the body is read: a wait for a pool connection, the headers and the body all count.
 * undici's own `headersTimeout` and `bodyTimeout` are off: they run on a shared coarse tick
 * (~0.5 s, `lib/util/timers.js`) and fired a 600 ms deadline after anything from 500 to 1000 ms,
 * early as often as late. The timer aborts the request through an EventEmitter, which undici takes
 * as a signal: an AbortController costs 5.6 µs to build and listen to on Node 20, an EventEmitter
 * 0.16 µs. The caller's signal, when it has one, fires the same emitter.
 */
import { EventEmitter } from 'node:events';
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
    const { signal, deadline } = request;
    if (signal?.aborted === true) {
      return { ok: false, failure: failureFromTransport(signal.reason, request.ctx, 'aborted') };
    }
    const abort = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        abort.emit('abort');
      },
      Math.max(0, deadline - now()),
    );
    const onCallerAbort = (): void => void abort.emit('abort');
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      return await attempt(request, abort, () =>
        timedOut ? 'timeout' : signal?.aborted === true ? 'aborted' : undefined,
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  };

  /** The request and its body, ended by `abort`'s event; `ended` says why it fired, if it did. */
  async function attempt(
    request: AttemptRequest,
    abort: EventEmitter,
    ended: () => 'timeout' | 'aborted' | undefined,
  ): Promise<AttemptOutcome> {
    const { ctx } = request;
    const failed = (error: unknown): AttemptOutcome => ({
      ok: false,
      failure: failureFromTransport(error, ctx, ended()),
    });
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcher.request({
        origin,
        path: request.path,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: abort,
        // Off (0): the deadline's own timer ends the attempt (see the top of this file).
        headersTimeout: 0,
        bodyTimeout: 0,
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
      }
    } catch (error) {
      if (ended() !== undefined) return failed(error);
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
  }
}
