/**
 * The digest cache: share what a digest names with every caller and every replica, and serve a
 * caller only what the API server has proved that caller may read, within CACHE_ACCESS_TTL_SECONDS.
 *
 * Safety argument (what a reviewer checks; the facts are in docs/caching.md):
 * 1. Three kinds of data, kept apart:
 *    - the immutable core of an Image (layers, manifests, media type, dockerImageMetadata and the
 *      other keys in IMMUTABLE_IMAGE_KEYS), keyed by the canonical full digest read from the
 *      response (`image.metadata.name`), never by the id the caller sent. A digest names one
 *      manifest, so the core is the same for every namespace, stream and caller;
 *    - the mutable rest of the Image (its metadata, labels, annotations, signatures,
 *      dockerImageReference, any key this code does not know), keyed by digest, from the freshest
 *      read of any caller, and served only while younger than the TTL. The API server returns the
 *      same Image object to everyone who may read it, so whose read it was does not matter, only
 *      when;
 *    - stream-derived data (the ImageStreamImage's own metadata: the stream's annotations and the
 *      echoed name), kept only inside the access record of the caller whose own read produced it.
 * 2. Nothing is served to a caller without a proof of readability, each written only from a 200
 *    the API server sent to that caller's own credential, and each expiring after the TTL:
 *    a. an access record for exactly (credential, namespace, stream, id), written by the caller's
 *       own successful read of that ImageStreamImage;
 *    b. an access record for (credential, namespace, stream, child digest) for each entry of the
 *       `dockerImageManifests` of a manifest list the caller read through that stream: the API
 *       server resolves children through the stream's layer table, which holds every child of
 *       every manifest list in the stream's history (docs/caching.md, "children");
 *    c. a stream-page proof: the caller's own read of the ImageStream listing that full digest in
 *       its tag history, together with a positive decision for `get imagestreamimages` in that
 *       namespace: the caller's own successful ImageStreamImage read there, or one
 *       SelfSubjectAccessReview sent with the caller's credential (one per caller, namespace and
 *       TTL). The ImageStreamImage's annotations then come from that same stream read.
 *    Nothing weaker proves anything: not a stream read alone (`get imagestreams` does not imply
 *    `get imagestreamimages`), not someone else's read, not a name, not a failure.
 * 3. Failures (401, 403, 404, ...) and negative reviews are never recorded anywhere, so they are
 *    never shared: a caller without a proof asks the API server with their own credential.
 * 4. Records are keyed by a SHA-256 of the credential in the process, and by an HMAC of that
 *    under CACHE_SHARED_SECRET in Redis, so a Redis dump cannot confirm a guessed token. Only
 *    positive records are shared, with a TTL no longer than the access TTL, and their expiry time
 *    is inside the authenticated value, so a replayed old value is refused too.
 * 5. Redis is the second tier (shared-tier.ts): every value is authenticated before use, and
 *    anything that fails is a miss (then an upstream GET), never an answer and never an error.
 *    The process LRU is first; what Redis answers is copied into it with its remaining TTL.
 * 6. Entries are serialised JSON strings: immutable once stored and measured exactly. One LRU
 *    bounded by bytes (CACHE_MAX_BYTES) holds every kind. A hit parses an entry's JSON once and
 *    serves a deep-frozen value built from it (no resolver can mutate shared state), kept only
 *    as long as the entry itself.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ImageStreamImageRef } from '../model/refs.js';
import type { ImageResource, ImageStreamImageResource } from '../model/resources.js';
import { credentialIdentity } from '../upstream/credential-identity.js';
import type { SharedTier, SharedTierStats } from './shared-tier.js';

/** Image keys that a digest determines (docs/caching.md: the server restores or verifies them). */
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

/** How long the immutable core lives in Redis: a safety bound; allkeys-lru does the rest. */
const CORE_TTL_MS = 7 * 24 * 3600 * 1000;

