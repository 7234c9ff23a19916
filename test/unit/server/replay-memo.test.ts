/**
 * The replay memo's rules on its own (src/server/replay-memo.ts), over loaders whose answers the
 * test decides: what is kept, what is compared, and that a replay makes the recorded batches.
 */
import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from 'graphql';
import { imageStreamImageKey } from '../../../src/loaders/keys.js';
import type { LoadedImageStreamImage, Loaders } from '../../../src/loaders/types.js';
import type { ImageStreamImageRef } from '../../../src/model/refs.js';
import type { ImageStreamImageResource } from '../../../src/model/resources.js';
import { createReplayMemo } from '../../../src/server/replay-memo.js';

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
  const unused = () => {
    throw new Error('not used here');
  };
  const loaders = {
    imageStreamImage: new DataLoader<ImageStreamImageRef, LoadedImageStreamImage, string>(
      (keys) => {
        batches.push(keys.map((key) => key.id));
        return gate.then(() =>
          keys.map((key) => {
            const found = images.get(key.id);
            return found === undefined
              ? new Error(`no ${key.id}`)
              : { resource: found, origin: { namespace: key.namespace, stream: key.stream } };
          }),
        );
      },
      { cacheKeyFn: imageStreamImageKey },
    ),
    imageStream: {} as Loaders['imageStream'],
    imageStreamTag: {} as Loaders['imageStreamTag'],
    imageStreamPage: unused,
    imageOrigin: () => undefined,
  } satisfies Loaders;
  return { loaders, batches };
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

const IMAGES = () =>
  new Map(['list', 'a', 'b'].map((id) => [id, resource(id)] as [string, ImageStreamImageResource]));

describe('the replay memo', () => {
  it('replays a recording in its batches (the list, then both children) when they give the same objects', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    const first = loadersOver(images);
    const recording = memo.record('k', first.loaders)!;
    const result = await execute(recording.loaders);
    recording.keep(result);
    expect(first.batches).toEqual([['list'], ['a', 'b']]);

    const second = loadersOver(images);
    expect(await memo.replay('k', second.loaders)).toBe(result);
    expect(second.batches).toEqual([['list'], ['a', 'b']]);
  });

  it('stops at the first batch that gives another object, and forgets the recording', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    const recording = memo.record('k', loadersOver(images).loaders)!;
    recording.keep(await execute(recording.loaders));

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
    const withError = memo.record('k', loadersOver(images).loaders)!;
    await execute(withError.loaders);
    withError.keep({ data: null, errors: [] });
    expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();

    images.delete('b');
    const failed = memo.record('k', loadersOver(images).loaders)!;
    await execute(failed.loaders).catch(() => undefined);
    failed.keep({ data: { partial: true } });
    expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();
  });

  it('executes a key that read more than images without recording it again', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const { loaders } = loadersOver(IMAGES());
    const recording = memo.record('k', loaders)!;
    recording.loaders.imageOrigin('sha256:x');
    recording.keep({ data: { origin: null } });
    expect(memo.record('k', loaders)).toBeUndefined();
    expect(await memo.replay('k', loaders)).toBeUndefined();
    // Another key still records.
    expect(memo.record('other', loaders)).toBeDefined();
  });

  it('keeps nothing whose batch was still in flight when the result was made', async () => {
    const memo = createReplayMemo({ maxBytes: 1 << 20 });
    const images = IMAGES();
    let open = () => {};
    const slow = loadersOver(images, new Promise((resolve) => (open = resolve)));
    const recording = memo.record('k', slow.loaders)!;
    const pending = recording.loaders.imageStreamImage.load(ref('a'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.batches).toEqual([['a']]);
    recording.keep({ data: {} });
    open();
    await pending;
    expect(await memo.replay('k', loadersOver(images).loaders)).toBeUndefined();
  });
});
