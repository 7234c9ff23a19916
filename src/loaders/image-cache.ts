/**
 * The process-wide image cache: share what a digest names, never share what a caller may not see.
 *
 * Safety argument (what a reviewer checks):
 * 1. Content entries hold only the immutable core of an Image (layers, manifests, media type,
 *    dockerImageMetadata, dockerImageMetadataVersion, dockerImageSignatures; API.md "What is
 *    mutable on an Image"), keyed by the canonical full digest taken from the response
 *    (`image.metadata.name`), never by the id the caller sent. A digest names one manifest, so this
 *    core cannot differ between namespaces, streams or callers.
 * 2. Nothing is returned from the cache unless the caller holds a fresh access record for exactly
 *    that (namespace, stream, id). An access record is written only from a 200 that the API server
 *    sent to that caller's own credential for that exact request, is keyed by a SHA-256 of the
 *    credential (never the credential), and expires after CACHE_ACCESS_TTL_SECONDS (0: never written).
 * 3. Failures (401, 403, 404, ...) are never recorded, so they are never shared: a caller without a
 *    fresh record always asks the API server with their own credential first.
 * 4. Everything that is not in the immutable core (the ImageStreamImage's metadata, i.e. the stream's
 *    annotations and the echoed name; the image's metadata, labels and annotations;
 *    dockerImageReference; signatures; any field this code does not know) is stored inside the
 *    caller's access record, copied from that caller's response, so it is never older than the
 *    record, and the record never outlives its TTL.
 * 5. Entries are serialised JSON strings: immutable once stored (no resolver can mutate shared
 *    state) and measured exactly. One LRU bounded by bytes (CACHE_MAX_BYTES) holds both kinds.
 *    A hit's parsed answer is deep-frozen and reused only while both of its entries are the same
 *    (still fresh, not replaced), so parsing once changes neither what nor when a caller is served.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ImageStreamImageRef } from '../model/refs.js';
import type { ImageResource, ImageStreamImageResource } from '../model/resources.js';

/** Image keys that a digest determines (API.md: the server restores or verifies them on update). */
const IMMUTABLE_IMAGE_KEYS = [
  'dockerImageMetadata',
  'dockerImageMetadataVersion',
  'dockerImageManifest',
  'dockerImageLayers',
  'dockerImageSignatures',
  'dockerImageManifestMediaType',
  'dockerImageConfig',
  'dockerImageManifests',
] as const satisfies readonly (keyof ImageResource)[];

const IMMUTABLE = new Set<string>(IMMUTABLE_IMAGE_KEYS);

/** The canonical full digest form the content cache is keyed by. */
const FULL_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A fixed allowance per entry for the LRU's own bookkeeping and the entry object. */
const ENTRY_OVERHEAD_BYTES = 160;

/** Any UTF-16 unit above 0xFF makes V8 store the whole string with two bytes per unit. */
const TWO_BYTE = /[\u0100-\uffff]/;

interface ContentEntry {
  readonly kind: 'content';
  readonly json: string;
  readonly size: number;
}

interface AccessEntry {
  readonly kind: 'access';
  readonly digest: string;
  /** JSON of the caller's own view: the response minus the immutable core. */
  readonly json: string;
  readonly size: number;
}

type Entry = ContentEntry | AccessEntry;

/** Counters for responses and metrics. */
export interface ImageCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
  readonly contentEntries: number;
  readonly accessEntries: number;
  readonly bytes: number;
}

/** Options of {@link createImageCache}. */
export interface ImageCacheOptions {
  /** Bound of everything stored, in bytes (CACHE_MAX_BYTES). */
  readonly maxBytes: number;
  /** How long a caller's successful read is trusted, in ms (CACHE_ACCESS_TTL_SECONDS * 1000); 0 disables caching. */
  readonly accessTtlMs: number;
  /** Clock, for tests. @default performance */
  readonly clock?: { now(): number };
}

/** The process-wide cache. See the safety argument at the top of this file. */
export interface ImageCache {
  /** The caller's cached answer for `ref`, or undefined when the caller must ask the API server. */
  lookup(identity: string, ref: ImageStreamImageRef): ImageStreamImageResource | undefined;
  /** Records a 200 the API server sent to this caller for `ref`. */
  store(identity: string, ref: ImageStreamImageRef, resource: ImageStreamImageResource): void;
  stats(): ImageCacheStats;
  /** Drops every entry (tests, shutdown). */
  clear(): void;
}

/**
 * Recent identities by credential, so a caller's requests hash their token once, not once per
 * request. Bounded; it lives in process memory only, where the credential already is while a
 * request is served, and it is never written to the cache, logs or Redis.
 */
