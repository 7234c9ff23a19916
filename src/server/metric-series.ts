/**
 * The metrics updated on every request or upstream attempt (issue #11): counters and histograms
 * in prom-client's registry and exposition format, without prom-client's work per update.
 *
 * prom-client's `inc` and `observe` take a label object and, on every call, validate its names,
 * build a hash string, look the series up by it, and key the bucket by the bound turned into a
 * string. On a cached query the gateway's five updates per request cost 0.89x its CPU when left
 * out (bench/README.md, eleventh pass). Here the label names are fixed when the metric is made:
 * an update passes the values alone, in that order, a series is found by them in nested Maps and
 * its bucket by index, and its totals are plain numbers. The metric registers itself in the
 * prom-client registry and answers `get()` (and, a histogram, `getForPromString()`) in the shapes
 * prom-client's own Counter and Histogram give, series in the order first updated, so /metrics,
 * `getMetricsAsJSON()` and `resetMetrics()` read as before; test/unit/server/metric-series.test.ts
 * compares both with stock prom-client metrics fed the same updates.
 */
import type { Registry } from 'prom-client';

/** What a metric needs: its full name, help and label names (fixed). */
export interface SeriesConfiguration {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly string[];
}

/** A counter updated by label values, in the order of its `labelNames`. */
export interface SeriesCounter {
  inc(labelValues: readonly string[], by?: number): void;
}

/** A histogram updated by label values, in the order of its `labelNames`. */
export interface SeriesHistogram {
  observe(labelValues: readonly string[], value: number): void;
}

/** Series of one metric, found by their label values. */
class SeriesIndex<S extends { readonly labels: Record<string, string> }> {
  /** Every series, in the order first updated (prom-client's export order). */
  readonly all: S[] = [];
  private root = new Map<string, unknown>();
  constructor(
    private readonly labelNames: readonly string[],
    private readonly create: (labels: Record<string, string>) => S,
  ) {
    if (labelNames.length === 0) this.all.push(create({}));
  }

  find(values: readonly string[]): S {
    const { labelNames } = this;
    if (labelNames.length === 0) return this.all[0]!;
    if (values.length !== labelNames.length) {
      throw new Error(
        `expected ${labelNames.length} label values (${labelNames.join(', ')}), but got ${values.length}`,
      );
    }
    let node = this.root;
    const last = labelNames.length - 1;
    for (let i = 0; i < last; i++) {
      const value = values[i]!;
      let next = node.get(value) as Map<string, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(value, next);
      }
      node = next;
    }
    let series = node.get(values[last]!) as S | undefined;
    if (series === undefined) {
      const labels: Record<string, string> = {};
      for (let i = 0; i < labelNames.length; i++) labels[labelNames[i]!] = values[i]!;
      series = this.create(labels);
      node.set(values[last]!, series);
      this.all.push(series);
    }
    return series;
  }

  reset(): void {
    this.root = new Map();
    this.all.length = 0;
    if (this.labelNames.length === 0) this.all.push(this.create({}));
  }
}

/** What `get()` answers, as prom-client's metrics do. */
interface ExportedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly values: readonly object[];
  readonly aggregator: 'sum';
}

/** The parts of a metric the registry reads. */
interface RegisteredMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator: 'sum';
  get(): Promise<ExportedMetric>;
  getForPromString?(): Promise<ExportedMetric>;
  reset(): void;
}

function register(registry: Registry, metric: RegisteredMetric): void {
  // The registry takes any object with a name, get() and reset(), as its own metrics are.
  registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
}

/** A counter in `registry` (see the top of this file). */
export function createSeriesCounter(
  registry: Registry,
  config: SeriesConfiguration,
): SeriesCounter {
  const index = new SeriesIndex(config.labelNames ?? [], (labels) => ({ value: 0, labels }));
  register(registry, {
    name: config.name,
    help: config.help,
    type: 'counter',
    aggregator: 'sum',
    get: () =>
      Promise.resolve({
        help: config.help,
        name: config.name,
        type: 'counter',
        values: index.all.map(({ value, labels }) => ({ value, labels })),
        aggregator: 'sum',
      }),
    reset: () => index.reset(),
  });
  return {
    inc(labelValues, by = 1) {
      if (!(Number.isFinite(by) && by >= 0)) {
        throw new Error(`a counter only goes up by a finite number, but got: ${by}`);
      }
      index.find(labelValues).value += by;
    },
  };
}

interface HistogramSeries {
  readonly labels: Record<string, string>;
  /** Observations per bucket (not cumulative), by the index of its upper bound. */
  readonly counts: number[];
  sum: number;
  count: number;
}

/** The export entry of one line, as prom-client's Histogram makes it. */
interface HistogramLine {
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string>;
  value: number;
  metricName: string;
  exemplar: null | undefined;
}

/** A histogram in `registry` with these bucket upper bounds (ascending). */
export function createSeriesHistogram(
  registry: Registry,
  config: SeriesConfiguration & { readonly buckets: readonly number[] },
): SeriesHistogram {
  const bounds = [...config.buckets];
  for (let i = 1; i < bounds.length; i++) {
    if (!(bounds[i]! > bounds[i - 1]!)) throw new Error('histogram buckets must ascend');
  }
  const index = new SeriesIndex<HistogramSeries>(config.labelNames ?? [], (labels) => ({
    labels,
    counts: bounds.map(() => 0),
    sum: 0,
    count: 0,
  }));
  const bucketName = `${config.name}_bucket`;
  /** prom-client's getForPromString: the series' labels as `sharedLabels` of each line. */
  const lines = (): HistogramLine[] => {
    const out: HistogramLine[] = [];
    for (const series of index.all) {
      const shared = series.labels;
      let cumulative = 0;
      for (let i = 0; i < bounds.length; i++) {
        cumulative += series.counts[i]!;
        out.push({
          labels: { le: bounds[i]! },
          sharedLabels: shared,
          value: cumulative,
          metricName: bucketName,
          exemplar: null,
        });
      }
      out.push(
        {
          labels: { le: '+Inf' },
          sharedLabels: shared,
          value: series.count,
          metricName: bucketName,
          exemplar: null,
        },
        {
          labels: {},
          sharedLabels: shared,
          value: series.sum,
          metricName: `${config.name}_sum`,
          exemplar: undefined,
        },
        {
          labels: {},
          sharedLabels: shared,
          value: series.count,
          metricName: `${config.name}_count`,
          exemplar: undefined,
        },
      );
    }
    return out;
  };
  const metric: RegisteredMetric = {
    name: config.name,
    help: config.help,
    type: 'histogram',
    aggregator: 'sum',
    getForPromString: () =>
      Promise.resolve({
        name: config.name,
        help: config.help,
        type: 'histogram',
        values: lines(),
        aggregator: 'sum',
      }),
    /** prom-client's get: each line's labels with the series' merged in. */
    get: () =>
      Promise.resolve({
        name: config.name,
        help: config.help,
        type: 'histogram',
        values: lines().map(({ sharedLabels, labels, ...line }) => ({
          ...line,
          labels: { ...labels, ...sharedLabels },
        })),
        aggregator: 'sum',
      }),
    reset: () => index.reset(),
  };
  register(registry, metric);
  return {
    observe(labelValues, value) {
      if (!Number.isFinite(value)) {
        throw new TypeError(`a histogram observes finite numbers, but got: ${value}`);
      }
      const series = index.find(labelValues);
      series.sum += value;
      series.count += 1;
      for (let i = 0; i < bounds.length; i++) {
        if (value <= bounds[i]!) {
          series.counts[i]! += 1;
          return;
        }
      }
    },
  };
}
