import DataLoader from 'dataloader';
import { GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamImageRef } from '../model/refs.js';
import type { ImageStore, RequestScope } from './image-store.js';
import { imageStreamImageKey } from './keys.js';
import { createRequestDeadline } from './request-deadline.js';
import type { LoadedImageStreamImage, Loaders } from './types.js';

/** Options of {@link createLoaders}: one request's caller, deadline, counters and bounds. */
export interface CreateLoadersOptions extends Omit<
  RequestScope,
  'schedule' | 'spendUpstreamCall' | 'within'
> {
  readonly store: ImageStore;
  /** The request's signal (its client going away); read only when a load waits on another's GET. */
  readonly signal?: () => AbortSignal | undefined;
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
  const { store, maxConcurrency, maxUpstreamCalls, onBatch, signal, ...rest } = options;
  let spent = 0;
  let within: RequestScope['within'] | undefined;
  // An inline semaphore (UPSTREAM_MAX_CONCURRENCY): two numbers per request, and a waiter only
  // for a GET beyond the bound. A freed slot is handed straight to the next waiter.
  let active = 0;
  const waiters: (() => void)[] = [];
  const run = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await task();
    } finally {
      const next = waiters.shift();
      if (next === undefined) active -= 1;
      else next();
    }
  };
  const scope: RequestScope = {
    ...rest,
    within: (promise) =>
      (within ??= createRequestDeadline(rest.deadline, signal ?? (() => undefined)))(promise),
    schedule: (task) => {
      if (active < maxConcurrency) {
        active += 1;
        return run(task);
      }
      return new Promise<void>((resolve) => waiters.push(resolve)).then(() => run(task));
    },
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

  const loadBatch = (
    refs: readonly ImageStreamImageRef[],
  ): Promise<(LoadedImageStreamImage | Error)[]> => {
    onBatch?.(refs.length);
    return Promise.all(
      refs.map((ref) =>
        store.get(ref, scope).then(
          (resource): LoadedImageStreamImage => ({
            resource,
            origin: { namespace: ref.namespace, stream: ref.stream },
          }),
          // One failed key is an Error in its own slot: its siblings still resolve.
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      ),
    );
  };

  return {
    imageStreamImage: new DataLoader(loadBatch, { cacheKeyFn: imageStreamImageKey }),
  };
}