const recentIdentities = new LRUCache<string, string>({ max: 1024 });

/** A stable, non-reversible identity for a credential: the cache never holds the credential itself. */
export function credentialIdentity(token: string): string {
  let identity = recentIdentities.get(token);
  if (identity === undefined) {
    identity = createHash('sha256').update(token).digest('hex');
    recentIdentities.set(token, identity);
  }
  return identity;
}

/** Deep-freezes a parsed JSON value: a memoised answer is shared by requests, so none may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function accessKey(identity: string, ref: ImageStreamImageRef): string {
  return `a\u0000${identity}\u0000${ref.namespace}\u0000${ref.stream}\u0000${ref.id}`;
}

function contentKey(digest: string): string {
  return `c\u0000${digest}`;
}

/** Bytes V8 holds for the entry's strings (one or two bytes per unit, as it stores them). */
function sizeOf(json: string, key: string): number {
  const width = (text: string): number => (TWO_BYTE.test(text) ? 2 : 1) * text.length;
  return width(json) + width(key) + ENTRY_OVERHEAD_BYTES;
}

/** Splits a response into the digest's immutable core and the caller's view of the rest. */
function split(resource: ImageStreamImageResource): {
  core: object;
  view: ImageStreamImageResource;
} {
  const core: Record<string, unknown> = {};
  const image: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource.image)) {
    if (IMMUTABLE.has(key)) core[key] = value;
    else image[key] = value;
  }
  return { core, view: { ...resource, image: image as unknown as ImageResource } };
}

/** Creates the process-wide cache. With `accessTtlMs: 0` it stores nothing and every lookup misses. */
export function createImageCache(options: ImageCacheOptions): ImageCache {
  let hits = 0;
  let misses = 0;
  let evictions = 0;
  // Parsed answers of recent hits, valid only for the very entries they were parsed from (a new
  // store or an expired access record is a new entry, so it is parsed again). Bounded by an
  // estimate of their heap size, outside CACHE_MAX_BYTES's exact count of the stored strings.
  const parsed = new LRUCache<
    string,
    { access: AccessEntry; content: ContentEntry; value: ImageStreamImageResource }
  >({
    maxSize: Math.max(1, Math.floor(options.maxBytes / 8)),
    sizeCalculation: (memo) => 4 * (memo.access.size + memo.content.size),
  });
  const lru = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => entry.size,
    // Check the clock on every lookup: an access record must not outlive its TTL by any margin.
    ttlResolution: 0,
    ...(options.clock === undefined ? {} : { perf: options.clock }),
    dispose: (_entry, _key, reason) => {
      if (reason === 'evict') evictions += 1;
    },
  });

  return {
    lookup(identity, ref) {
      if (options.accessTtlMs === 0) return undefined;
      const aKey = accessKey(identity, ref);
      const access = lru.get(aKey);
      if (access?.kind !== 'access') {
        misses += 1;
        return undefined;
      }
      const content = lru.get(contentKey(access.digest));
      if (content?.kind !== 'content') {
        misses += 1;
        return undefined;
      }
      hits += 1;
      const memo = parsed.get(aKey);
      if (memo?.access === access && memo.content === content) return memo.value;
      const view = JSON.parse(access.json) as ImageStreamImageResource;
      const core = JSON.parse(content.json) as Partial<ImageResource>;
      const value = deepFreeze({ ...view, image: { ...view.image, ...core } });
      parsed.set(aKey, { access, content, value });
      return value;
    },

    store(identity, ref, resource) {
      if (options.accessTtlMs === 0) return;
      const digest = resource.image.metadata.name;
      // Only a canonical digest may key shared content; anything else is served but not shared.
      if (digest === undefined || !FULL_DIGEST.test(digest)) return;
      const { core, view } = split(resource);
      const cKey = contentKey(digest);
      // A burst of callers for one digest stores its content once: later copies are dropped.
      if (!lru.has(cKey)) {
        const json = JSON.stringify(core);
        lru.set(cKey, { kind: 'content', json, size: sizeOf(json, cKey) });
      }
      const aKey = accessKey(identity, ref);
      const json = JSON.stringify(view);
      lru.set(
        aKey,
        { kind: 'access', digest, json, size: sizeOf(json, aKey) },
        { ttl: options.accessTtlMs },
      );
    },

    stats() {
      let contentEntries = 0;
      let accessEntries = 0;
      for (const entry of lru.values()) {
        if (entry.kind === 'content') contentEntries += 1;
        else accessEntries += 1;
      }
      return { hits, misses, evictions, contentEntries, accessEntries, bytes: lru.calculatedSize };
    },

    clear: () => {
      lru.clear();
      parsed.clear();
    },
  };
}
