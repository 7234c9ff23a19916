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

/** Who is asking: the credential to send upstream and a non-reversible identity to key access records. */
export type Caller =
  | {
      readonly kind: 'authenticated';
      readonly credential: RequestCredential;
      /** SHA-256 of the credential, or a fixed name for the gateway's shared service identity. */
      readonly identity: string;
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
   * Aborted when the request's deadline passes or the client goes away. A function, called only
   * when the request waits for the API server: a cache hit builds no signal and no timer.
   */
  readonly signal: () => AbortSignal;
  /** The request's deadline (ms since the epoch): upstream retries never sleep past it. */
  readonly deadline: number;
  /** Consumes one unit of the request's upstream budget; throws when it is spent. */
  readonly spendUpstreamCall: () => void;
  /** Runs an upstream call within the request's concurrency bound. */
  readonly schedule: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Process-wide: one per gateway. */
export interface ImageStore {
  get(ref: ImageStreamImageRef, scope: RequestScope): Promise<ImageStreamImageResource>;
}

/** Resolves `promise`, or rejects with UPSTREAM_TIMEOUT as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    // Handlers are attached before anything else so a shared flight never rejects unhandled.
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): GatewayError {
  return new GatewayError(
    'UPSTREAM_TIMEOUT',
    'The request deadline passed before the API server answered',
  );
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

  const callOptions = (scope: RequestScope): UpstreamCallOptions => ({
    requestId: scope.requestId,
    deadline: scope.deadline,
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
        .schedule(() => reviewAccess(namespace, caller.credential, callOptions(scope)))
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
      return untilAborted(existing, scope.signal());
    }
    try {
      scope.spendUpstreamCall();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // The shared GET is not tied to this request's signal (another request may join it); this
    // request stops waiting at its own deadline, and the GET is bounded by UPSTREAM_TIMEOUT_MS.
    const flight = scope
      .schedule(() => client.getImageStreamImage(ref, caller.credential, callOptions(scope)))
      .then((resource) => {
        cache.store(caller.identity, ref, resource);
        return resource;
      })
      .finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
    return untilAborted(flight, scope.signal());
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
