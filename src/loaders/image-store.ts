/**
 * The cross-request path from a ref to an ImageStreamImage: cache lookup, single-flight of
 * identical misses, then one upstream GET with the caller's own credential.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamImageRef } from '../model/refs.js';
import type {
  OpenShiftClient,
  RequestCredential,
  UpstreamCallOptions,
} from '../upstream/client.js';
import type { ImageStreamImageResource } from '../model/resources.js';
import type { CacheAnswer, ImageCache } from './image-cache.js';
import { imageStreamImageKey } from './keys.js';
import { isBudgetRefusal } from './request-budget.js';

/** Who is asking: the credential to send upstream and a non-reversible identity to key access records. */
export type Caller =
  | {
      readonly kind: 'authenticated';
      readonly credential: RequestCredential;
      /** SHA-256 of the credential, or a fixed name for the gateway's shared service identity. */
      readonly identity: string;
      /**
       * Who the per-caller concurrency cap counts this caller as, when not the credential: in
       * AUTH_MODE=service every caller shares the gateway's credential, so the cap is keyed by
       * the caller's own identity (client certificate, trusted header, remote address).
       */
      readonly fairnessKey?: string;
    }
  | {
      /** Pass-through mode and the request carried no bearer token. */
      readonly kind: 'missing';
    };

/** Mutable per-request counters, reported in `extensions.stats` when asked. */
export interface RequestStats {
  /** HTTP attempts this request sent upstream (retries included). */
  upstreamRequests: number;
  /** Answers served from the process-wide cache. */
  cacheHits: number;
  /** Answers that joined an identical upstream GET already in flight for the same caller. */
  sharedInFlight: number;
}

/** Creates zeroed {@link RequestStats}. */
export function createRequestStats(): RequestStats {
  return { upstreamRequests: 0, cacheHits: 0, sharedInFlight: 0 };
}

