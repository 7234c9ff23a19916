/**
 * The second cache tier (Redis, shared by every replica), as the digest cache sees it: a small
 * key-value store whose every value is authenticated, and whose failures never fail a query.
 *
 * Why each rule (docs/scale-out.md):
 * - Redis is not a trusted store: it may be shared, restored from a backup, or written by an older
 *   replica or by someone who can reach it. Every value carries an HMAC-SHA256 under
 *   CACHE_SHARED_SECRET that binds the key, the schema version, the codec and the payload. A value
 *   that fails the check (altered, forged, truncated, moved to another key, written under another
 *   secret or schema version) is a miss: logged (key only, never the secret), deleted, never served.
 * - Redis down, slow or full is a miss, never an error: every command has a short timeout, writes
 *   are fire-and-forget, and a breaker stops asking for a while after consecutive failures (the
 *   client reconnects with backoff in the background; commands fail fast while it is offline).
 * - Values above a size cap are not written (they stay in the process tier); payloads above a
 *   threshold are compressed (raw deflate from node:zlib), marked by a codec byte.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { promisify } from 'node:util';

const deflate = promisify(deflateRaw);

/** What the tier needs from a Redis client (src/server/redis-backend.ts adapts node-redis). */
export interface KeyValueBackend {
  /** The value, or null when absent. Rejects on a timeout or a connection problem. */
  get(key: string): Promise<Buffer | null>;
  /** Sets the value with an expiry in ms. */
  set(key: string, value: Buffer, ttlMs: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Resolves once the first connection is up (never rejects; may never resolve). */
  readonly connected?: Promise<void>;
  close(): Promise<void>;
}

/** Log lines the tier writes (a pino logger fits). */
export interface SharedTierLog {
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/** Counters of the shared tier (metrics read them at every scrape). */
export interface SharedTierStats {
  readonly hits: number;
  readonly misses: number;
  /** Commands that failed or timed out. */
  readonly errors: number;
  /** Lookups not sent because the breaker was open. */
  readonly skipped: number;
  /** Values read that failed authentication or validation (then deleted). */
  readonly rejectedInvalid: number;
  /** Values not written because they were above the size cap. */
  readonly rejectedTooLarge: number;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly writes: number;
  readonly breakerOpen: boolean;
}

/** Hooks for latency metrics. */
export interface SharedTierObserver {
  latency(operation: 'get' | 'set', seconds: number): void;
}

/** Options of {@link createSharedTier}. */
export interface SharedTierOptions {
  readonly backend: KeyValueBackend;
  /** CACHE_SHARED_SECRET: the HMAC key (at least 32 bytes, checked by loadConfig). */
  readonly secret: string;
  /** Key prefix (REDIS_KEY_PREFIX). @default 'oig' */
  readonly prefix?: string;
  /** Values above this many bytes, compressed, stay in the process. @default 524288 */
  readonly maxValueBytes?: number;
  /** Payloads above this many bytes are compressed. @default 1024 */
  readonly compressAboveBytes?: number;
  /** Consecutive failures that open the breaker. @default 3 */
  readonly breakerThreshold?: number;
  /** How long the open breaker skips Redis before one probe. @default 2000 */
  readonly breakerOpenMs?: number;
  /** Whether access records (per credential HMAC) are shared too (CACHE_SHARED_ACCESS). @default true */
  readonly shareAccess?: boolean;
  readonly log: SharedTierLog;
  readonly observer?: SharedTierObserver;
  /** Monotonic clock for the breaker, for tests. @default performance.now */
  readonly monotonic?: () => number;
}

/** The tier. Keys are built by the caller with {@link SharedTier.key}. */
export interface SharedTier {
  /** `<prefix>:v<schema>:<parts joined by ':'>`. */
  key(...parts: string[]): string;
  /** HMAC of an identity (itself a SHA-256 of the credential) under the secret: safe to put in a key. */
  identityKey(identity: string): string;
  /** The verified payload, or undefined (absent, invalid, Redis unavailable). Never rejects. */
  get(key: string): Promise<unknown>;
  /** Writes in the background; never rejects, never waits. */
  set(key: string, payload: unknown, ttlMs: number): void;
  /** Deletes in the background (a value that failed validation above the codec). */
  discard(key: string, reason: string): void;
  readonly shareAccess: boolean;
  stats(): SharedTierStats;
  /** Waits up to `timeoutMs` for the first connection; true when it is up. */
  waitConnected(timeoutMs: number): Promise<boolean>;
  /** Resolves when every write started so far has finished (tests, shutdown). */
  flush(): Promise<void>;
  /** Waits for pending writes (bounded by their timeouts), then closes the connection. */
  close(): Promise<void>;
}

/** Bumped whenever the stored shape changes: replicas of another version never read these values. */
export const SHARED_SCHEMA_VERSION = 1;

const MAGIC = 0x4f; // 'O'
const CODEC_JSON = 0;
const CODEC_DEFLATE = 1;
const HEADER_BYTES = 3;
const MAC_BYTES = 32;
/** A decompressed payload above this is refused (the MAC was valid, but we stay bounded). */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/** Creates the shared tier over a backend. */
export function createSharedTier(options: SharedTierOptions): SharedTier {
  const {
    backend,
    secret,
    log,
    observer,
    prefix = 'oig',
    maxValueBytes = 512 * 1024,
    compressAboveBytes = 1024,
    breakerThreshold = 3,
    breakerOpenMs = 2000,
  } = options;
  const monotonic = options.monotonic ?? (() => performance.now());
  const counters = {
    hits: 0,
    misses: 0,
    errors: 0,
    skipped: 0,
    rejectedInvalid: 0,
    rejectedTooLarge: 0,
    bytesRead: 0,
    bytesWritten: 0,
    writes: 0,
  };
  let failures = 0;
  let openUntil: number | undefined;
  let probing = false;
  const pending = new Set<Promise<void>>();
  const identityKeys = new Map<string, string>();

  const mac = (key: string, header: Buffer, payload: Buffer): Buffer =>
    createHmac('sha256', secret)
      .update('oig-shared-cache\u0000')
      .update(key)
      .update('\u0000')
      .update(header)
      .update(payload)
      .digest();

  /** Whether a command may be sent now; an open breaker lets one probe through after its pause. */
  const admit = (): boolean => {
    if (openUntil === undefined) return true;
    if (monotonic() < openUntil || probing) return false;
    probing = true;
    return true;
  };

  const succeeded = (): void => {
    failures = 0;
    probing = false;
    if (openUntil !== undefined) {
      openUntil = undefined;
      log.info({ tier: 'redis' }, 'shared cache reachable again: using Redis');
    }
  };

  const failed = (error: unknown, operation: string): void => {
    counters.errors += 1;
    failures += 1;
    probing = false;
    if (openUntil !== undefined) {
      openUntil = monotonic() + breakerOpenMs;
      return;
    }
    if (failures >= breakerThreshold) {
      openUntil = monotonic() + breakerOpenMs;
      log.warn(
        {
          tier: 'redis',
          operation,
          err: error instanceof Error ? error.message : String(error),
          pauseMs: breakerOpenMs,
        },
        'shared cache unavailable: serving from the process cache and the API server until Redis answers again',
      );
    }
  };

  const reject = (key: string, reason: string): void => {
    counters.rejectedInvalid += 1;
    log.warn({ tier: 'redis', key, reason }, 'shared cache value rejected and deleted');
    backend.del(key).catch(() => undefined);
  };

  const decode = (key: string, value: Buffer): unknown => {
    if (value.length < HEADER_BYTES + MAC_BYTES) return reject(key, 'truncated');
    const header = value.subarray(0, HEADER_BYTES);
    if (header[0] !== MAGIC) return reject(key, 'unknown format');
    if (header[1] !== SHARED_SCHEMA_VERSION) return reject(key, 'other schema version');
    const sent = value.subarray(HEADER_BYTES, HEADER_BYTES + MAC_BYTES);
    const payload = value.subarray(HEADER_BYTES + MAC_BYTES);
    if (!timingSafeEqual(sent, mac(key, header, payload))) {
      return reject(key, 'authentication failed');
    }
    try {
      const text =
        header[2] === CODEC_JSON
          ? payload.toString('utf8')
          : header[2] === CODEC_DEFLATE
            ? inflateRawSync(payload, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8')
            : undefined;
      if (text === undefined) return reject(key, 'unknown codec');
      return JSON.parse(text) as unknown;
    } catch {
      return reject(key, 'undecodable');
    }
  };

  const encode = async (key: string, payload: unknown): Promise<Buffer> => {
    const json = Buffer.from(JSON.stringify(payload), 'utf8');
    const compress = json.length > compressAboveBytes;
    const body = compress ? await deflate(json) : json;
    const header = Buffer.from([
      MAGIC,
      SHARED_SCHEMA_VERSION,
      compress ? CODEC_DEFLATE : CODEC_JSON,
    ]);
    return Buffer.concat([header, mac(key, header, body), body]);
  };

  return {
    shareAccess: options.shareAccess ?? true,
    key: (...parts) => `${prefix}:v${SHARED_SCHEMA_VERSION}:${parts.join(':')}`,
    identityKey(identity) {
      let hashed = identityKeys.get(identity);
      if (hashed === undefined) {
        hashed = createHmac('sha256', secret)
          .update('oig-caller\u0000')
          .update(identity)
          .digest('base64url');
        // Bounded: a flood of distinct credentials only costs recomputing HMACs.
        if (identityKeys.size >= 10_000) identityKeys.clear();
        identityKeys.set(identity, hashed);
      }
      return hashed;
    },

    async get(key) {
      if (!admit()) {
        counters.skipped += 1;
        return undefined;
      }
      const started = performance.now();
      let value: Buffer | null;
      try {
        value = await backend.get(key);
      } catch (error) {
        failed(error, 'get');
        return undefined;
      } finally {
        observer?.latency('get', (performance.now() - started) / 1000);
      }
      succeeded();
      if (value === null) {
        counters.misses += 1;
        return undefined;
      }
      counters.bytesRead += value.length;
      const decoded = decode(key, value);
      if (decoded === undefined) counters.misses += 1;
      else counters.hits += 1;
      return decoded;
    },

    set(key, payload, ttlMs) {
      if (ttlMs <= 0) return;
      const write = encode(key, payload).then(async (value) => {
        if (value.length > maxValueBytes) {
          counters.rejectedTooLarge += 1;
          return;
        }
        if (!admit()) {
          counters.skipped += 1;
          return;
        }
        const started = performance.now();
        try {
          await backend.set(key, value, Math.ceil(ttlMs));
          succeeded();
          counters.writes += 1;
          counters.bytesWritten += value.length;
        } catch (error) {
          failed(error, 'set');
        } finally {
          observer?.latency('set', (performance.now() - started) / 1000);
        }
      });
      const tracked = write.catch(() => undefined).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },

    discard(key, reason) {
      reject(key, reason);
    },

    stats: () => ({ ...counters, breakerOpen: openUntil !== undefined }),
    async waitConnected(timeoutMs) {
      if (backend.connected === undefined) return true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const up = await Promise.race([backend.connected.then(() => true), timeout]);
      clearTimeout(timer);
      return up;
    },
    flush: async () => {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      await Promise.all(pending);
      await backend.close();
    },
  };
}
