import DataLoader from 'dataloader';
import type { ImageStreamImageRef } from '../model/refs.js';
import type { ImageStore, RequestScope } from './image-store.js';
import { imageStreamImageKey } from './keys.js';
import { createRequestBudget, type RequestBudget } from './request-budget.js';
import type { LoadedImageStreamImage, Loaders } from './types.js';

/** Options of {@link createLoaders}: one request's caller, deadline, counters and bounds. */
export interface CreateLoadersOptions extends Omit<RequestScope, 'schedule' | 'spendUpstreamCall'> {
  readonly store: ImageStore;
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
}

/**
 * Creates the loaders of one request. DataLoader collects every `load` made while the current
 * execution pass runs (its batch is dispatched after the pending promise jobs), so siblings such
 * as the children of a manifest list or the names of `imageStreamImages` arrive as one batch;
 * duplicate keys in one request are one load.
 */
export function createLoaders(options: CreateLoadersOptions): Loaders {
  const { store, maxConcurrency, maxUpstreamCalls, onBatch, budget: shared, ...rest } = options;
  const budget =
    shared ?? createRequestBudget({ maxConcurrency, maxUpstreamCalls, deadline: rest.deadline });
  const identity = rest.caller.kind === 'authenticated' ? rest.caller.identity : '';
  const scope: RequestScope = {
    ...rest,
    // Checks only (a rejected credential, a spent budget): the unit is spent when the read starts.
    spendUpstreamCall: () => budget.check(identity),
    schedule: (task) => budget.schedule(identity, task),
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
