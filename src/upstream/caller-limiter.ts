/**
 * A cap on concurrent upstream GETs per caller, across requests, so that one caller cannot fill
 * the API server's priority-and-fairness queue (APF queues per user: a flood from one caller
 * turns into 429s for that caller and latency for everyone at the same priority level).
 *
 * Callers are keyed by a hash of their credential, never the credential itself, so the map of
 * waiters holds nothing secret.
 */
import type { RequestCredential } from './client.js';
import { credentialIdentity } from './credential-identity.js';

/**
 * The limiter key of a credential: its memoised identity (credential-identity.ts), or `anonymous`.
 * The same key the navigation reads pass as `callerKey`, so both kinds of read share one cap, and
 * the token is not hashed again on every upstream GET.
 */
export function callerKey(credential: RequestCredential | undefined): string {
  const token = credential?.token;
  if (token === undefined) return 'anonymous';
  return credentialIdentity(token);
}

/** Releases a slot; calling it twice is harmless. */
export type ReleaseSlot = () => void;

/** A per-key counting semaphore. */
export interface CallerLimiter {
  /** A slot of `key` if one is free now, else undefined. Synchronous: the common case costs no promise. */
  tryAcquire(key: string): ReleaseSlot | undefined;
  /**
   * Waits for a slot of `key`, at most until `deadline` (ms, `now()`'s clock); resolves with
   * `'timeout'` then or, when `signal` aborts first, with `'aborted'`. One timer per waiter, only
   * while it waits.
   */
  wait(key: string, deadline: number, signal?: AbortSignal): Promise<ReleaseSlot | SlotWaitFailure>;
  /** Slots in use for `key` (for tests and metrics). */
  inUse(key: string): number;
}

/** Why a wait for a slot ended without one. */
export type SlotWaitFailure = 'timeout' | 'aborted';

interface Slots {
  active: number;
  readonly waiters: Array<() => void>;
}

/**
 * Creates a limiter allowing `max` concurrent holders per key.
 *
 * Hand-written rather than cockatiel's `bulkhead`: a bulkhead is one semaphore, and we need one
 * per caller that disappears when the caller is idle, with waits bounded by the call's deadline
 * and no signal (cockatiel's queue wait needs an AbortSignal per waiter).
 */
export function createCallerLimiter(
  max: number,
  clock: { now: () => number } = { now: Date.now },
): CallerLimiter {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new Error(`The per-caller concurrency cap must be a positive integer, but got: ${max}`);
  }
  const byKey = new Map<string, Slots>();

  const releaser = (key: string, slots: Slots): ReleaseSlot => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = slots.waiters.shift();
      if (next !== undefined) {
        // Hand the slot straight to the next waiter: `active` stays the same.
        next();
        return;
      }
      slots.active -= 1;
      // Forget idle callers so the map does not grow with every identity ever seen.
      if (slots.active === 0) byKey.delete(key);
    };
  };

  const slotsOf = (key: string): Slots => {
    let slots = byKey.get(key);
    if (slots === undefined) {
      slots = { active: 0, waiters: [] };
      byKey.set(key, slots);
    }
    return slots;
  };

  const tryAcquire = (key: string): ReleaseSlot | undefined => {
    const slots = slotsOf(key);
    if (slots.active >= max) return undefined;
    slots.active += 1;
    return releaser(key, slots);
  };

  return {
    tryAcquire,
    wait(key, deadline, signal) {
      const free = tryAcquire(key);
      if (free !== undefined) return Promise.resolve(free);
      if (signal?.aborted === true) return Promise.resolve('aborted');
      const current = slotsOf(key);
      return new Promise<ReleaseSlot | SlotWaitFailure>((resolve) => {
        const leave = (why: SlotWaitFailure): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const index = current.waiters.indexOf(grant);
          if (index >= 0) current.waiters.splice(index, 1);
          resolve(why);
        };
        const grant = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(releaser(key, current));
        };
        const onAbort = (): void => leave('aborted');
        const timer = setTimeout(() => leave('timeout'), Math.max(0, deadline - clock.now()));
        current.waiters.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    inUse(key) {
      return byKey.get(key)?.active ?? 0;
    },
  };
}
