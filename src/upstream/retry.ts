/**
 * When to retry an upstream request, and how long to wait first: what client-go retries
 * (`rest/with_retry.go`; docs/upstream-client.md), always within the call's one deadline.
 *
 * - A 429 or 5xx is retried only when the server sent Retry-After (header or
 *   `details.retryAfterSeconds`), after exactly that long. Without it the server has not said a
 *   retry helps, and hammering a throttling or failing server makes it worse.
 * - A connection refused or reset before any response is retried (GET only), with exponential
 *   backoff and jitter: nothing reached the server, or it dropped the connection unread.
 * - Nothing else: an attempt that timed out is not retried (the server accepted the request and
 *   may still be working on it: a second GET only doubles its load), nor a body cut short, a
 *   malformed answer, a cancelled call or any other status.
 */
import type { AttemptOutcome } from './http-attempt.js';
import { retryAfterOf } from './status-mapping.js';

/** Backoff settings for refused or reset connections. */
export interface BackoffOptions {
  /** First backoff. @default 100 */
  readonly baseMs?: number;
  /** Largest backoff. @default 2000 */
  readonly maxMs?: number;
  /** Largest Retry-After the client waits for; longer ones are not retried. @default 10000 */
  readonly maxRetryAfterMs?: number;
}

/**
 * The wait before retry number `retry` (0 for the first retry) after `outcome`, or undefined
 * when the outcome is not retried. `random` returns [0, 1).
 */
export function retryDelayMs(
  outcome: AttemptOutcome,
  method: 'GET' | 'POST',
  retry: number,
  random: () => number,
  options: BackoffOptions = {},
): number | undefined {
  if (outcome.ok) {
    const { statusCode, headers, body } = outcome.answer;
    if (statusCode !== 429 && statusCode < 500) return undefined;
    const seconds = retryAfterOf(headers, body);
    if (seconds === undefined) return undefined;
    const delay = seconds * 1000;
    return delay <= (options.maxRetryAfterMs ?? 10_000) ? delay : undefined;
  }
  if (!outcome.failure.connectionLost || method !== 'GET') return undefined;
  // "Equal jitter": half fixed, half random, so retries from many callers spread out but never
  // collapse to an immediate retry.
  const cap = Math.min(options.maxMs ?? 2_000, (options.baseMs ?? 100) * 2 ** retry);
  return Math.round(cap / 2 + random() * (cap / 2));
}

/**
 * Whether an outcome says the server itself is failing (counts for the circuit): a 5xx, a
 * transport failure or a timeout. A 401/403/404/429 is the server working as designed.
 */
export function isServerFailure(outcome: AttemptOutcome): boolean {
  if (outcome.ok) return outcome.answer.statusCode >= 500;
  return outcome.failure.kind === 'transport' || outcome.failure.kind === 'timeout';
}