/** Clock skew tolerated between replicas when checking a shared record's times. */
const SKEW_MS = 5_000;

interface CoreEntry {
  readonly kind: 'core';
  readonly json: string;
  readonly size: number;
}

interface MutableEntry {
  readonly kind: 'mutable';
  /** JSON of the Image minus its immutable core. */
  readonly json: string;
  /** When the API server sent it (clock ms). */
  readonly readAt: number;
  readonly size: number;
}

interface AccessEntry {
  readonly kind: 'access';
  readonly digest: string;
  /** JSON of the ImageStreamImage minus `image`, from this caller's own read of that stream. */
  readonly head: string;
  /** Derived from a parent's read: `metadata.creationTimestamp` is the child Image's own. */
  readonly fill: boolean;
  readonly expiresAt: number;
  readonly size: number;
}

interface NamespaceEntry {
  readonly kind: 'namespace';
  readonly expiresAt: number;
  readonly size: number;
}

interface StreamEntry {
  readonly kind: 'stream';
  readonly digests: ReadonlySet<string>;
  readonly annotations: Readonly<Record<string, string>> | undefined;
  readonly expiresAt: number;
  readonly size: number;
}

type Entry = CoreEntry | MutableEntry | AccessEntry | NamespaceEntry | StreamEntry;

/** Counters for responses and metrics. */
export interface ImageCacheStats {
  /** Answers served from the cache (either tier). */
  readonly hits: number;
  readonly misses: number;
  /** Answers that needed the shared tier (Redis): also counted in `hits`. */
  readonly sharedHits?: number;
  readonly evictions: number;
  readonly contentEntries: number;
  readonly accessEntries: number;
  readonly bytes: number;
}

/** Options of {@link createImageCache}. */
export interface ImageCacheOptions {
  /** Bound of everything stored in the process, in bytes (CACHE_MAX_BYTES). */
  readonly maxBytes: number;
  /** How long a caller's successful read is trusted, in ms (CACHE_ACCESS_TTL_SECONDS * 1000); 0 disables caching. */
  readonly accessTtlMs: number;
  /** Wall clock (ms since the epoch; shared records carry absolute times), for tests. @default Date */
  readonly clock?: { now(): number };
  /** The second tier (Redis), when REDIS_URL is set. */
  readonly shared?: SharedTier;
}

/** What the cache can say about one ref for one caller. */
export type CacheAnswer =
  | { readonly kind: 'hit'; readonly resource: ImageStreamImageResource }
  | { readonly kind: 'miss' }
  /**
   * Cached, and listed in the caller's own fresh read of the stream, but the caller has no
   * decision for `get imagestreamimages` in the namespace yet: one access review would prove it.
   */
  | { readonly kind: 'review'; readonly namespace: string };

/** What a caller's own read of an ImageStream says (recorded by the navigation loaders). */
export interface StreamReadFacts {
  readonly name: string;
  /** The ImageStream's `metadata.annotations` (what its ImageStreamImages carry). */
  readonly annotations?: Readonly<Record<string, string>> | null;
  /** Every `status.tags[].items[].image` of the read. */
  readonly digests: Iterable<string>;
}

/** The digest cache. See the safety argument at the top of this file. */
export interface ImageCache {
  /** What the cache can answer for `ref` (the process tier first, then the shared tier). */
  resolve(identity: string, ref: ImageStreamImageRef): CacheAnswer | Promise<CacheAnswer>;
  /** The process tier only: the caller's cached answer, or undefined. */
  lookup(identity: string, ref: ImageStreamImageRef): ImageStreamImageResource | undefined;
  /** Records a 200 the API server sent to this caller for `ref`. */
  store(identity: string, ref: ImageStreamImageRef, resource: ImageStreamImageResource): void;
  /** Records the caller's own successful read of an ImageStream (process tier only). */
  noteStreamRead(identity: string, namespace: string, stream: StreamReadFacts): void;
  /** Records a positive `get imagestreamimages` decision for the caller (an access review). */
  noteNamespaceAccess(identity: string, namespace: string): void;
  stats(): ImageCacheStats;
  /** The shared tier's counters, when there is one. */
  sharedStats(): SharedTierStats | undefined;
  /** Drops every entry of the process tier (tests, shutdown). */
  clear(): void;
  /** Resolves when the shared tier's pending writes have finished. */
  flush(): Promise<void>;
  /** Closes the shared tier's connection. */
  close(): Promise<void>;
}

