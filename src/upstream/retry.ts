/**
 * When to retry an idempotent upstream GET, and how long to wait first.
 *
 * Statuses follow client-go (`rest/with_retry.go`): a 429 or 5xx is retried only when the server
 * sent Retry-After (header or `details.retryAfterSeconds`), after exactly that long. Without it the
 * server has not said a retry helps, and hammering a throttling or failing server makes it worse.
 * Transport failures and our own attempt timeouts are retried with exponential backoff and jitter,
 * since nothing reached (or came back from) the server.
 */
import { UnreachableCaseError } from '../errors/codes.js';
import { failureFacts } from './decode.js';

/** Backoff settings for transport failures and timeouts. */
export interface BackoffOptions {
  /** First backoff. @default 100 */
  readonly baseMs?: number;
  /** Largest backoff. @default 2000 */
  readonly maxMs?: number;
  /** Largest Retry-After the client waits for; longer ones are not retried. @default 10000 */
  readonly maxRetryAfterMs?: number;
}

/**
 * The wait before retry number `retry` (0 for the first retry) of a failed attempt, or undefined
 * when the failure is not worth retrying. `random` returns [0, 1).
 */
export function retryDelayMs(
  error: unknown,
  retry: number,
  random: () => number,
  options: BackoffOptions = {},
): number | undefined {
  const facts = failureFacts(error);
  if (facts === undefined) return undefined;
  switch (facts.kind) {
    case 'status': {
      const status = facts.httpStatus ?? 0;
      if (status !== 429 && status < 500) return undefined;
      if (facts.retryAfterSeconds === undefined) return undefined;
      const delay = facts.retryAfterSeconds * 1000;
      return delay <= (options.maxRetryAfterMs ?? 10_000) ? delay : undefined;
    }
    case 'transport':
    case 'timeout': {
      // "Equal jitter": half fixed, half random, so retries from many callers spread out but
      // never collapse to an immediate retry.
      const cap = Math.min(options.maxMs ?? 2_000, (options.baseMs ?? 100) * 2 ** retry);
      return Math.round(cap / 2 + random() * (cap / 2));
    }
    case 'aborted':
    case 'bad-response':
      return undefined;
    default:
      throw new UnreachableCaseError(facts.kind);
  }
}

/** True when a failed attempt says the server itself is failing (counts for the circuit). */
export function isServerFailure(error: unknown): boolean {
  const facts = failureFacts(error);
  if (facts === undefined) return false;
  switch (facts.kind) {
    case 'transport':
    case 'timeout':
      return true;
    case 'status':
      return (facts.httpStatus ?? 0) >= 500;
    case 'aborted':
    case 'bad-response':
      return false;
    default:
      throw new UnreachableCaseError(facts.kind);
  }
}
