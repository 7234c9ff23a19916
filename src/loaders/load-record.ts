/**
 * What one request's loaders read, for the replay memo (src/server/replay-memo.ts): every
 * `imageStreamImage` batch in the order DataLoader dispatched it, with what each key gave, and
 * whether anything else was read. Kept by the loaders' own batch functions (./create-loaders.ts),
 * so recording costs no second loader and no extra tick.
 */
import type { ImageStreamImageRef } from '../model/refs.js';
import type { LoadedImageStreamImage } from './types.js';

/** One `imageStreamImage` batch: its keys, and what each gave once it answered. */
export interface ImageBatch {
  readonly keys: readonly ImageStreamImageRef[];
  loaded: readonly (LoadedImageStreamImage | Error)[] | undefined;
}

/** The record of one request's loaders. */
export interface LoadRecord {
  /** Every `imageStreamImage` batch, in dispatch order (none once incomplete). */
  readonly imageBatches: ImageBatch[];
  /** Keys in `imageBatches`. */
  keys: number;
  /**
   * Something besides images was read (a stream, a tag, a page, an image's origin), or the
   * images outgrew {@link LOAD_RECORD_MAX_KEYS}: such a record replays nothing.
   */
  incomplete: boolean;
}

/** Keys a record holds at most: beyond, it is incomplete and stops growing with the request. */
export const LOAD_RECORD_MAX_KEYS = 256;

/** An empty record. */
export function createLoadRecord(): LoadRecord {
  return { imageBatches: [], keys: 0, incomplete: false };
}

/** Records a dispatched batch of `keys`: its entry (fill `loaded` when it answers), or undefined. */
export function recordImageBatch(
  record: LoadRecord,
  keys: readonly ImageStreamImageRef[],
): ImageBatch | undefined {
  if (record.incomplete) return undefined;
  if (record.keys + keys.length > LOAD_RECORD_MAX_KEYS) {
    record.incomplete = true;
    record.imageBatches.length = 0;
    return undefined;
  }
  const batch: ImageBatch = { keys, loaded: undefined };
  record.imageBatches.push(batch);
  record.keys += keys.length;
  return batch;
}

/** Notes that something besides images was read. */
export function recordOtherRead(record: LoadRecord): void {
  record.incomplete = true;
  record.imageBatches.length = 0;
}