/** The credential identity records are keyed by (memoised, upstream/credential-identity.ts). */
export { credentialIdentity };

const accessKey = (identity: string, ref: ImageStreamImageRef): string =>
  `a\u0000${identity}\u0000${ref.namespace}\u0000${ref.stream}\u0000${ref.id}`;
const coreKey = (digest: string): string => `c\u0000${digest}`;
const mutableKey = (digest: string): string => `m\u0000${digest}`;
const namespaceKey = (identity: string, namespace: string): string =>
  `n\u0000${identity}\u0000${namespace}`;
const streamKey = (identity: string, namespace: string, stream: string): string =>
  `s\u0000${identity}\u0000${namespace}\u0000${stream}`;

/** Bytes V8 holds for the entry's strings (one or two bytes per unit, as it stores them). */
function sizeOf(json: string, key: string): number {
  const width = (text: string): number => (TWO_BYTE.test(text) ? 2 : 1) * text.length;
  return width(json) + width(key) + ENTRY_OVERHEAD_BYTES;
}

/** Splits a response into the digest's immutable core, the Image's mutable rest, and the head. */
function split(resource: ImageStreamImageResource): {
  core: Record<string, unknown>;
  mutable: Record<string, unknown>;
  head: Record<string, unknown>;
} {
  const core: Record<string, unknown> = {};
  const mutable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource.image)) {
    if (IMMUTABLE.has(key)) core[key] = value;
    else mutable[key] = value;
  }
  const { image: _image, ...head } = resource;
  return { core, mutable, head };
}

