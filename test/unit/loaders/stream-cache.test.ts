/** The per-caller stream cache: never shared between callers, never older than its TTL. */
import { describe, expect, it } from 'vitest';
import { createStreamCache } from '../../../src/loaders/stream-cache.js';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createStreamCache', () => {
  it('answers only the caller who stored an entry', () => {
    const cache = createStreamCache({ maxBytes: 1_000_000, ttlMs: 30_000 });
    cache.store('alice', 'stream', 'demo', 'app', { v: 1 });
    expect(cache.lookup('alice', 'stream', 'demo', 'app')).toEqual({ v: 1 });
    expect(cache.lookup('bob', 'stream', 'demo', 'app')).toBeUndefined();
    expect(cache.lookup('alice', 'istag', 'demo', 'app')).toBeUndefined();
    expect(cache.lookup('alice', 'stream', 'other', 'app')).toBeUndefined();
  });

  it('forgets an entry once its TTL has passed', () => {
    const time = clock();
    const cache = createStreamCache({ maxBytes: 1_000_000, ttlMs: 30_000, clock: time });
    cache.store('alice', 'stream', 'demo', 'app', { v: 1 });
    time.advance(29_999);
    expect(cache.lookup('alice', 'stream', 'demo', 'app')).toEqual({ v: 1 });
    time.advance(2);
    expect(cache.lookup('alice', 'stream', 'demo', 'app')).toBeUndefined();
  });

  it('restarts the TTL of an entry stored again, with the same value or a new one', () => {
    const time = clock();
    const cache = createStreamCache({ maxBytes: 1_000_000, ttlMs: 30_000, clock: time });
    cache.store('alice', 'seen', '', 'sha256:a', { namespace: 'demo', stream: 'app' });
    time.advance(20_000);
    cache.store('alice', 'seen', '', 'sha256:a', { namespace: 'demo', stream: 'app' });
    time.advance(20_000);
    expect(cache.lookup('alice', 'seen', '', 'sha256:a')).toEqual({
      namespace: 'demo',
      stream: 'app',
    });
    cache.store('alice', 'seen', '', 'sha256:a', { namespace: 'demo', stream: 'web' });
    time.advance(29_999);
    expect(cache.lookup('alice', 'seen', '', 'sha256:a')).toEqual({
      namespace: 'demo',
      stream: 'web',
    });
    time.advance(2);
    expect(cache.lookup('alice', 'seen', '', 'sha256:a')).toBeUndefined();
  });

  it('stores nothing with a TTL of 0, and hands out copies that a resolver cannot mutate', () => {
    const off = createStreamCache({ maxBytes: 1_000_000, ttlMs: 0 });
    off.store('alice', 'stream', 'demo', 'app', { v: 1 });
    expect(off.lookup('alice', 'stream', 'demo', 'app')).toBeUndefined();

    const cache = createStreamCache({ maxBytes: 1_000_000, ttlMs: 30_000 });
    cache.store('alice', 'stream', 'demo', 'app', { v: 1 });
    const first = cache.lookup<{ v: number }>('alice', 'stream', 'demo', 'app')!;
    first.v = 2;
    expect(cache.lookup('alice', 'stream', 'demo', 'app')).toEqual({ v: 1 });
  });

  it('stays within its byte bound', () => {
    const cache = createStreamCache({ maxBytes: 10_000, ttlMs: 30_000 });
    for (let i = 0; i < 100; i += 1) {
      cache.store('alice', 'stream', 'demo', `s${i}`, { pad: 'x'.repeat(500) });
    }
    expect(cache.stats().bytes).toBeLessThanOrEqual(10_000);
    expect(cache.lookup('alice', 'stream', 'demo', 's99')).toBeDefined();
    expect(cache.lookup('alice', 'stream', 'demo', 's0')).toBeUndefined();
  });
});
