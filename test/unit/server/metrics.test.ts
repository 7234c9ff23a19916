/**
 * Unit tests of the metrics: bounded labels, upstream event mapping, scrape-time sources, and one
 * registry per gateway.
 */
import { describe, expect, it } from 'vitest';
import { createGatewayMetrics, METRICS_PREFIX as P, routeOf } from '../../../src/server/metrics.js';
import type { OperationRecord } from '../../../src/server/access-log.js';
import type { ImageCacheStats } from '../../../src/loaders/image-cache.js';

const operation = (overrides: Partial<OperationRecord> = {}): OperationRecord => ({
  name: 'Op',
  type: 'query',
  validated: true,
  outcome: 'ok',
  errorCodes: [],
  upstreamRequests: 0,
  cacheHits: 0,
  durationSeconds: 0.01,
  ...overrides,
});

async function values(metrics: ReturnType<typeof createGatewayMetrics>, name: string) {
  const metric = metrics.registry.getSingleMetric(`${P}${name}`);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  return (await metric.get()).values;
}

describe('gateway metrics', () => {
  it('admits at most maxOperationNames distinct names; the rest count as (other)', async () => {
    const metrics = createGatewayMetrics({ maxOperationNames: 2 });
    for (const name of ['A', 'B', 'C', 'A', 'D']) metrics.recordOperation(operation({ name }));
    const byName: Record<string, number> = {};
    for (const v of await values(metrics, 'graphql_operations_total')) {
      byName[String(v.labels.operation_name)] = v.value;
    }
    expect(byName).toEqual({ A: 2, B: 1, '(other)': 2 });
  });

  it('labels anonymous operations, invalid names and unvalidated documents without their text', async () => {
    const metrics = createGatewayMetrics();
    metrics.recordOperation(operation({ name: undefined }));
    metrics.recordOperation(operation({ name: 'x'.repeat(101) }));
    metrics.recordOperation(
      operation({ name: 'NotValid', validated: false, outcome: 'GRAPHQL_VALIDATION_FAILED' }),
    );
    const labels = (await values(metrics, 'graphql_operations_total')).map(
      (v) => v.labels.operation_name,
    );
    expect(labels.sort()).toEqual(['(anonymous)', '(other)', '(other)'].sort());
  });

  it('counts each distinct error code of an operation once, and uses the first as the outcome', async () => {
    const metrics = createGatewayMetrics();
    metrics.recordOperation(
      operation({ outcome: 'FORBIDDEN', errorCodes: ['FORBIDDEN', 'NOT_FOUND'] }),
    );
    const errors = await values(metrics, 'graphql_errors_total');
    expect(errors.map((v) => [v.labels.code, v.value])).toEqual([
      ['FORBIDDEN', 1],
      ['NOT_FOUND', 1],
    ]);
    const [op] = await values(metrics, 'graphql_operations_total');
    expect(op?.labels.outcome).toBe('FORBIDDEN');
  });

  it('labels an upstream attempt with its status, or its failure kind when no usable answer came', async () => {
    const metrics = createGatewayMetrics();
    const response = {
      type: 'response',
      resource: 'imagestreamimages',
      namespace: 'secret-namespace',
      retry: 0,
      durationMs: 12,
    } as const;
    metrics.onUpstreamEvent({ ...response, status: 200, failure: undefined });
    metrics.onUpstreamEvent({ ...response, status: undefined, failure: 'timeout' });
    metrics.onUpstreamEvent({ ...response, status: 200, failure: 'bad-response' });
    metrics.onUpstreamEvent({ type: 'attempt', retry: 0 });
    const counted = (await values(metrics, 'upstream_requests_total')).map((v) => [
      v.labels.status,
      v.value,
    ]);
    expect(counted).toEqual([
      ['200', 1],
      ['timeout', 1],
      ['bad-response', 1],
    ]);
    expect(await metrics.registry.metrics()).not.toContain('secret-namespace');
  });

  it('follows the circuit from events, or from the client’s stats when observed', async () => {
    const metrics = createGatewayMetrics();
    expect((await values(metrics, 'upstream_circuit_state'))[0]?.value).toBe(0);
    metrics.onUpstreamEvent({ type: 'circuit', state: 'open' });
    expect((await values(metrics, 'upstream_circuit_state'))[0]?.value).toBe(2);
    metrics.observeUpstream(() => ({
      attempts: 0,
      retries: 0,
      serverFailures: 0,
      rejectedByCircuit: 0,
      circuit: 'half-open',
    }));
    expect((await values(metrics, 'upstream_circuit_state'))[0]?.value).toBe(1);
  });

  it('reads the cache at scrape time and counts hits as the difference since the last scrape', async () => {
    const metrics = createGatewayMetrics();
    let stats: ImageCacheStats = {
      hits: 5,
      misses: 2,
      evictions: 0,
      contentEntries: 1,
      accessEntries: 2,
      bytes: 1000,
    };
    metrics.observeCache(() => stats);
    const first = await metrics.registry.metrics();
    expect(first).toContain(`${P}cache_hits_total 5`);
    expect(first).toContain(`${P}cache_entries{kind="access"} 2`);
    stats = { ...stats, hits: 9, evictions: 1, bytes: 400 };
    const second = await metrics.registry.metrics();
    expect(second).toContain(`${P}cache_hits_total 9`);
    expect(second).toContain(`${P}cache_evictions_total 1`);
    expect(second).toContain(`${P}cache_bytes 400`);
  });

  it('keeps each gateway’s metrics in its own registry', async () => {
    const a = createGatewayMetrics();
    const b = createGatewayMetrics();
    a.onBatch(2);
    expect(await a.registry.metrics()).toContain(`${P}dataloader_batch_size_count 1`);
    expect(await b.registry.metrics()).toContain(`${P}dataloader_batch_size_count 0`);
  });

  it('adds prefixed process metrics only when asked', async () => {
    expect(await createGatewayMetrics().registry.metrics()).not.toContain('process_cpu');
    const withProcess = await createGatewayMetrics({ processMetrics: true }).registry.metrics();
    expect(withProcess).toContain(`${P}process_cpu_seconds_total`);
  });

  it('maps paths onto a fixed set of routes', () => {
    expect(routeOf('/graphql')).toBe('/graphql');
    expect(routeOf('/graphiql/assets/graphiql.css')).toBe('/graphiql/assets');
    expect(routeOf('/namespaces/demo/secret')).toBe('other');
  });
});