/** The head of an ImageStreamImage the caller did not read itself, as the API server builds it. */
function derivedHead(
  stream: string,
  id: string,
  namespace: string,
  annotations: Readonly<Record<string, string>> | null | undefined,
): Record<string, unknown> {
  const hasAnnotations = annotations !== null && annotations !== undefined;
  return {
    kind: 'ImageStreamImage',
    apiVersion: 'image.openshift.io/v1',
    metadata: {
      name: `${stream}@${id}`,
      namespace,
      ...(hasAnnotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
  };
}

/** Freezes `value` and everything it holds (JSON values: objects and arrays). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Creates the digest cache. With `accessTtlMs: 0` it stores nothing and every lookup misses. */
export function createImageCache(options: ImageCacheOptions): ImageCache {
  const ttl = options.accessTtlMs;
  const clock = options.clock ?? Date;
  const shared = options.shared;
  let hits = 0;
  let misses = 0;
  let sharedHits = 0;
  let evictions = 0;
  const lru = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => entry.size,
    // Expiry is also checked explicitly against each record's own time; the LRU's TTL only frees memory.
    ttlResolution: 0,
    perf: clock,
    dispose: (_entry, _key, reason) => {
      if (reason === 'evict') evictions += 1;
    },
  });

  const put = (key: string, entry: Entry, expiresAt?: number): void => {
    if (expiresAt === undefined) lru.set(key, entry);
    else {
      const left = expiresAt - clock.now();
      if (left > 0) lru.set(key, entry, { ttl: left });
    }
  };

  const fresh = <K extends Entry['kind']>(
    key: string,
    kind: K,
    now: number,
  ): Extract<Entry, { kind: K }> | undefined => {
    const entry = lru.get(key);
    if (entry?.kind !== kind) return undefined;
    if (entry.kind === 'mutable' && now - entry.readAt >= ttl) return undefined;
    if ('expiresAt' in entry && entry.expiresAt <= now) return undefined;
    return entry as Extract<Entry, { kind: K }>;
  };

  /**
   * Parsed once per entry: a hit parses its JSON strings the first time only. The value is deep-
   * frozen (no resolver can change what other callers get) and lives exactly as long as the
   * entry (a WeakMap keyed by it), so the memo is bounded with the LRU and a new store or an
   * expired record means a new parse.
   */
  const parsed = new WeakMap<Entry, Record<string, unknown>>();
  const parse = (entry: Entry, json: string): Record<string, unknown> => {
    let value = parsed.get(entry);
    if (value === undefined) {
      value = deepFreeze(JSON.parse(json) as Record<string, unknown>);
      parsed.set(entry, value);
    }
    return value;
  };

  /**
   * The merged answer of an access record, reused while the record, the core and the mutable
   * part are the very same entries it was built from (bounded with the access entry).
   */
  const answers = new WeakMap<
    AccessEntry,
    { core: CoreEntry; mutable: MutableEntry; resource: ImageStreamImageResource }
  >();

  const assemble = (
    head: Record<string, unknown>,
    fill: boolean,
    core: CoreEntry,
    mutable: MutableEntry,
  ): ImageStreamImageResource => {
    const image = {
      ...parse(mutable, mutable.json),
      ...parse(core, core.json),
    } as unknown as ImageResource;
    let top = head;
    if (fill) {
      const metadata = head['metadata'] as Record<string, unknown>;
      const created = image.metadata.creationTimestamp;
      top = {
        ...head,
        metadata: {
          name: metadata['name'],
          namespace: metadata['namespace'],
          ...(created === undefined ? {} : { creationTimestamp: created }),
          ...(metadata['annotations'] === undefined
            ? {}
            : { annotations: metadata['annotations'] }),
        },
      };
    }
    return Object.freeze({
      ...(top as Omit<ImageStreamImageResource, 'image'>),
      image: Object.freeze(image),
    });
  };

  /** The answer an access record gives with these parts: built once, then the same object. */
  const answerOf = (
    access: AccessEntry,
    core: CoreEntry,
    mutable: MutableEntry,
  ): ImageStreamImageResource => {
    const memo = answers.get(access);
    if (memo !== undefined && memo.core === core && memo.mutable === mutable) return memo.resource;
    const resource = assemble(parse(access, access.head), access.fill, core, mutable);
    answers.set(access, { core, mutable, resource });
    return resource;
  };

  /** The digest's core and a fresh mutable part, both in the process tier, or undefined. */
  const partsOf = (
    digest: string,
    now: number,
  ): { core: CoreEntry; mutable: MutableEntry } | undefined => {
    const core = fresh(coreKey(digest), 'core', now);
    const mutable = fresh(mutableKey(digest), 'mutable', now);
    return core === undefined || mutable === undefined ? undefined : { core, mutable };
  };

  /** The full digest listed in the caller's own fresh read of the stream, if `ref.id` is one. */
  const listedIn = (identity: string, ref: ImageStreamImageRef, now: number) => {
    if (!FULL_DIGEST.test(ref.id)) return undefined;
    const listing = fresh(streamKey(identity, ref.namespace, ref.stream), 'stream', now);
    return listing?.digests.has(ref.id) === true ? listing : undefined;
  };

  /** The process tier's answer. */
  const resolveLocal = (identity: string, ref: ImageStreamImageRef, now: number): CacheAnswer => {
    const access = fresh(accessKey(identity, ref), 'access', now);
    if (access !== undefined) {
      const parts = partsOf(access.digest, now);
      if (parts !== undefined) {
        return { kind: 'hit', resource: answerOf(access, parts.core, parts.mutable) };
      }
    }
    const listing = listedIn(identity, ref, now);
    if (listing !== undefined) {
      const parts = partsOf(ref.id, now);
      if (parts === undefined) return MISS;
      if (fresh(namespaceKey(identity, ref.namespace), 'namespace', now) === undefined) {
        return { kind: 'review', namespace: ref.namespace };
      }
      const head = derivedHead(ref.stream, ref.id, ref.namespace, listing.annotations);
      return { kind: 'hit', resource: assemble(head, true, parts.core, parts.mutable) };
    }
    return MISS;
  };

  const count = (answer: CacheAnswer, viaShared: boolean): CacheAnswer => {
    if (answer.kind === 'hit') {
      hits += 1;
      if (viaShared) sharedHits += 1;
    } else misses += 1;
    return answer;
  };

  // --- the shared tier: keys, what is written, and what a value read must satisfy ---------------

  const sharedKeys = (tier: SharedTier) => ({
    core: (digest: string) => tier.key(`{${digest}}`, 'core'),
    mutable: (digest: string) => tier.key(`{${digest}}`, 'mut'),
    access: (identity: string, ref: ImageStreamImageRef) =>
      tier.key(
        'access',
        `{${tier.identityKey(identity)}}`,
        createHash('sha256')
          .update(`${ref.namespace}\u0000${ref.stream}\u0000${ref.id}`)
          .digest('base64url'),
      ),
    namespace: (identity: string, namespace: string) =>
      tier.key('ns', `{${tier.identityKey(identity)}}`, namespace),
  });
  const keys = shared === undefined ? undefined : sharedKeys(shared);

  /** Whether an expiry read from Redis is plausible: in the future, and no further than one TTL. */
  const plausibleExpiry = (expiresAt: unknown, now: number): expiresAt is number =>
    typeof expiresAt === 'number' && expiresAt > now && expiresAt <= now + ttl + SKEW_MS;

  const fetchCore = async (tier: SharedTier, digest: string): Promise<void> => {
    if (lru.has(coreKey(digest)) || keys === undefined) return;
    const key = keys.core(digest);
    const value = await tier.get(key);
    if (value === undefined) return;
    if (!isRecord(value) || value['digest'] !== digest || !isRecord(value['core'])) {
      return tier.discard(key, 'not the core of this digest');
    }
    const json = JSON.stringify(value['core']);
    put(coreKey(digest), { kind: 'core', json, size: sizeOf(json, coreKey(digest)) });
  };

  const fetchMutable = async (tier: SharedTier, digest: string, now: number): Promise<void> => {
    if (fresh(mutableKey(digest), 'mutable', now) !== undefined || keys === undefined) return;
    const key = keys.mutable(digest);
    const value = await tier.get(key);
    if (value === undefined) return;
    const image = isRecord(value) ? value['image'] : undefined;
    const readAt = isRecord(value) ? value['readAt'] : undefined;
    if (
      !isRecord(value) ||
      value['digest'] !== digest ||
      !isRecord(image) ||
      !isRecord(image['metadata']) ||
      image['metadata']['name'] !== digest ||
      typeof readAt !== 'number'
    ) {
      return tier.discard(key, 'not the mutable part of this digest');
    }
    if (now - readAt >= ttl || readAt > now + SKEW_MS) return;
    storeMutable(digest, image, Math.min(readAt, now), false);
  };

  const fetchAccess = async (
    tier: SharedTier,
    identity: string,
    ref: ImageStreamImageRef,
    now: number,
  ): Promise<AccessEntry | undefined> => {
    const local = fresh(accessKey(identity, ref), 'access', now);
    if (local !== undefined || keys === undefined || !tier.shareAccess) return local;
    const key = keys.access(identity, ref);
    const value = await tier.get(key);
    if (value === undefined) return undefined;
    if (
      !isRecord(value) ||
      typeof value['digest'] !== 'string' ||
      !FULL_DIGEST.test(value['digest']) ||
      !isRecord(value['head']) ||
      typeof value['fill'] !== 'boolean' ||
      typeof value['expiresAt'] !== 'number'
    ) {
      tier.discard(key, 'not an access record');
      return undefined;
    }
    if (!plausibleExpiry(value['expiresAt'], now)) return undefined;
    const head = JSON.stringify(value['head']);
    const entry: AccessEntry = {
      kind: 'access',
      digest: value['digest'],
      head,
      fill: value['fill'],
      expiresAt: value['expiresAt'],
      size: sizeOf(head, accessKey(identity, ref)),
    };
    put(accessKey(identity, ref), entry, entry.expiresAt);
    return entry;
  };

  const fetchNamespace = async (
    tier: SharedTier,
    identity: string,
    namespace: string,
    now: number,
  ): Promise<void> => {
    if (fresh(namespaceKey(identity, namespace), 'namespace', now) !== undefined) return;
    if (keys === undefined || !tier.shareAccess) return;
    const key = keys.namespace(identity, namespace);
    const value = await tier.get(key);
    if (value === undefined) return;
    if (!isRecord(value) || value['namespace'] !== namespace) {
      return tier.discard(key, 'not a namespace decision');
    }
    if (!plausibleExpiry(value['expiresAt'], now)) return;
    storeNamespace(identity, namespace, value['expiresAt'], false);
  };

  /** Fills the process tier from Redis with what this lookup needs, then answers from it. */
  const resolveShared = async (
    tier: SharedTier,
    identity: string,
    ref: ImageStreamImageRef,
  ): Promise<CacheAnswer> => {
    const now = clock.now();
    const full = FULL_DIGEST.test(ref.id) ? ref.id : undefined;
    // With a full digest the parts can be fetched alongside the access record: one round trip.
    const early = full === undefined ? [] : [fetchCore(tier, full), fetchMutable(tier, full, now)];
    const access = await fetchAccess(tier, identity, ref, now);
    await Promise.all(early);
    if (access !== undefined && access.digest !== full) {
      await Promise.all([fetchCore(tier, access.digest), fetchMutable(tier, access.digest, now)]);
    }
    const first = resolveLocal(identity, ref, now);
    if (first.kind !== 'review') return first;
    await fetchNamespace(tier, identity, ref.namespace, now);
    return resolveLocal(identity, ref, now);
  };

  // --- writes ------------------------------------------------------------------------------------

  const storeMutable = (
    digest: string,
    image: Record<string, unknown>,
    readAt: number,
    share: boolean,
  ): void => {
    const existing = lru.get(mutableKey(digest));
    // The freshest read of any caller wins.
    if (existing?.kind === 'mutable' && existing.readAt > readAt) return;
    const json = JSON.stringify(image);
    put(
      mutableKey(digest),
      { kind: 'mutable', json, readAt, size: sizeOf(json, mutableKey(digest)) },
      readAt + ttl,
    );
    if (share && shared !== undefined && keys !== undefined) {
      shared.set(keys.mutable(digest), { digest, readAt, image }, readAt + ttl - clock.now());
    }
  };

  const storeNamespace = (
    identity: string,
    namespace: string,
    expiresAt: number,
    share: boolean,
  ): void => {
    const key = namespaceKey(identity, namespace);
    put(key, { kind: 'namespace', expiresAt, size: sizeOf('', key) }, expiresAt);
    if (share && shared?.shareAccess === true && keys !== undefined) {
      shared.set(
        keys.namespace(identity, namespace),
        { namespace, expiresAt },
        expiresAt - clock.now(),
      );
    }
  };

  const storeAccess = (
    identity: string,
    ref: ImageStreamImageRef,
    digest: string,
    head: Record<string, unknown>,
    fill: boolean,
    expiresAt: number,
  ): void => {
    const key = accessKey(identity, ref);
    const json = JSON.stringify(head);
    put(
      key,
      { kind: 'access', digest, head: json, fill, expiresAt, size: sizeOf(json, key) },
      expiresAt,
    );
    if (shared?.shareAccess === true && keys !== undefined) {
      shared.set(
        keys.access(identity, ref),
        { digest, head, fill, expiresAt },
        expiresAt - clock.now(),
      );
    }
  };

  return {
    resolve(identity, ref) {
      if (ttl === 0) return MISS;
      const local = resolveLocal(identity, ref, clock.now());
      if (local.kind === 'hit' || shared === undefined) return count(local, false);
      return resolveShared(shared, identity, ref).then((answer) => count(answer, true));
    },

    lookup(identity, ref) {
      if (ttl === 0) return undefined;
      const answer = count(resolveLocal(identity, ref, clock.now()), false);
      return answer.kind === 'hit' ? answer.resource : undefined;
    },

    store(identity, ref, resource) {
      if (ttl === 0) return;
      const digest = resource.image.metadata.name;
      // Only a canonical digest may key shared content; anything else is served but not shared.
      if (digest === undefined || !FULL_DIGEST.test(digest)) return;
      const now = clock.now();
      const expiresAt = now + ttl;
      const { core, mutable, head } = split(resource);
      const cKey = coreKey(digest);
      // A burst of callers for one digest stores its content once: later copies are dropped.
      if (!lru.has(cKey)) {
        const json = JSON.stringify(core);
        put(cKey, { kind: 'core', json, size: sizeOf(json, cKey) });
        if (shared !== undefined && keys !== undefined) {
          shared.set(keys.core(digest), { digest, core }, CORE_TTL_MS);
        }
      }
      storeMutable(digest, mutable, now, true);
      storeAccess(identity, ref, digest, head, false, expiresAt);
      // The caller's own successful read in the namespace is a positive decision there.
      storeNamespace(identity, ref.namespace, expiresAt, true);
      // Children are readable through the stream the caller just read their parent through.
      const metadata = resource.metadata as { annotations?: Record<string, string> | null };
      for (const child of resource.image.dockerImageManifests ?? []) {
        if (!FULL_DIGEST.test(child.digest) || child.digest === digest) continue;
        const childRef = { namespace: ref.namespace, stream: ref.stream, id: child.digest };
        const childHead = derivedHead(
          ref.stream,
          child.digest,
          ref.namespace,
          metadata.annotations,
        );
        storeAccess(identity, childRef, child.digest, childHead, true, expiresAt);
      }
    },

    noteStreamRead(identity, namespace, stream) {
      if (ttl === 0) return;
      const digests = new Set<string>();
      for (const digest of stream.digests) if (FULL_DIGEST.test(digest)) digests.add(digest);
      const key = streamKey(identity, namespace, stream.name);
      const annotations = stream.annotations ?? undefined;
      const expiresAt = clock.now() + ttl;
      put(
        key,
        {
          kind: 'stream',
          digests,
          annotations,
          expiresAt,
          size: sizeOf(JSON.stringify(annotations ?? {}), key) + digests.size * 72,
        },
        expiresAt,
      );
    },

    noteNamespaceAccess(identity, namespace) {
      if (ttl === 0) return;
      storeNamespace(identity, namespace, clock.now() + ttl, true);
    },

    stats() {
      let contentEntries = 0;
      let accessEntries = 0;
      for (const entry of lru.values()) {
        if (entry.kind === 'core') contentEntries += 1;
        else if (entry.kind === 'access') accessEntries += 1;
      }
      return {
        hits,
        misses,
        sharedHits,
        evictions,
        contentEntries,
        accessEntries,
        bytes: lru.calculatedSize,
      };
    },

    sharedStats: () => shared?.stats(),
    clear: () => lru.clear(),
    flush: async () => {
      await shared?.flush();
    },
    close: async () => {
      await shared?.close();
    },
  };
}

const MISS: CacheAnswer = { kind: 'miss' };
