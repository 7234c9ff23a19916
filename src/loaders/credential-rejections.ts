/**
 * The negative credential record: identities whose credential the API server rejected (401) a
 * moment ago. For AUTH_NEGATIVE_TTL_SECONDS their next upstream reads are answered UNAUTHENTICATED
 * by the gateway itself, so a made-up or revoked token costs the API server one round of GETs, not
 * one per name, per operation, per request.
 *
 * Safety: it only ever refuses (it never lets anything through), is keyed like access records by a
 * SHA-256 of the credential (never the credential), lives in this process only (never shared with
 * other replicas or a shared cache tier: a rejection seen here is not evidence for anyone else) and
 * is bounded in entries, so rotating bogus tokens cannot grow it without limit. 403 and 404 are not
 * recorded: they are answers about one resource, not about the credential.
 */
import { LRUCache } from 'lru-cache';

/** Process-wide record of rejected credential identities. */
export interface CredentialRejections {
  /** Whether `identity` was rejected within the TTL. */
  isRejected(identity: string): boolean;
  /** Records that the API server rejected `identity`'s credential (401). */
  reject(identity: string): void;
  /** Identities recorded now (tests, metrics). */
  size(): number;
}

/** Options of {@link createCredentialRejections}. */
export interface CredentialRejectionsOptions {
  /** How long a rejection is remembered, in ms (AUTH_NEGATIVE_TTL_SECONDS * 1000); 0 remembers nothing. */
  readonly ttlMs: number;
  /** Bound of identities remembered; the least recently rejected are dropped first. @default 10000 */
  readonly maxEntries?: number;
  /** Clock, for tests. @default performance */
  readonly clock?: { now(): number };
}

/** Creates the record. */
export function createCredentialRejections(
  options: CredentialRejectionsOptions,
): CredentialRejections {
  if (options.ttlMs <= 0) {
    return { isRejected: () => false, reject: () => undefined, size: () => 0 };
  }
  const lru = new LRUCache<string, true>({
    max: options.maxEntries ?? 10_000,
    ttl: options.ttlMs,
    ttlResolution: 0,
    ...(options.clock === undefined ? {} : { perf: options.clock }),
  });
  return {
    isRejected: (identity) => lru.get(identity) === true,
    reject: (identity) => {
      lru.set(identity, true);
    },
    size: () => lru.size,
  };
}
