/**
 * A global bound on upstream GETs in flight (UPSTREAM_MAX_IN_FLIGHT), besides the per-request and
 * per-caller ones: however many callers and tokens there are, the gateway never has more than this
 * many reads waiting on the API server, so rotating made-up tokens (each a "new caller") cannot
 * multiply the load it puts on the API server's priority-and-fairness queues.
 *
 * Waiters are served first come, first served; a waiter whose deadline passes leaves the queue with
 * UPSTREAM_TIMEOUT, so a full gateway answers late callers instead of queueing them for ever.
 */
import { GatewayError } from '../errors/gateway-error.js';

/** Releases a slot; calling it twice is harmless. */
export type ReleaseInFlightSlot = () => void;

/** A counting semaphore over all upstream GETs of one gateway. */
export interface InFlightLimiter {
  /** Waits for a slot until `deadline` (ms since the epoch); rejects UPSTREAM_TIMEOUT after it. */
  acquire(deadline: number): Promise<ReleaseInFlightSlot>;
  /** Slots in use now (tests, metrics). */
  inUse(): number;
  /** Callers waiting for a slot now (tests, metrics). */
  waiting(): number;
}

/** Creates a limiter allowing `max` concurrent upstream GETs. */
export function createInFlightLimiter(max: number, now: () => number = Date.now): InFlightLimiter {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new Error(`The global in-flight bound must be a positive integer, but got: ${max}`);
  }
  let active = 0;
  const waiters: Array<() => void> = [];

  const releaser = (): ReleaseInFlightSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiters.shift();
      // Hand the slot straight to the next waiter: `active` stays the same.
      if (next !== undefined) next();
      else active -= 1;
    };
  };

  return {
    acquire(deadline) {
      if (active < max) {
        active += 1;
        return Promise.resolve(releaser());
      }
      return new Promise<ReleaseInFlightSlot>((resolve, reject) => {
        const grant = (): void => {
          clearTimeout(timer);
          resolve(releaser());
        };
        const timer = setTimeout(
          () => {
            const index = waiters.indexOf(grant);
            if (index >= 0) waiters.splice(index, 1);
            reject(
              new GatewayError(
                'UPSTREAM_TIMEOUT',
                'The gateway was at its bound of upstream reads in flight (UPSTREAM_MAX_IN_FLIGHT) until the request deadline passed; retry later',
                { details: { limit: 'UPSTREAM_MAX_IN_FLIGHT', max } },
              ),
            );
          },
          Math.max(0, deadline - now()),
        );
        waiters.push(grant);
      });
    },
    inUse: () => active,
    waiting: () => waiters.length,
  };
}