/** Everything one `get` needs from its request. */
export interface RequestScope {
  readonly caller: Caller;
  readonly stats: RequestStats;
  readonly requestId: string;
  /**
   * Waits for an upstream GET another request started, until this request's deadline or its
   * client going away (./request-deadline.ts): one timer and one listener per request at most.
   */
  readonly within: <T>(promise: Promise<T>) => Promise<T>;
  /**
   * The request's deadline (ms since the epoch): the upstream client ends its own GETs by it
   * (retries included), so a request that starts a GET needs no signal or timer of its own.
   */
  readonly deadline: number;
  /**
   * Throws before a read is queued when it cannot be sent: the credential was just rejected
   * (UNAUTHENTICATED) or the request's upstream budget is spent (QUERY_TOO_COMPLEX). The unit of
   * budget itself is spent by `schedule` when the read starts (see ./request-budget.ts).
   */
  readonly spendUpstreamCall: () => void;
  /** Runs an upstream call within the request's concurrency bound and budget. */
  readonly schedule: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Process-wide: one per gateway. */
export interface ImageStore {
  get(ref: ImageStreamImageRef, scope: RequestScope): Promise<ImageStreamImageResource>;
}

/**
 * Asks the API server whether the caller may `get imagestreamimages` in a namespace
 * (a SelfSubjectAccessReview sent with the caller's own credential): true only for an allowed answer.
 */
export type AccessReviewer = (
  namespace: string,
  credential: RequestCredential,
  options: UpstreamCallOptions,
) => Promise<boolean>;

/** Options of {@link createImageStore}. */
export interface ImageStoreOptions {
  readonly client: OpenShiftClient;
  readonly cache: ImageCache;
  /** Stream-page proofs need it (see image-cache.ts, rule 2c); without it those images are read. */
  readonly reviewAccess?: AccessReviewer;
}

/** Creates the process-wide store. */
export function createImageStore({ client, cache, reviewAccess }: ImageStoreOptions): ImageStore {
  /** Identical misses (same caller identity, same ref) in flight, shared across requests. */
  const inFlight = new Map<string, Promise<ImageStreamImageResource>>();
  /** Access reviews in flight, one per caller identity and namespace. */
  const reviews = new Map<string, Promise<boolean>>();

  // Bounded by this request's deadline and UPSTREAM_TIMEOUT_MS, whichever comes first, inside
  // the client (one timer per attempt there). The caller's identity (a SHA-256) keys its
  // concurrency cap.
  const callOptions = (
    scope: RequestScope,
    caller: Extract<Caller, { kind: 'authenticated' }>,
  ): UpstreamCallOptions => ({
    requestId: scope.requestId,
    deadline: scope.deadline,
    // In AUTH_MODE=service the caller's own identity, not the shared credential, keys the cap.
    callerKey: caller.fairnessKey ?? caller.identity,
    onAttempt: () => {
      scope.stats.upstreamRequests += 1;
    },
  });

  /** One review per caller and namespace at a time; a positive answer is recorded, a negative never. */
  const review = (
    namespace: string,
    caller: Extract<Caller, { kind: 'authenticated' }>,
    scope: RequestScope,
  ): Promise<boolean> => {
    if (reviewAccess === undefined) return Promise.resolve(false);
    const key = `${caller.identity}\u0000${namespace}`;
    let pending = reviews.get(key);
    if (pending === undefined) {
      try {
        scope.spendUpstreamCall();
      } catch {
        return Promise.resolve(false);
      }
      pending = scope
        .schedule(() => reviewAccess(namespace, caller.credential, callOptions(scope, caller)))
        .then(
          (allowed) => {
            if (allowed) cache.noteNamespaceAccess(caller.identity, namespace);
            return allowed;
          },
          // A failed review proves nothing: the image is read instead, which reports the failure.
          () => false,
        )
        .finally(() => reviews.delete(key));
      reviews.set(key, pending);
    }
    return pending;
  };

  /** Settles a cache answer that needs Redis or an access review. */
  const fromCache = async (
    first: CacheAnswer | Promise<CacheAnswer>,
    ref: ImageStreamImageRef,
    caller: Extract<Caller, { kind: 'authenticated' }>,
    scope: RequestScope,
  ): Promise<ImageStreamImageResource | undefined> => {
    let answer = await first;
    if (answer.kind === 'review' && (await review(answer.namespace, caller, scope))) {
      answer = await cache.resolve(caller.identity, ref);
    }
    return answer.kind === 'hit' ? answer.resource : undefined;
  };

  const fetch = (
    ref: ImageStreamImageRef,
    caller: Extract<Caller, { kind: 'authenticated' }>,
    scope: RequestScope,
  ): Promise<ImageStreamImageResource> => {
    const flightKey = `${caller.identity}\u0000${imageStreamImageKey(ref)}`;
    const existing = inFlight.get(flightKey);
    if (existing !== undefined) {
      scope.stats.sharedInFlight += 1;
      // Another request's GET: wait for it only until this request's own deadline. A flight
      // spends the budget of the request that started it; when that budget ran out before the GET
      // was sent, nothing was read, and this request reads with its own budget.
      return scope.within(existing).catch((error: unknown) => {
        if (isBudgetRefusal(error)) return fetch(ref, caller, scope);
        throw error;
      });
    }
    try {
      scope.spendUpstreamCall();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const flight = scope
      .schedule(() =>
        client.getImageStreamImage(ref, caller.credential, callOptions(scope, caller)),
      )
      .then((resource) => {
        cache.store(caller.identity, ref, resource);
        return resource;
      })
      .finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
    return flight;
  };

  return {
    get(ref, scope) {
      const { caller } = scope;
      if (caller.kind === 'missing') {
        return Promise.reject(
          new GatewayError(
            'UNAUTHENTICATED',
            'This gateway forwards your OpenShift credential: send an `Authorization: Bearer <token>` header (e.g. the output of `oc whoami -t`)',
          ),
        );
      }
      // The process tier answers synchronously: a warm hit waits for nothing.
      const local = cache.resolve(caller.identity, ref);
      if (!(local instanceof Promise) && local.kind === 'hit') {
        scope.stats.cacheHits += 1;
        return Promise.resolve(local.resource);
      }
      if (!(local instanceof Promise) && local.kind === 'miss') return fetch(ref, caller, scope);
      return fromCache(local, ref, caller, scope).then((cached) => {
        if (cached === undefined) return fetch(ref, caller, scope);
        scope.stats.cacheHits += 1;
        return cached;
      });
    },
  };
}
