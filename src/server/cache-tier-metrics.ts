/**
 * Metrics of the two cache tiers, per tier (`tier="process"` for the in-process LRU, `tier="redis"`
 * for the shared one): hits, misses, errors, latency, bytes and values rejected. Registered on the
 * gateway's own registry; counters follow the tiers' monotonic totals at scrape time.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ImageCache } from '../loaders/image-cache.js';
import type { SharedTierObserver, SharedTierStats } from '../loaders/shared-tier.js';
import { METRICS_PREFIX } from './metrics.js';

/** A counter with labels whose values are read from totals at scrape time. */
function following(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[],
  read: () => { labels: Record<string, string>; total: number }[],
): void {
  const seen = new Map<string, number>();
  new Counter({
    name: `${METRICS_PREFIX}${name}`,
    help,
    labelNames,
    registers: [registry],
    collect() {
      for (const { labels, total } of read()) {
        const key = JSON.stringify(labels);
        const before = seen.get(key) ?? 0;
        if (total > before) this.inc(labels, total - before);
        seen.set(key, total);
      }
    },
  });
}

/** The latency histogram the shared tier feeds as it works. */
export function createSharedTierObserver(registry: Registry): SharedTierObserver {
  const latency = new Histogram({
    name: `${METRICS_PREFIX}cache_tier_latency_seconds`,
    help: 'Latency of shared cache (Redis) commands, by operation.',
    labelNames: ['tier', 'operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5],
    registers: [registry],
  });
  return {
    latency: (operation, seconds) => latency.observe({ tier: 'redis', operation }, seconds),
  };
}

/** Registers the per-tier counters of `cache` on `registry`. */
export function observeCacheTiers(registry: Registry, cache: ImageCache): void {
  const tiers = () => {
    const l1 = cache.stats();
    const l2 = cache.sharedStats();
    return { l1, l2 };
  };
  following(
    registry,
    'cache_tier_hits_total',
    'Cache answers by the tier that held them.',
    ['tier'],
    () => {
      const { l1, l2 } = tiers();
      const shared = l1.sharedHits ?? 0;
      return [
        { labels: { tier: 'process' }, total: l1.hits - shared },
        ...(l2 === undefined ? [] : [{ labels: { tier: 'redis' }, total: l2.hits }]),
      ];
    },
  );
  following(
    registry,
    'cache_tier_misses_total',
    'Cache lookups a tier could not answer.',
    ['tier'],
    () => {
      const { l1, l2 } = tiers();
      return [
        { labels: { tier: 'process' }, total: l1.misses + (l1.sharedHits ?? 0) },
        ...(l2 === undefined ? [] : [{ labels: { tier: 'redis' }, total: l2.misses }]),
      ];
    },
  );
  /**
   * A counter of the shared tier only (no series at all without one): `read` gives its total, or
   * its totals by the value of the label `by`.
   */
  const redis = (
    name: string,
    help: string,
    read: (l2: SharedTierStats) => number | Record<string, number>,
    by?: string,
  ): void =>
    following(registry, name, help, by === undefined ? ['tier'] : ['tier', by], () => {
      const l2 = cache.sharedStats();
      if (l2 === undefined) return [];
      const totals = read(l2);
      if (typeof totals === 'number') return [{ labels: { tier: 'redis' }, total: totals }];
      return Object.entries(totals).map(([value, total]) => ({
        labels: by === undefined ? { tier: 'redis' } : { tier: 'redis', [by]: value },
        total,
      }));
    });
  redis(
    'cache_tier_errors_total',
    'Shared cache commands that failed or timed out (each answered as a miss).',
    (l2) => l2.errors,
  );
  redis(
    'cache_tier_skipped_total',
    'Shared cache commands not sent because its breaker was open.',
    (l2) => l2.skipped,
  );
  redis(
    'cache_tier_bytes_total',
    'Bytes read from and written to the shared cache.',
    (l2) => ({ read: l2.bytesRead, written: l2.bytesWritten }),
    'direction',
  );
  redis(
    'cache_tier_rejected_total',
    'Shared cache values refused: invalid (failed authentication or validation, then deleted) or too large to write.',
    (l2) => ({ invalid: l2.rejectedInvalid, too_large: l2.rejectedTooLarge }),
    'reason',
  );
  new Gauge({
    name: `${METRICS_PREFIX}cache_tier_breaker_open`,
    help: '1 while the shared cache breaker is open (Redis unavailable: serving from the process and the API server).',
    labelNames: ['tier'],
    registers: [registry],
    collect() {
      const l2 = cache.sharedStats();
      if (l2 !== undefined) this.set({ tier: 'redis' }, l2.breakerOpen ? 1 : 0);
    },
  });
}
