/**
 * A consecutive-failure circuit breaker for one API server. Small on purpose: the states are
 * the textbook ones, and the clock is injected so tests drive time without sleeping.
 *
 * - closed: calls pass; `failureThreshold` consecutive failures open it.
 * - open: calls fail fast (no HTTP request) until `halfOpenAfterMs` has passed.
 * - half-open: exactly one trial call passes; success closes, failure re-opens.
 *
 * Only failures of the server count (transport errors, timeouts, 5xx). A 401/403/404/429 is the
 * server working as designed and counts as success.
 *
 * Hand-written rather than cockatiel's `circuitBreaker(ConsecutiveBreaker)` (issue #14), for
 * rules it cannot express: while a half-open trial runs, other calls fail fast (cockatiel makes
 * them wait for the trial, which may take the whole deadline); an answer the breaker does not
 * handle (a 404) resets the consecutive count (cockatiel leaves it); a cancelled trial leaves the
 * circuit half-open (cockatiel closes it); an open circuit past its wait reports `half-open` to
 * readiness before any call, and `retryInMs` gives the Retry-After of a fail-fast answer; and the
 * clock is injectable (cockatiel reads `Date.now`).
 */

/** Circuit state, for readiness and metrics. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Options of {@link createCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (CIRCUIT_FAILURE_THRESHOLD). @default 5 */
  readonly failureThreshold?: number;
  /** How long an open circuit fails fast before one trial call (CIRCUIT_HALF_OPEN_AFTER_MS). @default 5000 */
  readonly halfOpenAfterMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Called on every state change. */
  readonly onStateChange?: (state: CircuitState) => void;
}

/** Permission for one call; report its outcome exactly once. */
export interface CircuitPermit {
  success(): void;
  failure(): void;
  /** Neither: the call was cancelled by its caller and says nothing about the server. */
  release(): void;
}

/** A circuit breaker. */
export interface CircuitBreaker {
  /** A permit, or undefined when the circuit is open (or a half-open trial is already running). */
  tryAcquire(): CircuitPermit | undefined;
  /** The state now (an open circuit past its wait reports `half-open`). */
  state(): CircuitState;
  /** Milliseconds until an open circuit lets a trial call through; 0 otherwise. */
  retryInMs(): number;
}

/** Creates a circuit breaker. */
export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const failureThreshold = options.failureThreshold ?? 5;
  const halfOpenAfterMs = options.halfOpenAfterMs ?? 5_000;
  const now = options.now ?? Date.now;
  let state: CircuitState = 'closed';
  let consecutiveFailures = 0;
  let openedAt = 0;
  let trialRunning = false;

  const setState = (next: CircuitState): void => {
    if (next === state) return;
    state = next;
    options.onStateChange?.(next);
  };
  const open = (): void => {
    openedAt = now();
    setState('open');
  };

  const currentState = (): CircuitState =>
    state === 'open' && now() - openedAt >= halfOpenAfterMs ? 'half-open' : state;

  return {
    tryAcquire() {
      const current = currentState();
      if (current === 'open') return undefined;
      let trial = false;
      if (current === 'half-open') {
        if (trialRunning) return undefined;
        setState('half-open');
        trialRunning = true;
        trial = true;
      }
      let settled = false;
      const settle = (outcome: 'success' | 'failure' | 'release'): void => {
        if (settled) return;
        settled = true;
        if (trial) trialRunning = false;
        switch (outcome) {
          case 'success':
            consecutiveFailures = 0;
            if (trial || state !== 'open') setState('closed');
            return;
          case 'failure':
            consecutiveFailures += 1;
            if (trial || (state === 'closed' && consecutiveFailures >= failureThreshold)) open();
            return;
          case 'release':
            // A cancelled trial leaves the circuit half-open: the next call becomes the trial.
            return;
        }
      };
      return {
        success: () => settle('success'),
        failure: () => settle('failure'),
        release: () => settle('release'),
      };
    },
    state: currentState,
    retryInMs() {
      return state === 'open' ? Math.max(0, halfOpenAfterMs - (now() - openedAt)) : 0;
    },
  };
}
