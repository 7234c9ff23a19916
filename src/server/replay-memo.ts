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
import DataLoader from 'dataloader';
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import { imageStreamImageKey } from '../loaders/keys.js';
import type { LoadedImageStreamImage, Loaders } from '../loaders/types.js';
import type { ImageStreamImageRef } from '../model/refs.js';
import type { ImageStreamImageResource } from '../model/resources.js';

/** One recorded execution. */
interface Replay {
  /** The keys of each `imageStreamImage` batch, in the order the run made them. */
  readonly batches: readonly (readonly ImageStreamImageRef[])[];
  /** What each key of each batch gave (the store's object). */
  readonly resources: readonly (readonly ImageStreamImageResource[])[];
  /** The execution's result, before `extensions.stats` and masking; frozen. */
  readonly result: ExecutionResult;
  /** Its JSON length (the LRU's measure). */
  readonly size: number;
}

/** A key whose last execution used other loaders: it is executed without recording. */
const NOT_REPLAYABLE = 'not replayable';

type Entry = Replay | typeof NOT_REPLAYABLE;

/** One execution's loaders, recording what it loads. */
export interface Recording {
  /** The loaders to execute with. */
  readonly loaders: Loaders;
  /**
   * Remembers the execution if it can be replayed (only images loaded, no error; `result` as it
   * came from the executor), and marks its key not replayable if it used other loaders.
   */
  keep(result: ExecutionResult): void;
}

/** The replay memo of one gateway. */
export interface ReplayMemo {
  /**
   * The recorded result of `key` if this request's `loaders` give again what they gave, else
   * undefined: then execute with {@link record}'s loaders (the loads made here are cached in
   * `loaders`).
   */
  replay(key: string, loaders: Loaders): Promise<ExecutionResult | undefined>;
  /**
   * Loaders that record the execution for {@link Recording.keep}, or undefined when `key` is
   * known not to be replayable (execute with `loaders` themselves).
   */
  record(key: string, loaders: Loaders): Recording | undefined;
}

/** Options of {@link createReplayMemo}. */
export interface ReplayMemoOptions {
  /** Bound of the results held, in JSON characters (REPLAY_MEMO_MAX_BYTES); at least 1. */
  readonly maxBytes: number;
}

/** What a key costs in the LRU besides its result: its batches' keys, roughly. */
const ENTRY_OVERHEAD = 256;

export function createReplayMemo(options: ReplayMemoOptions): ReplayMemo {
  const memo = new LRUCache<string, Entry>({
    maxSize: options.maxBytes,
    sizeCalculation: (entry) => (entry === NOT_REPLAYABLE ? ENTRY_OVERHEAD : entry.size),
  });

  return {
    async replay(key, loaders) {
      const entry = memo.get(key);
      if (entry === undefined || entry === NOT_REPLAYABLE) return undefined;
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
    record(key, loaders) {
      if (memo.get(key) === NOT_REPLAYABLE) return undefined;
      /** Each batch's keys, in the order the execution dispatched them, and what they gave. */
      const batches: ImageStreamImageRef[][] = [];
      const outcomes: (LoadedImageStreamImage | Error)[][] = [];
      let other = false;
      const images = loaders.imageStreamImage;
      // The same batching as the request's loader (same scheduling, same key function): each
      // batch is handed to it whole, so it makes the batch the execution would have made.
      const imageStreamImage = new DataLoader<ImageStreamImageRef, LoadedImageStreamImage, string>(
        async (keys) => {
          const index = batches.push([...keys]) - 1;
          const loaded = await images.loadMany(keys);
          outcomes[index] = loaded;
          return loaded;
        },
        { cacheKeyFn: imageStreamImageKey },
      );
      const recording: Loaders = {
        imageStreamImage,
        get imageStream() {
          other = true;
          return loaders.imageStream;
        },
        get imageStreamTag() {
          other = true;
          return loaders.imageStreamTag;
        },
        imageStreamPage(query) {
          other = true;
          return loaders.imageStreamPage(query);
        },
        imageOrigin(digest) {
          other = true;
          return loaders.imageOrigin(digest);
        },
      };
      return {
        loaders: recording,
        keep(result) {
          if (other) {
            memo.set(key, NOT_REPLAYABLE);
            return;
          }
          if (result.errors !== undefined) return;
          const resources: ImageStreamImageResource[][] = [];
          for (let i = 0; i < batches.length; i += 1) {
            const loaded = outcomes[i];
            // A batch still in flight when the result was made: nothing to check it against.
            if (loaded === undefined) return;
            const batch: ImageStreamImageResource[] = [];
            for (const value of loaded) {
              if (value instanceof Error) return;
              batch.push(value.resource);
            }
            resources.push(batch);
          }
          memo.set(key, {
            batches,
            resources,
            result: Object.freeze(result),
            size: JSON.stringify(result).length + ENTRY_OVERHEAD,
          });
        },
      };
    },
  };
}
