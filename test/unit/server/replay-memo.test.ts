/**
 * The replay memo's rules on its own (src/server/replay-memo.ts), over loaders whose answers the
 * test decides and that record their batches as createLoaders does (its own test checks that):
 * what is kept, what is compared, and that a replay makes the recorded batches.
 */
import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { imageStreamImageKey } from '../../../src/loaders/keys.js';
import type { LoadedImageStreamImage, Loaders } from '../../../src/loaders/types.js';
import type { ImageStreamImageRef } from '../../../src/model/refs.js';
import type { ImageStreamImageResource } from '../../../src/model/resources.js';
import { createReplayMemo } from '../../../src/server/replay-memo.js';
import {
  createLoadRecord,
  recordImageBatch,
  recordOtherRead,
} from '../../../src/loaders/load-record.js';

const ref = (id: string): ImageStreamImageRef => ({ namespace: 'demo', stream: 'app', id });
const resource = (id: string) =>
  ({ image: { metadata: { name: id } } }) as ImageStreamImageResource;

/**
 * Loaders whose images are `images` (an Error for a missing id), recording each batch's ids;
 * each batch answers once `gate` has.
 */
function loadersOver(
  images: Map<string, ImageStreamImageResource>,
  gate: Promise<void> = Promise.resolve(),
) {
  const batches: string[][] = [];
  const record = createLoadRecord();
  const unused = () => {
    throw new Error('not used here');
  };
  const loaders = {
    imageStreamImage: new DataLoader<ImageStreamImageRef, LoadedImageStreamImage, string>(
      (keys) => {
        batches.push(keys.map((key) => key.id));
        const batch = recordImageBatch(record, keys);
        return gate
          .then(() =>
            keys.map((key) => {
              const found = images.get(key.id);
              return found === undefined
                ? new Error(`no ${key.id}`)
                : { resource: found, origin: { namespace: key.namespace, stream: key.stream } };
            }),
          )
          .then((loaded) => {
            if (batch !== undefined) batch.loaded = loaded;
            return loaded;
          });
      },
      { cacheKeyFn: imageStreamImageKey },
    ),
    imageStream: {} as Loaders['imageStream'],
    imageStreamTag: {} as Loaders['imageStreamTag'],
    imageStreamPage: unused,
    imageOrigin: () => {
      recordOtherRead(record);
      return undefined;
    },
  } satisfies Loaders;
  return { loaders, batches, record };
}

/** An "execution": a list, then its two children in one batch. */
async function execute(loaders: Loaders): Promise<ExecutionResult> {
  const list = await loaders.imageStreamImage.load(ref('list'));
  const children = await Promise.all([
    loaders.imageStreamImage.load(ref('a')),
    loaders.imageStreamImage.load(ref('b')),
  ]);
  return { data: { digests: [list, ...children].map((c) => c.resource.image.metadata.name) } };
}

/** A request's stats without a GET made or joined. */
const NO_GET = { upstreamRequests: 0, cacheHits: 3, sharedInFlight: 0 };

const IMAGES = () =>
  new Map(['list', 'a', 'b'].map((id) => [id, resource(id)] as [string, ImageStreamImageResource]));

/** Executes over fresh loaders of `images` and keeps the run under `key` with `stats`. */
async function recordRun(
  memo: ReturnType<typeof createReplayMemo>,
  images: Map<string, ImageStreamImageResource>,
  stats = NO_GET,
) {
  const run = loadersOver(images);
  const result = await execute(run.loaders);
  memo.keep('k', run.record, stats, result);
  return { ...run, result };
}

describe('the replay memo', () => {
  it('replays a recording in its batches (the list, then both children) when they give the same objects', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    const first = await recordRun(memo, images);
    expect(first.batches).toEqual([['list'], ['a', 'b']]);

    const second = loadersOver(images);
    expect(await memo.replay('k', second.loaders)).toBe(first.result);
    expect(second.batches).toEqual([['list'], ['a', 'b']]);
  });

  it('stops at the first batch that gives another object, and forgets the recording', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    await recordRun(memo, images);

    images.set('list', resource('list'));
    const changed = loadersOver(images);
    expect(await memo.replay('k', changed.loaders)).toBeUndefined();
    // Only the list was loaded: its children follow from what it gave.
    expect(changed.batches).toEqual([['list']]);
    expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();
  });

  it('keeps nothing of an execution with an error, or with a failed load', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    const run = loadersOver(images);
    await execute(run.loaders);
    memo.keep('k', run.record, NO_GET, { data: null, errors: [] });
    expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();

    images.delete('b');
    const failed = loadersOver(images);
    await execute(failed.loaders).catch(() => undefined);
    memo.keep('k', failed.record, NO_GET, { data: { partial: true } });
    expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();
  });

  it('keeps nothing of a run that read more than images', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const run = loadersOver(IMAGES());
    const result = await execute(run.loaders);
    run.loaders.imageOrigin();
    memo.keep('k', run.record, NO_GET, result);
    expect(await memo.replay('k', loadersOver(IMAGES()).loaders)).toBeUndefined();
  });

  it("keeps nothing of a run that made or joined a GET (its objects are not the cache's)", async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    for (const stats of [
      { upstreamRequests: 1, cacheHits: 2, sharedInFlight: 0 },
      { upstreamRequests: 0, cacheHits: 2, sharedInFlight: 1 },
    ]) {
      await recordRun(memo, images, stats);
      expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();
    }
  });

  it('keeps nothing whose batch was still in flight when the result was made', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    let open = () => {};
    const slow = loadersOver(images, new Promise((resolve) => (open = resolve)));
    const pending = slow.loaders.imageStreamImage.load(ref('a'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.batches).toEqual([['a']]);
    memo.keep('k', slow.record, NO_GET, { data: {} });
    open();
    await pending;
    expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();
  });
});
