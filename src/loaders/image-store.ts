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
import type { ImageCache } from './image-cache.js';
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
   * Aborted when the request's deadline passes or the client goes away. A function, called only
   * when the request waits for the API server: a cache hit builds no signal and no timer.
   */
  readonly signal: () => AbortSignal;
  /** The request's deadline (ms since the epoch): upstream retries never sleep past it. */
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

/** Options of {@link createImageStore}. */
export interface ImageStoreOptions {
  readonly client: OpenShiftClient;
  readonly cache: ImageCache;
}

/** Creates the process-wide store. */
export function createImageStore({ client, cache }: ImageStoreOptions): ImageStore {
  /** Identical misses (same caller identity, same ref) in flight, shared across requests. */
  const inFlight = new Map<string, Promise<ImageStreamImageResource>>();

  const get: ImageStore['get'] = (ref, scope) => {
    const { caller } = scope;
    if (caller.kind === 'missing') {
      return Promise.reject(
        new GatewayError(
          'UNAUTHENTICATED',
          'This gateway forwards your OpenShift credential: send an `Authorization: Bearer <token>` header (e.g. the output of `oc whoami -t`)',
        ),
      );
    }
    const cached = cache.lookup(caller.identity, ref);
    if (cached !== undefined) {
      scope.stats.cacheHits += 1;
      return Promise.resolve(cached);
    }
    const flightKey = `${caller.identity}\u0000${imageStreamImageKey(ref)}`;
    const existing = inFlight.get(flightKey);
    if (existing !== undefined) {
      scope.stats.sharedInFlight += 1;
      // A flight spends the budget of the request that started it. When that budget ran out
      // before the GET was sent, nothing was read: this request reads with its own budget.
      return untilAborted(existing, scope.signal()).catch((error: unknown) => {
        if (isBudgetRefusal(error)) return get(ref, scope);
        throw error;
      });
    }
    try {
      scope.spendUpstreamCall();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // The shared GET is not tied to this request's signal (another request may join it); this
    // request stops waiting at its own deadline, and the GET is bounded by UPSTREAM_TIMEOUT_MS.
    const options: UpstreamCallOptions = {
      requestId: scope.requestId,
      deadline: scope.deadline,
      ...(caller.fairnessKey === undefined ? {} : { callerKey: caller.fairnessKey }),
      onAttempt: () => {
        scope.stats.upstreamRequests += 1;
      },
    };
    const flight = scope
      .schedule(() => client.getImageStreamImage(ref, caller.credential, options))
      .then((resource) => {
        cache.store(caller.identity, ref, resource);
        return resource;
      })
      .finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, flight);
    return untilAborted(flight, scope.signal());
  };
  return { get };
}
