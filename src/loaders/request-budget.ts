/**
 * One budget per HTTP request: every operation of a batch (and every entity of a federated
 * `_entities` call, which is one operation) spends the same MAX_UPSTREAM_CALLS_PER_REQUEST reads,
 * waits in the same UPSTREAM_MAX_CONCURRENCY queue and shares one record of credentials the API
 * server rejected. Without it a batch of ten operations multiplied every bound by ten.
 *
 * Every upstream read passes `schedule`, so the checks happen when a read is about to start, not
 * when it was asked for: once the API server has answered 401 for a credential, the reads of that
 * credential still queued behind the concurrency bound fail UNAUTHENTICATED without a GET (at most
 * UPSTREAM_MAX_CONCURRENCY GETs were in flight when the first 401 arrived), and reads past the
 * budget fail QUERY_TOO_COMPLEX without one.
 */
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import type { InFlightLimiter } from '../upstream/in-flight.js';
import type { CredentialRejections } from './credential-rejections.js';

/** Options of {@link createRequestBudget}. */
export interface RequestBudgetOptions {
  /** Concurrent upstream GETs of this HTTP request (UPSTREAM_MAX_CONCURRENCY). */
  readonly maxConcurrency: number;
  /** Upstream GETs this HTTP request may cause (MAX_UPSTREAM_CALLS_PER_REQUEST). */
  readonly maxUpstreamCalls: number;
  /** The request's deadline (ms since the epoch): no read waits for a global slot past it. */
  readonly deadline: number;
  /** The process-wide negative credential record. */
  readonly rejections?: CredentialRejections;
  /** The process-wide bound on upstream GETs in flight (UPSTREAM_MAX_IN_FLIGHT). */
  readonly inFlight?: InFlightLimiter;
}

/** The upstream budget of one HTTP request, shared by all its operations. */
export interface RequestBudget {
  /**
   * Fails fast, before a read is queued: UNAUTHENTICATED when `identity`'s credential was
   * rejected (in this request, or by the negative record), QUERY_TOO_COMPLEX when the budget is
   * already spent. Spends nothing.
   */
  check(identity: string): void;
  /**
   * Runs one upstream read for `identity` within the request's concurrency bound and the global
   * in-flight bound, spending one unit of the budget as it starts; a 401 it ends with is recorded.
   */
  schedule<T>(identity: string, task: () => Promise<T>): Promise<T>;
  /** Upstream reads started so far. */
  spent(): number;
}

/** UNAUTHENTICATED for a credential the API server has just rejected. */
export function rejectedCredentialError(): GatewayError {
  return new GatewayError(
    'UNAUTHENTICATED',
    'The OpenShift API server rejected this credential (expired, revoked or not a token it issued); log in again (`oc whoami -t`)',
    { details: { rejectedEarlier: true } },
  );
}

/** True for the QUERY_TOO_COMPLEX a read gets when its request's budget is spent (nothing was sent). */
export function isBudgetRefusal(error: unknown): boolean {
  return (
    isGatewayError(error) &&
    error.code === 'QUERY_TOO_COMPLEX' &&
    error.details['limit'] === 'MAX_UPSTREAM_CALLS_PER_REQUEST'
  );
}

/** Creates the budget of one HTTP request. */
export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  const { maxConcurrency, maxUpstreamCalls, deadline, rejections, inFlight } = options;
  // UPSTREAM_MAX_CONCURRENCY: reads running, and those waiting for one of them to end (in order).
  // Not p-limit: a limiter per request cost about 6.5 µs to create and call once (its instance
  // defines accessor properties), against 0.7 µs for this (bench/README.md, issue #11).
  let running = 0;
  const waiting: (() => void)[] = [];
  let spent = 0;
  /** Identities rejected during this request (also when the negative record is off). */
  const rejected = new Set<string>();

  const isRejected = (identity: string): boolean =>
    rejected.has(identity) || (rejections?.isRejected(identity) ?? false);

  const exhausted = (): GatewayError =>
    new GatewayError(
      'QUERY_TOO_COMPLEX',
      `This request needs more than ${maxUpstreamCalls} upstream reads (MAX_UPSTREAM_CALLS_PER_REQUEST); ask for fewer images or fewer manifest children`,
      { details: { limit: 'MAX_UPSTREAM_CALLS_PER_REQUEST', max: maxUpstreamCalls } },
    );

  const check = (identity: string): void => {
    if (isRejected(identity)) throw rejectedCredentialError();
    if (spent >= maxUpstreamCalls) throw exhausted();
  };

  const run = async <T>(identity: string, task: () => Promise<T>): Promise<T> => {
    check(identity);
    spent += 1;
    const release = inFlight === undefined ? undefined : await inFlight.acquire(deadline);
    try {
      // Another read of this credential may have been rejected while this one waited.
      if (isRejected(identity)) throw rejectedCredentialError();
      return await task();
    } catch (error) {
      // Recorded before this task settles, so the next queued read already sees it.
      if (isGatewayError(error) && error.code === 'UNAUTHENTICATED') {
        rejected.add(identity);
        rejections?.reject(identity);
      }
      throw error;
    } finally {
      release?.();
    }
  };

  return {
    check,
    async schedule(identity, task) {
      if (running < maxConcurrency) running += 1;
      // A read that ends hands its slot to the first waiting one (running stays as it is).
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await run(identity, task);
      } finally {
        const next = waiting.shift();
        if (next === undefined) running -= 1;
        else next();
      }
    },
    spent: () => spent,
  };
}
