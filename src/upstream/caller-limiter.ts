/**
 * A cap on concurrent upstream GETs per caller, across requests, so that one caller cannot fill
 * the API server's priority-and-fairness queue (APF queues per user: a flood from one caller
 * turns into 429s for that caller and latency for everyone at the same priority level).
 *
 * Callers are keyed by a hash of their credential, never the credential itself, so the map of
 * waiters holds nothing secret.
 */
import { createHash } from 'node:crypto';
import type { RequestCredential } from './client.js';

/** The limiter key of a credential: a truncated SHA-256 of the token, or `anonymous`. */
export function callerKey(credential: RequestCredential | undefined): string {
  const token = credential?.token;
  if (token === undefined) return 'anonymous';
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

/** Releases a slot; calling it twice is harmless. */
export type ReleaseSlot = () => void;

/** A per-key counting semaphore. */
export interface CallerLimiter {
  /** Waits for a slot of `key`; rejects with the signal's reason if it aborts first. */
  acquire(key: string, signal?: AbortSignal): Promise<ReleaseSlot>;
  /** Slots in use for `key` (for tests and metrics). */
  inUse(key: string): number;
}

interface Slots {
  active: number;
  readonly waiters: Array<() => void>;
}

/** Creates a limiter allowing `max` concurrent holders per key. */
export function createCallerLimiter(max: number): CallerLimiter {
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

  return {
    acquire(key, signal) {
      if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
      let slots = byKey.get(key);
      if (slots === undefined) {
        slots = { active: 0, waiters: [] };
        byKey.set(key, slots);
      }
      const current = slots;
      if (current.active < max) {
        current.active += 1;
        return Promise.resolve(releaser(key, current));
      }
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const grant = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve(releaser(key, current));
        };
        const onAbort = (): void => {
          const index = current.waiters.indexOf(grant);
          if (index >= 0) current.waiters.splice(index, 1);
          reject(signal?.reason as Error);
        };
        current.waiters.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    inUse(key) {
      return byKey.get(key)?.active ?? 0;
    },
  };
}
