/**
 * Resilience of one logical upstream request, in one loop: the caller's concurrency slot, the
 * API server's circuit, the attempt, and the retry decision (./retry.ts), all within ONE
 * deadline: `UPSTREAM_TIMEOUT_MS` from the start (or the caller's earlier deadline), retries
 * included. An attempt may use all of the time left (docs/upstream-client.md).
 *
 * Hand-written rather than cockatiel's `retry`/`wrap` (issue #14), because of rules its
 * policies cannot express: the wait before a retry depends on the answer (exactly the
 * Retry-After the server sent), a retry is skipped when its wait would end past the deadline
 * (cockatiel only counts attempts), and that wait must be cancellable by the caller's signal
 * (cockatiel's retry delay is not).
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { GatewayError } from '../errors/gateway-error.js';
import type { UpstreamCallOptions } from './client.js';
import type { CallerLimiter } from './caller-limiter.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { UpstreamEvent, UpstreamResourceName } from './events.js';
import type { AttemptOutcome, AttemptRequest, HttpAnswer, HttpAttempt } from './http-attempt.js';
import { isServerFailure, retryDelayMs, type BackoffOptions } from './retry.js';
import { errorFromResponse, failureFromTransport, type DecodeContext } from './status-mapping.js';

/** One logical request, as the client's resource methods describe it. */
export interface LogicalRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly ctx: DecodeContext;
  /** Metric label. */
  readonly resource: UpstreamResourceName;
  /** Trace attribute; not a label. */
  readonly namespace: string | undefined;
  readonly options: UpstreamCallOptions;
  /** Per-caller slot key; undefined for calls outside the cap (the readiness probe). */
  readonly callerKey: string | undefined;
  /** Retries allowed. */
  readonly retries: number;
  readonly maxBytes: number;
}

/** What the loop is built from. */
export interface ResilienceOptions {
  readonly attempt: HttpAttempt;
  readonly circuit: CircuitBreaker;
  readonly limiter: CallerLimiter;
  /** The one deadline of a logical request (UPSTREAM_TIMEOUT_MS). */
  readonly timeoutMs: number;
  readonly backoff?: BackoffOptions | undefined;
  readonly now: () => number;
  readonly random: () => number;
  /** Waits between retries; rejects when `signal` aborts. @default timers/promises setTimeout */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<unknown>) | undefined;
  readonly emit: (event: UpstreamEvent) => void;
  /** Counters for {@link UpstreamStats}; mutated in place. */
  readonly counters: {
    attempts: number;
    retries: number;
    serverFailures: number;
    rejectedByCircuit: number;
  };
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<unknown> =>
  signal === undefined ? sleepFor(ms) : sleepFor(ms, undefined, { signal });

/**
 * Creates `send`: one logical request in, its final HTTP answer out (any status; the caller maps
 * it), or a GatewayError for a failure without a usable answer.
 */
export function createResilientSender(
  options: ResilienceOptions,
): (request: LogicalRequest) => Promise<HttpAnswer> {
  const { attempt, circuit, limiter, timeoutMs, now, random, emit, counters } = options;
  const sleep = options.sleep ?? defaultSleep;

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

  /** The error a final outcome stands for, when it is not an answer to hand back. */
  const settle = (outcome: AttemptOutcome): HttpAnswer => {
    if (outcome.ok) return outcome.answer;
    throw outcome.failure.error;
  };

  return async function send(request) {
    const { ctx, options: call } = request;
    const signal = call.signal;
    const deadline = Math.min(now() + timeoutMs, call.deadline ?? Number.POSITIVE_INFINITY);
    const attemptRequest: AttemptRequest = {
      method: request.method,
      path: request.path,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      deadline,
      signal,
      maxBytes: request.maxBytes,
      ctx,
    };
    let last: AttemptOutcome | undefined;
    for (let retry = 0; ; retry++) {
      if (signal?.aborted === true) throw failureFromTransport(signal.reason, ctx, 'aborted').error;
      if (deadline - now() <= 0) {
        if (last !== undefined) return settle(last);
        throw failureFromTransport(new Error('upstream deadline passed'), ctx, 'timeout').error;
      }

      // The caller's slot: free at once in the common case; else wait, within the deadline.
      let release: (() => void) | undefined;
      if (request.callerKey !== undefined) {
        const slot =
          limiter.tryAcquire(request.callerKey) ??
          (await limiter.wait(request.callerKey, deadline, signal));
        if (slot === 'aborted' || slot === 'timeout') {
          throw failureFromTransport(new Error('no free upstream slot'), ctx, slot).error;
        }
        release = slot;
      }

      const permit = circuit.tryAcquire();
      if (permit === undefined) {
        release?.();
        counters.rejectedByCircuit += 1;
        emit({ type: 'rejected-by-circuit' });
        // Mid-retry, the last real answer says more than "circuit open".
        if (last !== undefined) return settle(last);
        throw circuitOpenError(ctx);
      }

      counters.attempts += 1;
      if (retry > 0) counters.retries += 1;
      emit({ type: 'attempt', retry });
      call.onAttempt?.();
      const startedAt = now();
      const outcome = await attempt(attemptRequest);
      release?.();
      emit({
        type: 'response',
        resource: request.resource,
        namespace: request.namespace,
        retry,
        status: outcome.ok ? outcome.answer.statusCode : outcome.failure.httpStatus,
        failure: outcome.ok ? undefined : outcome.failure.kind,
        durationMs: now() - startedAt,
      });
      last = outcome;

      const delay =
        retry < request.retries
          ? retryDelayMs(outcome, request.method, retry, random, options.backoff)
          : undefined;
      // Never sleep past the deadline: a retry that cannot finish in time only adds load.
      const final = delay === undefined || now() + delay >= deadline;
      // The circuit hears one outcome per logical request, when it is final: the retries of one
      // failing image must not count as several failures and open the circuit for its siblings.
      if (!outcome.ok && outcome.failure.kind === 'aborted') permit.release();
      else if (!isServerFailure(outcome)) permit.success();
      else {
        counters.serverFailures += 1;
        if (final) permit.failure();
        else permit.release();
      }
      if (final) return settle(outcome);

      emit({
        type: 'retry',
        delayMs: delay,
        code: outcome.ok
          ? errorFromResponse(
              outcome.answer.statusCode,
              outcome.answer.headers,
              outcome.answer.body,
              ctx,
            ).code
          : outcome.failure.error.code,
      });
      try {
        await sleep(delay, signal);
      } catch (error) {
        // Only the caller's signal can end the wait early: its own deadline was checked above.
        throw failureFromTransport(error, ctx, 'aborted').error;
      }
    }
  };
}
