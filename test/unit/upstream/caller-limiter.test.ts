import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCallerLimiter } from '../../../src/upstream/caller-limiter.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createCallerLimiter', () => {
  it('gives free slots synchronously and hands a released slot to the next waiter', async () => {
    const limiter = createCallerLimiter(1);
    const first = limiter.tryAcquire('alice');
    expect(first).toBeTypeOf('function');
    expect(limiter.tryAcquire('alice')).toBeUndefined();
    expect(limiter.tryAcquire('bob')).toBeTypeOf('function');
    const waiting = limiter.wait('alice', Date.now() + 60_000);
    first!();
    const second = await waiting;
    expect(second).toBeTypeOf('function');
    expect(limiter.inUse('alice')).toBe(1);
    (second as () => void)();
    expect(limiter.inUse('alice')).toBe(0);
  });

  it("answers 'timeout' at the deadline and 'aborted' when the signal aborts, leaving the queue", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const limiter = createCallerLimiter(1);
    const held = limiter.tryAcquire('alice')!;
    const timedOut = limiter.wait('alice', Date.now() + 100);
    const controller = new AbortController();
    const aborted = limiter.wait('alice', Date.now() + 10_000, controller.signal);
    controller.abort();
    await expect(aborted).resolves.toBe('aborted');
    await vi.advanceTimersByTimeAsync(100);
    await expect(timedOut).resolves.toBe('timeout');
    expect(vi.getTimerCount()).toBe(0);
    held();
    expect(limiter.inUse('alice')).toBe(0);
  });
});
