import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import type { ImageStreamResource } from '../../../src/model/image-stream.js';
import { startWatchSession } from '../../../src/loaders/watch-session.js';
import type { ImageStreamWatchEvent, ImageStreamWatcher } from '../../../src/upstream/watch.js';
import { buildStream } from '../../support/watch-factories.js';

/** A watcher that plays one script entry per watch call: an error, or events then the end. */
function scriptedWatcher(script: (ImageStreamWatchEvent[] | Error)[]) {
  const calls: (string | undefined)[] = [];
  const watcher: ImageStreamWatcher = {
    watch(request) {
      calls.push(request.resourceVersion);
      const next = script.shift();
      if (next === undefined) return new Promise(() => {});
      if (next instanceof Error) return Promise.reject(next);
      return Promise.resolve(
        (async function* () {
          for (const event of next) yield await Promise.resolve(event);
        })(),
      );
    },
    close: () => Promise.resolve(),
  };
  return { watcher, calls };
}

const unavailable = (): GatewayError => new GatewayError('UPSTREAM_UNAVAILABLE', 'down');

describe('watch session', () => {
  it('backs off 0.8 s doubling to 30 s on failures, with jitter around each step', async () => {
    const failures = Array.from({ length: 8 }, unavailable);
    const { watcher } = scriptedWatcher(failures);
    const delays: number[] = [];
    let stop: () => void = () => {};
    const done = new Promise<void>((resolve) => (stop = resolve));
    const session = startWatchSession(
      watcher,
      {
        credential: () => ({ token: 't' }),
        refused: () => {},
        publish: () => {},
        get: () => Promise.resolve(null),
      },
      {
        namespace: 'ns',
        name: 's',
        initial: buildStream({ rv: 1, tags: { latest: ['a'] } }),
        random: () => 0.5,
        sleep: (ms) => {
          delays.push(ms);
          if (delays.length === 8) stop();
          return Promise.resolve();
        },
      },
    );
    await done;
    await session.stop();
    expect(delays).toEqual([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  });

  it('re-gets on 410 and watches from the fresh version; resumes from bookmarks and events after a cut', async () => {
    const state = (rv: number, tags: Record<string, string[]>): ImageStreamResource =>
      buildStream({ rv, tags });
    const { watcher, calls } = scriptedWatcher([
      [
        { type: 'MODIFIED', object: state(5, { latest: ['b', 'a'] }) },
        { type: 'BOOKMARK', resourceVersion: '7' },
      ],
      unavailable(),
      [{ type: 'ERROR', code: 410, reason: 'Expired' }],
      [{ type: 'DELETED', object: state(12, { latest: ['c', 'b', 'a'] }) }],
    ]);
    const published: (string | null)[] = [];
    let gets = 0;
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const session = startWatchSession(
      watcher,
      {
        credential: () => ({ token: 't' }),
        refused: () => {},
        publish: (s) => {
          published.push(s?.metadata.resourceVersion ?? null);
          if (s === null) finish();
        },
        get: () => {
          gets += 1;
          return Promise.resolve(state(10, { latest: ['c', 'b', 'a'] }));
        },
      },
      {
        namespace: 'ns',
        name: 's',
        initial: state(1, { latest: ['a'] }),
        sleep: () => Promise.resolve(),
        healthyAfterMs: 0,
      },
    );
    await finished;
    await session.stop();
    // From the initial version, then the bookmark's after the stream ended, again after the
    // failure, then the re-get's after the 410 (never the expired one).
    expect(calls).toEqual(['1', '7', '7', '10']);
    expect(gets).toBe(1);
    expect(published).toEqual(['5', '10', null]);
  });
});
