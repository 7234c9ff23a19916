/**
 * The replay memo of the direct execution (issue #11): the result of a query that read nothing
 * but images, kept with the loads it made, and answered again for the same caller, document and
 * variables after those very loads were made again and gave the very same objects.
 *
 * Why it is exact: a resolver reads only its arguments, its parent and the per-request loaders
 * (src/resolvers/context.ts), so a document's result is a function of its variables and of what
 * its loads gave. A recorded execution used `imageStreamImage` and nothing else of the loaders
 * (no stream, tag, page or `imageOrigin`), and had no error. A replay makes its loads again
 * through this request's own `imageStreamImage` loader, one DataLoader batch per batch of the
 * recorded run, with the same keys and in the same order: every access check, cache counter,
 * upstream GET, `seen` record and batch-size metric happens as the execution would have made it.
 * The image store hands out one frozen object per caller's access record and image content
 * (src/loaders/image-cache.ts), so an identical object means the same answer; a new object (the
 * image's mutable part re-read, the access record renewed, the Redis tier's copy) or an error is
 * a mismatch. At the first batch that mismatches the replay stops, and the document is executed:
 * the loads already made are in this request's DataLoader cache, so nothing is read twice and no
 * batch is counted twice (the keys of a batch follow from what the batches before it gave, which
 * were identical).
 *
 * The key is the admitted document, the caller's credential identity (a SHA-256 of the token,
 * src/upstream/credential-identity.ts) and the variables' JSON: a caller only ever gets back a
 * result recorded for that caller, and only after their own loads were checked again. Bounded by
 * REPLAY_MEMO_MAX_BYTES, measured on the result's JSON (least recently used first out).
 */
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RequestStats } from '../loaders/image-store.js';
import type { LoadRecord } from '../loaders/load-record.js';
import type { Loaders } from '../loaders/types.js';
import type { ImageStreamImageRef } from '../model/refs.js';
import type { ImageStreamImageResource } from '../model/resources.js';

/** One recorded execution. */
interface Replay {
  /** The keys of each `imageStreamImage` batch, in the order the run dispatched them. */
  readonly batches: readonly (readonly ImageStreamImageRef[])[];
  /** What each key of each batch gave (the store's object). */
  readonly resources: readonly (readonly ImageStreamImageResource[])[];
  /** The execution's result, before `extensions.stats` and masking; frozen. */
  readonly result: ExecutionResult;
  /** Its JSON length (the LRU's measure). */
  readonly size: number;
}

/** The replay memo of one gateway. */
export interface ReplayMemo {
  /**
   * The recorded result of `key` if this request's `loaders` give again what they gave, else
   * undefined: then execute (the loads made here are cached in `loaders`, and recorded).
   */
  replay(key: string, loaders: Loaders): Promise<ExecutionResult | undefined>;
  /**
   * Remembers an execution under `key` if it can be replayed: only images read (`loads`, the
   * request's record, complete and every batch answered), none by a GET made or joined (`stats`:
   * the store then hands out the object it decoded, and the process tier's own from the next hit
   * on, which a replay would never match), and no error (`result` as the executor gave it).
   */
  keep(key: string, loads: LoadRecord, stats: RequestStats, result: ExecutionResult): void;
}

/** Options of {@link createReplayMemo}. */
export interface ReplayMemoOptions {
  /** Bound of the results held, in JSON characters (REPLAY_MEMO_MAX_BYTES); at least 1. */
  readonly maxBytes: number;
}

/** What a key costs in the LRU besides its result: its batches' keys, roughly. */
const ENTRY_OVERHEAD = 256;

export function createReplayMemo(options: ReplayMemoOptions): ReplayMemo {
  const memo = new LRUCache<string, Replay>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => entry.size,
  });

  return {
    async replay(key, loaders) {
      const entry = memo.get(key);
      if (entry === undefined) return undefined;
      for (let i = 0; i < entry.batches.length; i += 1) {
        const loaded = await loaders.imageStreamImage.loadMany(entry.batches[i]!);
        const expected = entry.resources[i]!;
        for (let j = 0; j < loaded.length; j += 1) {
          const value = loaded[j]!;
          if (value instanceof Error || value.resource !== expected[j]) {
            memo.delete(key);
            return undefined;
          }
        }
      }
      return entry.result;
    },
    keep(key, loads, stats, result) {
      if (loads.incomplete || result.errors !== undefined) return;
      if (stats.upstreamRequests > 0 || stats.sharedInFlight > 0) return;
      const batches: (readonly ImageStreamImageRef[])[] = [];
      const resources: ImageStreamImageResource[][] = [];
      for (const batch of loads.imageBatches) {
        // A batch still in flight when the result was made: nothing to check it against.
        if (batch.loaded === undefined) return;
        const images: ImageStreamImageResource[] = [];
        for (const value of batch.loaded) {
          if (value instanceof Error) return;
          images.push(value.resource);
        }
        batches.push(batch.keys);
        resources.push(images);
      }
      memo.set(key, {
        batches,
        resources,
        result: Object.freeze(result),
        size: JSON.stringify(result).length + ENTRY_OVERHEAD,
      });
    },
  };
}
