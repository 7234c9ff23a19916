import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import { GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamListResource } from '../model/image-stream.js';
import type {
  ImageStreamImageRef,
  ImageStreamListQuery,
  ImageStreamRef,
  ImageStreamTagRef,
} from '../model/refs.js';
import type { ImageStore, RequestScope } from './image-store.js';
import { imageStreamImageKey, imageStreamKey, imageStreamTagKey } from './keys.js';
import type { NavigationStore } from './navigation-store.js';
import type {
  ImageOrigin,
  LoadedImageStream,
  LoadedImageStreamImage,
  LoadedImageStreamTag,
  Loaders,
} from './types.js';

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/** Options of {@link createLoaders}: one request's caller, deadline, counters and bounds. */
export interface CreateLoadersOptions extends Omit<RequestScope, 'schedule' | 'spendUpstreamCall'> {
  readonly store: ImageStore;
  /** Streams, their pages and istags (the caller's own cache; see stream-cache.ts). */
  readonly navigation: NavigationStore;
  /** Concurrent upstream GETs of this request (UPSTREAM_MAX_CONCURRENCY). */
  readonly maxConcurrency: number;
  /** Upstream GETs this request may cause (MAX_UPSTREAM_CALLS_PER_REQUEST). */
  readonly maxUpstreamCalls: number;
  /** Called with the number of keys of each DataLoader batch (metrics). */
  readonly onBatch?: (size: number) => void;
}

/**
 * Creates the loaders of one request. DataLoader collects every `load` made while the current
 * execution pass runs (its batch is dispatched after the pending promise jobs), so siblings such
 * as the children of a manifest list or the names of `imageStreamImages` arrive as one batch;
 * duplicate keys in one request are one load.
 */
export function createLoaders(options: CreateLoadersOptions): Loaders {
  const { store, navigation, maxConcurrency, maxUpstreamCalls, onBatch, ...rest } = options;
  // Created on the first upstream call: a request served from the cache needs no limiter.
  let limit: ReturnType<typeof pLimit> | undefined;
  let spent = 0;
  const scope: RequestScope = {
    ...rest,
    schedule: (task) => (limit ??= pLimit(maxConcurrency))(task),
    spendUpstreamCall: () => {
      if (spent >= maxUpstreamCalls) {
        throw new GatewayError(
          'QUERY_TOO_COMPLEX',
          `This request needs more than ${maxUpstreamCalls} upstream reads (MAX_UPSTREAM_CALLS_PER_REQUEST); ask for fewer images or fewer manifest children`,
          { details: { limit: 'MAX_UPSTREAM_CALLS_PER_REQUEST', max: maxUpstreamCalls } },
        );
      }
      spent += 1;
    },
  };

  const identity = rest.caller.kind === 'authenticated' ? rest.caller.identity : undefined;
  const loadBatch = (
    refs: readonly ImageStreamImageRef[],
  ): Promise<(LoadedImageStreamImage | Error)[]> => {
    onBatch?.(refs.length);
    return Promise.all(
      refs.map((ref) =>
        store.get(ref, scope).then(
          (resource): LoadedImageStreamImage => {
            const origin: ImageOrigin = { namespace: ref.namespace, stream: ref.stream };
            const digest = resource.image.metadata.name;
            // Remembered for this caller only, as long as their own access is trusted.
            if (identity !== undefined && digest !== undefined) {
              navigation.cache.store(identity, 'seen', '', digest, origin);
            }
            return { resource, origin };
          },
          // One failed key is an Error in its own slot: its siblings still resolve.
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      ),
    );
  };

  const imageStream = new DataLoader<ImageStreamRef, LoadedImageStream, string>(
    (refs) => {
      onBatch?.(refs.length);
      return Promise.all(
        refs.map((ref) =>
          navigation
            .imageStream(ref, scope)
            .then(
              (resource): LoadedImageStream => ({ namespace: ref.namespace, resource }),
              asError,
            ),
        ),
      );
    },
    { cacheKeyFn: imageStreamKey },
  );

  const imageStreamTag = new DataLoader<ImageStreamTagRef, LoadedImageStreamTag, string>(
    (refs) => {
      onBatch?.(refs.length);
      return Promise.all(
        refs.map((ref) =>
          navigation
            .imageStreamTag(ref, scope)
            .then((resource): LoadedImageStreamTag => ({ ...ref, resource }), asError),
        ),
      );
    },
    { cacheKeyFn: imageStreamTagKey },
  );

  const pages = new Map<string, Promise<ImageStreamListResource>>();
  const imageStreamPage = (query: ImageStreamListQuery): Promise<ImageStreamListResource> => {
    const key = JSON.stringify([
      query.namespace,
      query.labelSelector ?? null,
      query.fieldSelector ?? null,
      query.limit ?? null,
      query.continue ?? null,
    ]);
    let page = pages.get(key);
    if (page === undefined) {
      page = navigation.listImageStreams(query, scope).then((list) => {
        // A stream of the page, asked for by name in the same request, costs no second GET.
        for (const resource of list.items) {
          const name = resource.metadata.name;
          if (name !== undefined) {
            imageStream.prime(
              { namespace: query.namespace, name },
              { namespace: query.namespace, resource },
            );
          }
        }
        return list;
      });
      pages.set(key, page);
    }
    return page;
  };

  return {
    imageStreamImage: new DataLoader(loadBatch, { cacheKeyFn: imageStreamImageKey }),
    imageStream,
    imageStreamTag,
    imageStreamPage,
    imageOrigin: (digest) =>
      identity === undefined
        ? undefined
        : navigation.cache.lookup<ImageOrigin>(identity, 'seen', '', digest),
  };
}
