/**
 * Metrics of the two cache tiers, per tier (`tier="process"` for the in-process LRU, `tier="redis"`
 * for the shared one): hits, misses, errors, latency, bytes and values rejected. Registered on the
 * gateway's own registry; counters follow the tiers' monotonic totals at scrape time.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ImageCache } from '../loaders/image-cache.js';
import type { SharedTierObserver } from '../loaders/shared-tier.js';
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
  following(
    registry,
    'cache_tier_errors_total',
    'Shared cache commands that failed or timed out (each answered as a miss).',
    ['tier'],
    () => {
      const l2 = cache.sharedStats();
      return l2 === undefined ? [] : [{ labels: { tier: 'redis' }, total: l2.errors }];
    },
  );
  following(
    registry,
    'cache_tier_skipped_total',
    'Shared cache commands not sent because its breaker was open.',
    ['tier'],
    () => {
      const l2 = cache.sharedStats();
      return l2 === undefined ? [] : [{ labels: { tier: 'redis' }, total: l2.skipped }];
    },
  );
  following(
    registry,
    'cache_tier_bytes_total',
    'Bytes read from and written to the shared cache.',
    ['tier', 'direction'],
    () => {
      const l2 = cache.sharedStats();
      return l2 === undefined
        ? []
        : [
            { labels: { tier: 'redis', direction: 'read' }, total: l2.bytesRead },
            { labels: { tier: 'redis', direction: 'written' }, total: l2.bytesWritten },
          ];
    },
  );
  following(
    registry,
    'cache_tier_rejected_total',
    'Shared cache values refused: invalid (failed authentication or validation, then deleted) or too large to write.',
    ['tier', 'reason'],
    () => {
      const l2 = cache.sharedStats();
      return l2 === undefined
        ? []
        : [
            { labels: { tier: 'redis', reason: 'invalid' }, total: l2.rejectedInvalid },
            { labels: { tier: 'redis', reason: 'too_large' }, total: l2.rejectedTooLarge },
          ];
    },
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
