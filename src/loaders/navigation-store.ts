/**
 * The cross-request path of the navigation reads (image streams, their pages, image stream tags):
 * the caller's own cache entry, single-flight of identical misses of one caller, then one upstream
 * GET with the caller's own credential. See stream-cache.ts for why nothing is shared.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type {
  ImageStreamListResource,
  ImageStreamResource,
  ImageStreamTagResource,
} from '../model/image-stream.js';
import type { ImageStreamListQuery, ImageStreamRef, ImageStreamTagRef } from '../model/refs.js';
import type {
  OpenShiftClient,
  RequestCredential,
  UpstreamCallOptions,
} from '../upstream/client.js';
import type { RequestScope } from './image-store.js';
import type { StreamCache, StreamCacheKind } from './stream-cache.js';

/** Process-wide: one per gateway. */
export interface NavigationStore {
  imageStream(ref: ImageStreamRef, scope: RequestScope): Promise<ImageStreamResource>;
  imageStreamTag(ref: ImageStreamTagRef, scope: RequestScope): Promise<ImageStreamTagResource>;
  /** One page; never cached (a page belongs to its continue-token snapshot). */
  listImageStreams(
    query: ImageStreamListQuery,
    scope: RequestScope,
  ): Promise<ImageStreamListResource>;
  /** The caller's cache (also used to remember where a caller read a digest). */
  readonly cache: StreamCache;
}

/** Options of {@link createNavigationStore}. */
export interface NavigationStoreOptions {
  readonly client: OpenShiftClient;
  readonly cache: StreamCache;
  /**
   * Told of every stream the API server has just returned to a caller (one GET, or each item of a
   * list page): the image cache's stream-page proof (./stream-proofs.ts). Never told of a cache hit,
   * so a proof is never older than the caller's own read.
   */
  readonly onStreamRead?: (
    identity: string,
    namespace: string,
    stream: ImageStreamResource,
  ) => void;
}

function unauthenticated(): GatewayError {
  return new GatewayError(
    'UNAUTHENTICATED',
    'This gateway forwards your OpenShift credential: send an `Authorization: Bearer <token>` header (e.g. the output of `oc whoami -t`)',
  );
}

/** Creates the process-wide navigation store. */
export function createNavigationStore({
  client,
  cache,
  onStreamRead,
}: NavigationStoreOptions): NavigationStore {
  const noted = (scope: RequestScope, namespace: string, stream: ImageStreamResource): void => {
    if (onStreamRead !== undefined && scope.caller.kind === 'authenticated') {
      onStreamRead(scope.caller.identity, namespace, stream);
    }
  };
  const inFlight = new Map<string, Promise<unknown>>();

  /**
   * One read: the caller's cache entry (`cached` names it; undefined for pages), else an
   * identical flight of the same caller, else one GET within the request's budget and bounds.
   */
  function read<T>(
    scope: RequestScope,
    flightKey: string,
    cached: { kind: StreamCacheKind; namespace: string; name: string } | undefined,
    fetch: (credential: RequestCredential, options: UpstreamCallOptions) => Promise<T>,
  ): Promise<T> {
    const { caller } = scope;
    if (caller.kind === 'missing') return Promise.reject(unauthenticated());
    if (cached !== undefined) {
      const hit = cache.lookup<T>(caller.identity, cached.kind, cached.namespace, cached.name);
      if (hit !== undefined) {
        scope.stats.cacheHits += 1;
        return Promise.resolve(hit);
      }
    }
    const key = `${caller.identity}\u0000${flightKey}`;
    const existing = inFlight.get(key) as Promise<T> | undefined;
    if (existing !== undefined) {
      scope.stats.sharedInFlight += 1;
      // Another request's GET: wait for it only until this request's own deadline.
      return scope.within(existing);
    }
    try {
      scope.spendUpstreamCall();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const options: UpstreamCallOptions = {
      requestId: scope.requestId,
      deadline: scope.deadline,
      callerKey: caller.fairnessKey ?? caller.identity,
      onAttempt: () => {
        scope.stats.upstreamRequests += 1;
      },
    };
    const flight = scope
      .schedule(() => fetch(caller.credential, options))
      .then((value) => {
        if (cached !== undefined) {
          cache.store(caller.identity, cached.kind, cached.namespace, cached.name, value);
        }
        return value;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, flight);
    // Our own GET ends by the request's deadline inside the client (one timer per attempt there).
    return flight;
  }

  return {
    cache,
    imageStream: (ref, scope) =>
      read(
        scope,
        `stream\u0000${ref.namespace}\u0000${ref.name}`,
        { kind: 'stream', namespace: ref.namespace, name: ref.name },
        (credential, options) =>
          client.getImageStream(ref, credential, options).then((stream) => {
            noted(scope, ref.namespace, stream);
            return stream;
          }),
      ),
    imageStreamTag: (ref, scope) => {
      const name = `${ref.stream}:${ref.tag}`;
      return read(
        scope,
        `istag\u0000${ref.namespace}\u0000${name}`,
        { kind: 'istag', namespace: ref.namespace, name },
        (credential, options) => client.getImageStreamTag(ref, credential, options),
      );
    },
    listImageStreams: (query, scope) =>
      read(
        scope,
        `list\u0000${JSON.stringify([query.namespace, query.labelSelector ?? null, query.fieldSelector ?? null, query.limit ?? null, query.continue ?? null])}`,
        undefined,
        (credential, options) =>
          client.listImageStreams(query, credential, options).then((page) => {
            for (const stream of page.items) noted(scope, query.namespace, stream);
            return page;
          }),
      ),
  };
}
