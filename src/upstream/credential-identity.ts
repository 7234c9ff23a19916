/**
 * The one identity of a credential inside the process: a SHA-256 of the token, memoised so that a
 * caller's requests hash their token once, not once per request and again per upstream GET. The
 * digest cache keys its records by it (loaders/image-cache.ts) and the per-caller limiter keys
 * its slots by it (caller-limiter.ts), so a caller's image and navigation reads share one cap.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * Recent identities by credential. Bounded; in process memory only, where the credential already
 * is while a request is served; never written to the cache, logs or Redis.
 */
const recentIdentities = new LRUCache<string, string>({ max: 1024 });

/** A stable, non-reversible identity for a credential: nothing keyed by it holds the credential. */
export function credentialIdentity(token: string): string {
  let identity = recentIdentities.get(token);
  if (identity === undefined) {
    identity = createHash('sha256').update(token).digest('hex');
    recentIdentities.set(token, identity);
  }
  return identity;
}
