/**
 * The per-caller cache of image streams and image stream tags (docs/navigation.md, "Caching").
 *
 * Safety argument (what a reviewer checks):
 * 1. Streams and istags are mutable (every import, push or tag edit changes them), and reading
 *    one says nothing about what another caller may read. So nothing here is shared: every key
 *    starts with the caller's identity (a SHA-256 of the credential, never the credential), and an
 *    entry is written only from a 200 the API server sent to that caller for exactly that request.
 * 2. Entries live at most CACHE_ACCESS_TTL_SECONDS (0: nothing is stored, every read asks the API
 *    server), checked on every lookup.
 * 3. Failures are never stored, so a 403 or 404 is asked again every time.
 * 4. Reading a stream is not reading its images: nothing in this cache ever answers an
 *    ImageStreamImage; images stay behind their own per-caller access records (image-cache.ts).
 * 5. Entries are JSON strings, parsed on every hit: no resolver can mutate what another request
 *    sees. One LRU bounded by bytes.
 * Lists (pages) are not cached: a page belongs to a continue-token snapshot, and the console walks
 * them once.
 */
import { LRUCache } from 'lru-cache';

/** What an entry holds: `stream` (an ImageStream), `istag`, or `seen` (where a caller read a digest). */
export type StreamCacheKind = 'stream' | 'istag' | 'seen';

/** Options of {@link createStreamCache}. */
export interface StreamCacheOptions {
  /** Bound of everything stored, in bytes. */
  readonly maxBytes: number;
  /** How long an entry is trusted, in ms (CACHE_ACCESS_TTL_SECONDS * 1000); 0 disables it. */
  readonly ttlMs: number;
  /** Clock, for tests. @default performance */
  readonly clock?: { now(): number };
}

/** Counters for responses and metrics. */
export interface StreamCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

/** The per-caller cache. See the safety argument at the top of this file. */
export interface StreamCache {
  /** The caller's cached value, or undefined when the caller must ask the API server. */
  lookup<T>(
    identity: string,
    kind: StreamCacheKind,
    namespace: string,
    name: string,
  ): T | undefined;
  /** Records a value the API server sent to this caller. */
  store(
    identity: string,
    kind: StreamCacheKind,
    namespace: string,
    name: string,
    value: unknown,
  ): void;
  stats(): StreamCacheStats;
  clear(): void;
}

const ENTRY_OVERHEAD_BYTES = 160;
const TWO_BYTE = /[\u0100-\uffff]/;

function sizeOf(json: string, key: string): number {
  const width = (text: string): number => (TWO_BYTE.test(text) ? 2 : 1) * text.length;
  return width(json) + width(key) + ENTRY_OVERHEAD_BYTES;
}

/** Creates the cache. With `ttlMs: 0` it stores nothing and every lookup misses. */
export function createStreamCache(options: StreamCacheOptions): StreamCache {
  let hits = 0;
  let misses = 0;
  const lru = new LRUCache<string, { json: string; size: number }>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (entry) => entry.size,
    ttl: Math.max(1, options.ttlMs),
    ttlResolution: 0,
    ...(options.clock === undefined ? {} : { perf: options.clock }),
  });
  const keyOf = (identity: string, kind: string, namespace: string, name: string): string =>
    `${identity}\u0000${kind}\u0000${namespace}\u0000${name}`;

  return {
    lookup<T>(identity: string, kind: StreamCacheKind, namespace: string, name: string) {
      if (options.ttlMs === 0) return undefined;
      const entry = lru.get(keyOf(identity, kind, namespace, name));
      if (entry === undefined) {
        misses += 1;
        return undefined;
      }
      hits += 1;
      return JSON.parse(entry.json) as T;
    },
    store(identity, kind, namespace, name, value) {
      if (options.ttlMs === 0) return;
      const key = keyOf(identity, kind, namespace, name);
      const json = JSON.stringify(value);
      // The same value again (an image read on every cache hit records where it was read):
      // restart its TTL and recency, as storing it anew would, without re-measuring it.
      if (lru.get(key, { updateAgeOnGet: true })?.json === json) return;
      const size = sizeOf(json, key);
      // An entry larger than the whole bound is served but not stored.
      if (size > options.maxBytes) return;
      lru.set(key, { json, size });
    },
    stats: () => ({ hits, misses, entries: lru.size, bytes: lru.calculatedSize }),
    clear: () => lru.clear(),
  };
}
