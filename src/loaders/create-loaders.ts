import DataLoader from 'dataloader';
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
import { createRequestBudget, type RequestBudget } from './request-budget.js';
import { createRequestDeadline } from './request-deadline.js';
import { recordImageBatch, recordOtherRead, type LoadRecord } from './load-record.js';
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
export interface CreateLoadersOptions extends Omit<
  RequestScope,
  'schedule' | 'spendUpstreamCall' | 'within'
> {
  readonly store: ImageStore;
  /** Streams, their pages and istags (the caller's own cache; see stream-cache.ts). */
  readonly navigation: NavigationStore;
  /** The request's signal (its client going away); read only when a load waits on another's GET. */
  readonly signal?: () => AbortSignal | undefined;
  /** Concurrent upstream GETs of this request (UPSTREAM_MAX_CONCURRENCY). */
  readonly maxConcurrency: number;
  /** Upstream GETs this request may cause (MAX_UPSTREAM_CALLS_PER_REQUEST). */
  readonly maxUpstreamCalls: number;
  /** Called with the number of keys of each DataLoader batch (metrics). */
  readonly onBatch?: (size: number) => void;
  /**
   * The HTTP request's budget, shared by every operation of a batch (see ./request-budget.ts).
   * Absent: one is created from `maxConcurrency` and `maxUpstreamCalls` for these loaders alone.
   */
  readonly budget?: RequestBudget;
  /** Where the loaders note what they read, for the replay memo (./load-record.ts). */
  readonly record?: LoadRecord;
}

/**
 * Creates the loaders of one request. DataLoader collects every `load` made while the current
 * execution pass runs (its batch is dispatched after the pending promise jobs), so siblings such
 * as the children of a manifest list or the names of `imageStreamImages` arrive as one batch;
 * duplicate keys in one request are one load.
 */
export function createLoaders(options: CreateLoadersOptions): Loaders {
  // Plain reads, no rest/spread: this runs once per request (issue #11).
  const { store, navigation, onBatch, signal, caller, deadline, record } = options;
  const budget =
    options.budget ??
    createRequestBudget({
      maxConcurrency: options.maxConcurrency,
      maxUpstreamCalls: options.maxUpstreamCalls,
      deadline,
    });
  const budgetKey = caller.kind === 'authenticated' ? caller.identity : '';
  let within: RequestScope['within'] | undefined;
  const scope: RequestScope = {
    caller,
    stats: options.stats,
    requestId: options.requestId,
    deadline,
    within: (promise) =>
      (within ??= createRequestDeadline(deadline, signal ?? (() => undefined)))(promise),
    // Checks only (a rejected credential, a spent budget): the unit is spent when the read starts.
    spendUpstreamCall: () => budget.check(budgetKey),
    schedule: (task) => budget.schedule(budgetKey, task),
  };

  /**
   * A loader whose batch is one read per key (each as the stores dedupe and bound it), the read's
   * answer projected with its key; a failed read is an Error in its own slot, so its siblings
   * still resolve.
   */
  const perKey = <K, R, V>(
    read: (key: K) => Promise<R>,
    project: (key: K, read: R) => V,
    cacheKeyFn: (key: K) => string,
    dispatched: (keys: readonly K[]) => ((loaded: (V | Error)[]) => void) | undefined,
  ): DataLoader<K, V, string> =>
    new DataLoader<K, V, string>(
      (keys) => {
        onBatch?.(keys.length);
        const answered = dispatched(keys);
        const loaded = Promise.all(
          keys.map((key) => read(key).then((r) => project(key, r), asError)),
        );
        return answered === undefined
          ? loaded
          : loaded.then((values) => {
              answered(values);
              return values;
            });
      },
      { cacheKeyFn },
    );

  /** Batches of streams and tags: the record notes a read besides images. */
  const readsOther = (): undefined => {
    if (record !== undefined) recordOtherRead(record);
    return undefined;
  };

  const identity = caller.kind === 'authenticated' ? caller.identity : undefined;
  const imageStreamImage = perKey(
    (ref: ImageStreamImageRef) => store.get(ref, scope),
    (ref, resource): LoadedImageStreamImage => {
      const origin: ImageOrigin = { namespace: ref.namespace, stream: ref.stream };
      const digest = resource.image.metadata.name;
      // Remembered for this caller only, as long as their own access is trusted.
      if (identity !== undefined && digest !== undefined) {
        navigation.cache.store(identity, 'seen', '', digest, origin);
      }
      return { resource, origin };
    },
    imageStreamImageKey,
    (keys) => {
      const batch = record === undefined ? undefined : recordImageBatch(record, keys);
      return batch === undefined
        ? undefined
        : (loaded) => {
            batch.loaded = loaded;
          };
    },
  );

  const imageStream = perKey(
    (ref: ImageStreamRef) => navigation.imageStream(ref, scope),
    (ref, resource): LoadedImageStream => ({ namespace: ref.namespace, resource }),
    imageStreamKey,
    readsOther,
  );

  const imageStreamTag = perKey(
    (ref: ImageStreamTagRef) => navigation.imageStreamTag(ref, scope),
    (ref, resource): LoadedImageStreamTag => ({ ...ref, resource }),
    imageStreamTagKey,
    readsOther,
  );

  const pages = new Map<string, Promise<ImageStreamListResource>>();
  const imageStreamPage = (query: ImageStreamListQuery): Promise<ImageStreamListResource> => {
    readsOther();
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
    imageStreamImage,
    imageStream,
    imageStreamTag,
    imageStreamPage,
    imageOrigin: (digest) => {
      readsOther();
      return identity === undefined
        ? undefined
        : navigation.cache.lookup<ImageOrigin>(identity, 'seen', '', digest);
    },
  };
}
