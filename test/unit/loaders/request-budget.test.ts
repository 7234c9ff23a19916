/**
 * The request budget's UPSTREAM_MAX_CONCURRENCY queue: at most that many reads at once, the
 * others started in the order they were scheduled, and a slot freed whether a read succeeds or
 * fails.
 */
import { describe, expect, it } from 'vitest';
import { createRequestBudget } from '../../../src/loaders/request-budget.js';

/** A read that ends when the test says so. */
function deferred(): {
  promise: Promise<string>;
  resolve: (v: string) => void;
  reject: (e: Error) => void;
} {
  let resolve!: (v: string) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('createRequestBudget: the concurrency bound', () => {
  it('runs at most maxConcurrency reads at once, starts the rest in order, and frees a slot on failure too', async () => {
    const budget = createRequestBudget({
      maxConcurrency: 2,
      maxUpstreamCalls: 10,
      deadline: Date.now() + 60_000,
    });
    const reads = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const results = reads.map((read, i) =>
      budget
        .schedule('caller', async () => {
          started.push(i);
          running += 1;
          most = Math.max(most, running);
          try {
            return await read.promise;
          } finally {
            running -= 1;
          }
        })
        .catch((error: Error) => `failed: ${error.message}`),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    reads[1]!.reject(new Error('reset'));
    await flush();
    expect(started).toEqual([0, 1, 2]);
    reads[0]!.resolve('a');
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    reads[2]!.resolve('c');
    reads[3]!.resolve('d');
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    reads[4]!.resolve('e');
    expect(await Promise.all(results)).toEqual(['a', 'failed: reset', 'c', 'd', 'e']);
    expect(most).toBe(2);
    expect(budget.spent()).toBe(5);
    // Every slot is free again: two more reads start at once.
    const more = [deferred(), deferred()];
    const order: number[] = [];
    const next = more.map((read, i) =>
      budget.schedule('caller', () => {
        order.push(i);
        return read.promise;
      }),
    );
    await flush();
    expect(order).toEqual([0, 1]);
    more.forEach((read) => read.resolve('ok'));
    await Promise.all(next);
  });

  it('refuses a read past MAX_UPSTREAM_CALLS_PER_REQUEST without running it, and keeps its slot free', async () => {
    const budget = createRequestBudget({
      maxConcurrency: 1,
      maxUpstreamCalls: 1,
      deadline: Date.now() + 60_000,
    });
    let runs = 0;
    const task = () => {
      runs += 1;
      return Promise.resolve('ok');
    };
    await expect(budget.schedule('caller', task)).resolves.toBe('ok');
    await expect(budget.schedule('caller', task)).rejects.toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
    });
    await expect(budget.schedule('caller', task)).rejects.toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
    });
    expect(runs).toBe(1);
  });
});
