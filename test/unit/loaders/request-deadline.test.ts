import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequestDeadline } from '../../../src/loaders/request-deadline.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A promise and its resolver. */
function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createRequestDeadline', () => {
  it('adds one abort listener for any number of waiting loads, and none once they settle', async () => {
    const controller = new AbortController();
    const within = createRequestDeadline(Date.now() + 60_000, () => controller.signal);
    const flights = Array.from({ length: 20 }, () => pending<number>());
    const waits = flights.map((f) => within(f.promise));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    flights.forEach((f, i) => f.resolve(i));
    await expect(Promise.all(waits)).resolves.toEqual(flights.map((_f, i) => i));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends every waiting load with UPSTREAM_TIMEOUT when the client goes away, while the flights go on', async () => {
    const controller = new AbortController();
    const within = createRequestDeadline(Date.now() + 60_000, () => controller.signal);
    const flight = pending<string>();
    const waits = [within(flight.promise), within(flight.promise)];
    controller.abort();
    for (const wait of waits)
      await expect(wait).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    flight.resolve('late');
    await expect(flight.promise).resolves.toBe('late');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends waiting loads at the deadline with one timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const within = createRequestDeadline(Date.now() + 500, () => undefined);
    const waits = [within(pending().promise), within(pending().promise)];
    const settled = waits.map((w) => w.catch((error: unknown) => error));
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    for (const error of await Promise.all(settled)) {
      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    }
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses to wait once the deadline has passed', async () => {
    const within = createRequestDeadline(Date.now() - 1, () => undefined);
    await expect(within(Promise.resolve(1))).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});
