/**
 * The per-request metric series (issue #11) read exactly as prom-client's own Counter and
 * Histogram fed the same updates: the exposition text, the JSON, and after a reset.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createSeriesCounter, createSeriesHistogram } from '../../../src/server/metric-series.js';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LABELS = ['operation_name', 'operation_type', 'outcome'] as const;

/** A deterministic sequence of updates: label values from small sets, values across the buckets. */
function updates(count: number): { values: string[]; value: number }[] {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const edges = [...BUCKETS, 0, 40, 1e-9];
  return Array.from({ length: count }, () => ({
    values: [
      pick(['One', 'Two', '(anonymous)']),
      pick(['query', 'mutation']),
      pick(['ok', 'NOT_FOUND']),
    ],
    // Exact bounds too: a value equal to a bound is in that bucket (le).
    value: next() < 0.3 ? pick(edges) : next() * 35,
  }));
}

/** Both registries, one stock and one with the series, fed `feed`. */
async function compare(
  make: (registry: Registry, stock: boolean) => (values: string[], value: number) => void,
  feed: { values: string[]; value: number }[],
): Promise<void> {
  const stock = new Registry();
  const ours = new Registry();
  const a = make(stock, true);
  const b = make(ours, false);
  for (const { values, value } of feed) {
    a(values, value);
    b(values, value);
  }
  expect(await ours.metrics()).toBe(await stock.metrics());
  expect(await ours.getMetricsAsJSON()).toEqual(await stock.getMetricsAsJSON());
}

const labelsOf = (values: string[]): Record<string, string> =>
  Object.fromEntries(LABELS.map((name, i) => [name, values[i]!]));

describe('metric series', () => {
  it('a histogram exports what prom-client exports for the same observations', async () => {
    await compare((registry, stock) => {
      const config = { name: 'op_seconds', help: 'Operation duration.', buckets: BUCKETS };
      if (stock) {
        const h = new Histogram({ ...config, labelNames: [...LABELS], registers: [registry] });
        return (values, value) => h.observe(labelsOf(values), value);
      }
      const h = createSeriesHistogram(registry, { ...config, labelNames: LABELS });
      return (values, value) => h.observe(values, value);
    }, updates(2_000));
  });

  it('a histogram without labels starts with its zero series, as prom-client does', async () => {
    await compare((registry, stock) => {
      const config = { name: 'batch_size', help: 'Keys per batch.', buckets: [1, 2, 5, 10] };
      if (stock) {
        const h = new Histogram({ ...config, registers: [registry] });
        return (_values, value) => h.observe(value);
      }
      const h = createSeriesHistogram(registry, config);
      return (_values, value) => h.observe([], value);
    }, []);
    await compare((registry, stock) => {
      const config = { name: 'batch_size', help: 'Keys per batch.', buckets: [1, 2, 5, 10] };
      if (stock) {
        const h = new Histogram({ ...config, registers: [registry] });
        return (_values, value) => h.observe(Math.round(value));
      }
      const h = createSeriesHistogram(registry, config);
      return (_values, value) => h.observe([], Math.round(value));
    }, updates(300));
  });

  it('a counter exports what prom-client exports for the same increments', async () => {
    await compare((registry, stock) => {
      const config = { name: 'ops_total', help: 'Operations.' };
      if (stock) {
        const c = new Counter({ ...config, labelNames: [...LABELS], registers: [registry] });
        return (values, value) =>
          value > 20 ? c.inc(labelsOf(values), 2) : c.inc(labelsOf(values));
      }
      const c = createSeriesCounter(registry, { ...config, labelNames: LABELS });
      return (values, value) => (value > 20 ? c.inc(values, 2) : c.inc(values));
    }, updates(1_000));
  });

  it('reads as prom-client after resetMetrics', async () => {
    const stock = new Registry();
    const ours = new Registry();
    const h1 = new Histogram({
      name: 'h',
      help: 'h',
      buckets: [1],
      labelNames: ['a'],
      registers: [stock],
    });
    const c1 = new Counter({ name: 'c', help: 'c', registers: [stock] });
    const h2 = createSeriesHistogram(ours, {
      name: 'h',
      help: 'h',
      buckets: [1],
      labelNames: ['a'],
    });
    const c2 = createSeriesCounter(ours, { name: 'c', help: 'c' });
    h1.observe({ a: 'x' }, 0.5);
    h2.observe(['x'], 0.5);
    c1.inc();
    c2.inc([]);
    stock.resetMetrics();
    ours.resetMetrics();
    expect(await ours.metrics()).toBe(await stock.metrics());
    h1.observe({ a: 'y' }, 3);
    h2.observe(['y'], 3);
    expect(await ours.metrics()).toBe(await stock.metrics());
  });

  it('refuses a wrong number of label values, a non-finite value and a negative increment', () => {
    const registry = new Registry();
    const h = createSeriesHistogram(registry, {
      name: 'h',
      help: 'h',
      buckets: [1],
      labelNames: ['a', 'b'],
    });
    const c = createSeriesCounter(registry, { name: 'c', help: 'c', labelNames: ['a'] });
    expect(() => h.observe(['x'], 1)).toThrow('expected 2 label values (a, b), but got 1');
    expect(() => h.observe(['x', 'y'], Number.NaN)).toThrow('finite numbers');
    expect(() => c.inc(['x'], -1)).toThrow('only goes up');
    expect(() =>
      createSeriesHistogram(registry, { name: 'd', help: 'd', buckets: [2, 1] }),
    ).toThrow('must ascend');
  });
});
