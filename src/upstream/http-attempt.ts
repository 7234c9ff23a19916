/**
 * One HTTP attempt: send the request, read the (bounded) body, and say how it ended. It never
 * throws: a transport failure comes back as a {@link TransportFailure} for the resilience loop.
 *
 * The attempt is one undici `dispatch` with its own handler: the body's chunks arrive in
 * `onResponseData` and are kept as they come, with no Readable stream, async iterator or abort
 * signal between undici and us (what `dispatcher.request` builds for every request). Read this
 * way, a GET cost 0.80x the CPU of `request` + `for await` over its body in a loop, and a cold
 * gateway query 0.94x (bench/README.md, issue #11 eighth pass).
 *
 * The call's deadline ends the attempt through one native timer, armed for the time left and
 * cleared when the attempt settles: a wait for a pool connection, the headers and the body all
 * count, and the attempt settles when the deadline passes even while the request still waits in
 * the pool's queue (undici drops it when it reaches the front). undici's own `headersTimeout` and
 * `bodyTimeout` are off: they run on a shared coarse tick (~0.5 s, `lib/util/timers.js`) and
 * fired a 600 ms deadline after anything from 500 to 1000 ms, early as often as late. The
 * caller's signal, when it has one, ends the attempt the same way.
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
  return (request) => {
    const { signal } = request;
    if (signal?.aborted === true) {
      return Promise.resolve({
        ok: false,
        failure: failureFromTransport(signal.reason, request.ctx, 'aborted'),
      });
    }
    return new Promise<AttemptOutcome>((resolve) => {
      const attempt = new Attempt(request, resolve, now);
      try {
        dispatcher.dispatch(
          {
            origin,
            path: request.path,
            method: request.method,
            headers: request.headers,
            ...(request.body === undefined ? {} : { body: request.body }),
            // Off (0): the deadline's own timer ends the attempt (see the top of this file).
            headersTimeout: 0,
            bodyTimeout: 0,
          },
          attempt,
        );
      } catch (error) {
        // Arguments undici refuses before sending anything.
        attempt.onResponseError(
          undefined,
          error instanceof Error ? error : new Error(String(error)),
        );
      }
    });
  };
}

/** Why an attempt was ended from our side. */
type EndedBy = 'timeout' | 'aborted';

/**
 * The handler of one attempt: collects the answer and settles once, with the answer, a failure
 * from undici, or the end the deadline or the caller's signal put to it.
 */
class Attempt implements Dispatcher.DispatchHandler {
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort: (() => void) | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  /** Set when the attempt settled; a request still running then is aborted with it. */
  private settledWith: Error | undefined;
  private settled = false;
  private statusCode = 0;
  private headers: ResponseHeaders = {};
  private limit = 0;
  private size = 0;
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly request: AttemptRequest,
    private readonly resolve: (outcome: AttemptOutcome) => void,
    now: () => number,
  ) {
    this.timer = setTimeout(
      () => this.end('timeout', new Error('the upstream deadline passed')),
      Math.max(0, request.deadline - now()),
    );
    const { signal } = request;
    if (signal !== undefined) {
      this.onCallerAbort = () => this.end('aborted', signal.reason);
      signal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Ended while it waited for a connection: undici drops it now, before it is sent.
    if (this.settledWith !== undefined) controller.abort(this.settledWith);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaders,
  ): void {
    if (statusCode < 200) return; // informational: the answer is still to come
    this.statusCode = statusCode;
    this.headers = headers;
    this.limit = statusCode === 200 ? this.request.maxBytes : MAX_ERROR_BODY_BYTES;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size <= this.limit) {
      this.chunks.push(chunk);
      return;
    }
    // The rest is discarded and the connection destroyed: a huge answer cannot exhaust memory.
    const { request } = this;
    if (this.statusCode !== 200) {
      // An oversized error body is not a Status; the status code alone is decoded.
      this.settle(this.answer(''), new Error('the error body is too large'));
      return;
    }
    const error = badResponse(`the body exceeds ${request.maxBytes} bytes`, request.ctx, {
      httpStatus: 200,
    });
    this.settle(
      { ok: false, failure: { kind: 'bad-response', connectionLost: false, error } },
      error,
    );
  }

  onResponseEnd(): void {
    const { chunks } = this;
    const body =
      chunks.length === 0
        ? ''
        : chunks.length === 1
          ? chunks[0]!.toString('utf8')
          : Buffer.concat(chunks).toString('utf8');
    this.settle(this.answer(body));
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.settled) return;
    const { ctx } = this.request;
    if (this.statusCode === 0) {
      this.settle({ ok: false, failure: failureFromTransport(error, ctx) });
      return;
    }
    // The connection broke mid-body (e.g. fewer bytes than Content-Length): the answer we hold
    // is truncated. A transport failure for the circuit, but what the caller learns is that the
    // answer was unusable; it is not retried, since the server had answered.
    const truncated = badResponse('the body was truncated', ctx, {
      httpStatus: this.statusCode,
      cause: error,
    });
    this.settle({
      ok: false,
      failure: {
        kind: 'transport',
        connectionLost: false,
        httpStatus: this.statusCode,
        error: truncated,
      },
    });
  }

  /** The deadline passed or the caller went away: settle now, and stop the request. */
  private end(why: EndedBy, cause: unknown): void {
    if (this.settled) return;
    const reason = cause instanceof Error ? cause : new Error(`the attempt was ${why}`);
    this.settle(
      { ok: false, failure: failureFromTransport(reason, this.request.ctx, why) },
      reason,
    );
  }

  private answer(body: string): AttemptOutcome {
    return { ok: true, answer: { statusCode: this.statusCode, headers: this.headers, body } };
  }

  /** Settles once; `abort`, when given, stops a request that is still running. */
  private settle(outcome: AttemptOutcome, abort?: Error): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    if (this.onCallerAbort !== undefined) {
      this.request.signal?.removeEventListener('abort', this.onCallerAbort);
    }
    if (abort !== undefined) {
      this.settledWith = abort;
      this.controller?.abort(abort);
    }
    this.resolve(outcome);
  }
}
