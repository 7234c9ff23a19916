/**
 * The simulator's request log: exact counts per (method, path, status, user, token hash), and the
 * most recent entries. Counting stays exact however many requests a benchmark sends; only the
 * entry list is bounded.
 */

/** One logged request. */
export interface RequestLogEntry {
  readonly method: string;
  /** The URL path as sent (no query string). */
  readonly path: string;
  /** The raw query string (without `?`), e.g. `limit=10&continue=...`. */
  readonly query?: string;
  /**
   * The Kubernetes verb the request was authorized as: `get`, `list`, `watch`, `create` (an
   * access review)...; absent for non-resource paths (/healthz, discovery) and 401s.
   */
  readonly verb?: string;
  /** The resource: `imagestreams`, `imagestreams/layers`, `imagestreamtags`, `imagestreamimages`, `images`, `selfsubjectaccessreviews`. */
  readonly resource?: string;
  /** HTTP status sent; `0` when no response was sent (hang, reset). */
  readonly status: number;
  /**
   * The authenticated user name; `system:anonymous` without a token; `undefined` for a token the
   * simulator never issued. A revoked token still names its user here (the request got 401).
   */
  readonly user: string | undefined;
  /** First 16 hex chars of sha256(token), or `undefined` without a token. */
  readonly tokenHash: string | undefined;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
}

/** Filter of `count`; every given field must match. */
export interface RequestLogFilter {
  /** Exact path, or a RegExp tested against the path. */
  path?: string | RegExp;
  method?: string;
  user?: string;
  status?: number;
  tokenHash?: string;
  /** The Kubernetes verb (`list` and `get` on `imagestreams` tell a list from a stream GET). */
  verb?: string;
  /** The resource, e.g. `imagestreams`, `imagestreamtags`, `imagestreamimages`. */
  resource?: string;
}

interface Bucket {
  method: string;
  path: string;
  status: number;
  user: string | undefined;
  tokenHash: string | undefined;
  verb: string | undefined;
  resource: string | undefined;
  n: number;
}

/** Exact counters plus a bounded list of recent entries. */
export class RequestLog {
  readonly #buckets = new Map<string, Bucket>();
  #entries: RequestLogEntry[] = [];

  constructor(private readonly maxEntries = 100_000) {}

  /** Records one request. */
  record(entry: RequestLogEntry): void {
    const key = `${entry.method} ${entry.status} ${entry.user ?? ''} ${entry.tokenHash ?? ''} ${entry.verb ?? ''} ${entry.resource ?? ''} ${entry.path}`;
    const bucket = this.#buckets.get(key);
    if (bucket) bucket.n += 1;
    else {
      this.#buckets.set(key, {
        method: entry.method,
        path: entry.path,
        status: entry.status,
        user: entry.user,
        tokenHash: entry.tokenHash,
        verb: entry.verb,
        resource: entry.resource,
        n: 1,
      });
    }
    this.#entries.push(entry);
    if (this.#entries.length > this.maxEntries * 2) {
      this.#entries = this.#entries.slice(-this.maxEntries);
    }
  }

  /** How many requests match the filter (all requests without one). */
  count(filter: RequestLogFilter = {}): number {
    let n = 0;
    for (const b of this.#buckets.values()) {
      if (filter.method !== undefined && b.method !== filter.method) continue;
      if (filter.status !== undefined && b.status !== filter.status) continue;
      if (filter.user !== undefined && b.user !== filter.user) continue;
      if (filter.tokenHash !== undefined && b.tokenHash !== filter.tokenHash) continue;
      if (filter.verb !== undefined && b.verb !== filter.verb) continue;
      if (filter.resource !== undefined && b.resource !== filter.resource) continue;
      if (typeof filter.path === 'string' && b.path !== filter.path) continue;
      if (filter.path instanceof RegExp) {
        filter.path.lastIndex = 0;
        if (!filter.path.test(b.path)) continue;
      }
      n += b.n;
    }
    return n;
  }

  /** The most recent entries (at most the last `maxEntries`), oldest first. */
  entries(): readonly RequestLogEntry[] {
    return this.#entries.slice(-this.maxEntries);
  }

  /** Forgets everything. */
  reset(): void {
    this.#buckets.clear();
    this.#entries = [];
  }
}
