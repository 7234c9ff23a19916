/**
 * Issue #6 (1): Prometheus metrics at /metrics count what known queries did, with bounded labels.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { METRICS_PREFIX as P } from '../../../src/server/metrics.js';
import {
  parseExposition,
  startObservedStack,
  valueOf,
  type ObservedStack,
} from '../../support/observed-stack.js';

const { demo } = DEMO.namespaces;
const LIST_QUERY = `query ManifestList {
  imageStreamImage(namespace: "${demo}", name: "ubuntu@${DEMO.digests.manifestList}") {
    image { dockerImageManifests { digest image { digest } } }
  }
}`;
const isiPath = (name: string) =>
  `/apis/image.openshift.io/v1/namespaces/${demo}/imagestreamimages/${name}`;

let stack: ObservedStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('/metrics', () => {
  it('counts a manifest list query with 2 children: 1 ok operation, 3 upstream 200s, a batch of 2, 3 cache misses', async () => {
    stack = await startObservedStack();
    const before = parseExposition(await stack.scrape());
    expect(valueOf(before, `${P}graphql_operations_total`)).toBe(0);

    const result = await stack.query(LIST_QUERY);
    expect(result.errors).toBeUndefined();
    const after = parseExposition(await stack.scrape());

    const op = { operation_name: 'ManifestList', operation_type: 'query', outcome: 'ok' };
    expect(valueOf(after, `${P}graphql_operations_total`, op)).toBe(1);
    expect(valueOf(after, `${P}graphql_operation_duration_seconds_count`, op)).toBe(1);
    const upstream = { resource: 'imagestreamimages', status: '200' };
    expect(valueOf(after, `${P}upstream_requests_total`, upstream)).toBe(3);
    expect(valueOf(after, `${P}upstream_request_duration_seconds_count`, upstream)).toBe(3);
    // Two batches: the list alone, then its two children together.
    expect(valueOf(after, `${P}dataloader_batch_size_count`)).toBe(2);
    expect(valueOf(after, `${P}dataloader_batch_size_sum`)).toBe(3);
    expect(valueOf(after, `${P}dataloader_batch_size_bucket`, { le: '1' })).toBe(1);
    expect(valueOf(after, `${P}dataloader_batch_size_bucket`, { le: '2' })).toBe(2);
    expect(valueOf(after, `${P}cache_misses_total`)).toBe(3);
    expect(valueOf(after, `${P}cache_hits_total`)).toBe(0);
    expect(valueOf(after, `${P}cache_entries`, { kind: 'content' })).toBe(3);
    expect(valueOf(after, `${P}cache_entries`, { kind: 'access' })).toBe(3);
    expect(valueOf(after, `${P}cache_bytes`)).toBeGreaterThan(0);
    expect(valueOf(after, `${P}http_requests_total`, { route: '/graphql', status: '200' })).toBe(1);
  });

  it('counts a warm repeat as 3 cache hits and no new upstream GET', async () => {
    stack = await startObservedStack();
    await stack.query(LIST_QUERY);
    await stack.query(LIST_QUERY);
    const samples = parseExposition(await stack.scrape());
    const op = { operation_name: 'ManifestList', outcome: 'ok' };
    expect(valueOf(samples, `${P}graphql_operations_total`, op)).toBe(2);
    expect(valueOf(samples, `${P}upstream_requests_total`, { status: '200' })).toBe(3);
    expect(valueOf(samples, `${P}cache_hits_total`)).toBe(3);
    expect(valueOf(samples, `${P}cache_misses_total`)).toBe(3);
  });

  it('labels a failed operation with its error code and the upstream GET with its status', async () => {
    stack = await startObservedStack();
    const result = await stack.query(
      `query Missing { imageStreamImage(namespace: "${demo}", name: "nosuch@${DEMO.digests.python}") { image { digest } } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const samples = parseExposition(await stack.scrape());
    expect(
      valueOf(samples, `${P}graphql_operations_total`, {
        operation_name: 'Missing',
        outcome: 'NOT_FOUND',
      }),
    ).toBe(1);
    expect(valueOf(samples, `${P}graphql_errors_total`, { code: 'NOT_FOUND' })).toBe(1);
    expect(valueOf(samples, `${P}upstream_requests_total`, { status: '404' })).toBe(1);
    expect(valueOf(samples, `${P}upstream_requests_total`, { status: '200' })).toBe(0);
  });

  it('counts validation failures without admitting their operation name as a label', async () => {
    stack = await startObservedStack();
    const result = await stack.query('query Unvalidated { noSuchField }');
    const code = result.errors?.[0]?.extensions?.code;
    expect(code).toBe('GRAPHQL_VALIDATION_FAILED');
    const text = await stack.scrape();
    expect(text).not.toContain('Unvalidated');
    expect(
      valueOf(parseExposition(text), `${P}graphql_operations_total`, {
        operation_name: '(other)',
        outcome: 'GRAPHQL_VALIDATION_FAILED',
      }),
    ).toBe(1);
  });

  it('counts a retried connection reset as two attempts (transport, 200), one retry, and the operation as ok', async () => {
    stack = await startObservedStack({ env: { UPSTREAM_RETRIES: '2' } });
    const name = `python@${DEMO.digests.python}`;
    stack.simulator.injectFault({ path: isiPath(name), fault: { kind: 'reset' } });
    const result = await stack.query(
      `{ imageStreamImage(namespace: "${demo}", name: "${name}") { image { digest } } }`,
    );
    expect(result.errors).toBeUndefined();
    const samples = parseExposition(await stack.scrape());
    expect(valueOf(samples, `${P}upstream_requests_total`, { status: 'transport' })).toBe(1);
    expect(valueOf(samples, `${P}upstream_requests_total`, { status: '200' })).toBe(1);
    expect(valueOf(samples, `${P}upstream_retries_total`, { code: 'UPSTREAM_UNAVAILABLE' })).toBe(
      1,
    );
    expect(
      valueOf(samples, `${P}graphql_operations_total`, {
        operation_name: '(anonymous)',
        outcome: 'ok',
      }),
    ).toBe(1);
  });

  it('reports the circuit open (2) and counts calls it refuses', async () => {
    stack = await startObservedStack({
      env: {
        UPSTREAM_RETRIES: '0',
        CIRCUIT_FAILURE_THRESHOLD: '1',
        CIRCUIT_HALF_OPEN_AFTER_MS: '60000',
      },
    });
    const name = `python@${DEMO.digests.python}`;
    stack.simulator.injectFault({
      path: isiPath(name),
      times: Infinity,
      fault: { kind: 'service-unavailable' },
    });
    const query = `{ imageStreamImage(namespace: "${demo}", name: "${name}") { image { digest } } }`;
    expect(parseExposition(await stack.scrape())).toContainEqual(
      expect.objectContaining({ name: `${P}upstream_circuit_state`, value: 0 }),
    );
    expect((await stack.query(query)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect((await stack.query(query)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    const samples = parseExposition(await stack.scrape());
    expect(valueOf(samples, `${P}upstream_circuit_state`)).toBe(2);
    expect(valueOf(samples, `${P}upstream_rejected_by_circuit_total`)).toBe(1);
    expect(valueOf(samples, `${P}upstream_requests_total`, { status: '503' })).toBe(1);
  });

  it('never uses a namespace, an image name, a digest or a token as a label value', async () => {
    stack = await startObservedStack();
    await stack.query(LIST_QUERY);
    await stack.query(
      `{ imageStreamImage(namespace: "${demo}", name: "nosuch@${DEMO.digests.python}") { image { digest } } }`,
    );
    const text = await stack.scrape();
    const labelValues = parseExposition(text).flatMap((s) => Object.values(s.labels));
    expect(labelValues.length).toBeGreaterThan(0);
    for (const secretOrUnbounded of [
      demo,
      'ubuntu',
      'nosuch',
      DEMO.digests.manifestList,
      DEMO.digests.python.slice(7, 19),
      stack.simulator.token('developer'),
    ]) {
      expect(labelValues).not.toContain(secretOrUnbounded);
      expect(text).not.toContain(secretOrUnbounded);
    }
  });

  it('serves no /metrics route when METRICS_ENABLED=false', async () => {
    stack = await startObservedStack({ env: { METRICS_ENABLED: 'false' } });
    const response = await fetch(`${stack.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(P);
    expect(stack.gateway.metrics).toBeUndefined();
  });
});
