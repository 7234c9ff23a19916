/**
 * The gateway's observability through yoga.fetch (no sockets): operations reach the metrics with
 * their outcome and batch sizes; error codes are read by shape; upstream events are logged without
 * secrets; the OTLP traces URL follows the OTLP spec.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { errorCodesOf, logUpstreamEvent } from '../../../src/server/access-log.js';
import { createLogger } from '../../../src/server/logger.js';
import { METRICS_PREFIX as P } from '../../../src/server/metrics.js';
import { tracesUrl } from '../../../src/server/tracing.js';
import { digestOf } from '../../support/factories.js';
import { createClientGateway, imageClient } from '../../support/fake-gateway.js';

const digest = digestOf('observability');

const gateway = (env: Record<string, string> = {}) =>
  createClientGateway(imageClient(digest), { env });

describe('gateway observability without sockets', () => {
  it('records operations with their outcome and DataLoader batch sizes', async () => {
    const server = await gateway({ CACHE_ACCESS_TTL_SECONDS: '0' });
    const ask = (query: string) =>
      server.yoga.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sha256~alice' },
        body: JSON.stringify({ query }),
      });
    await (
      await ask(
        `query Two { imageStreamImages(namespace: "demo", names: ["a@${digest}", "b@${digest}"]) { image { digest } } }`,
      )
    ).text();
    await (
      await ask(
        'query Bad { imageStreamImage(namespace: "demo", name: "no-at") { image { digest } } }',
      )
    ).text();
    const text = await server.metrics!.registry.metrics();
    expect(text).toContain(
      `${P}graphql_operations_total{operation_name="Two",operation_type="query",outcome="ok"} 1`,
    );
    expect(text).toContain(
      `${P}graphql_operations_total{operation_name="Bad",operation_type="query",outcome="BAD_USER_INPUT"} 1`,
    );
    expect(text).toContain(`${P}dataloader_batch_size_bucket{le="2"} 1`);
    expect(text).toContain(`${P}dataloader_batch_size_count 1`);
  });

  it('creates no metrics when METRICS_ENABLED=false', async () => {
    expect((await gateway({ METRICS_ENABLED: 'false' })).metrics).toBeUndefined();
  });
});

describe('errorCodesOf', () => {
  it('reads codes by shape, keeps each once, and maps unknown codes to UNKNOWN', () => {
    expect(
      errorCodesOf({
        errors: [
          { extensions: { code: 'NOT_FOUND' } },
          { extensions: { code: 'NOT_FOUND' } },
          { extensions: { code: 'sha256~token-looking-code' } },
          {},
        ],
      }),
    ).toEqual(['NOT_FOUND', 'UNKNOWN']);
    expect(errorCodesOf({ data: {} })).toEqual([]);
  });
});

describe('logUpstreamEvent', () => {
  it('logs retries and circuit changes at warn, and never the attempts', () => {
    const chunks: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk: Buffer, _e, done) {
          chunks.push(chunk.toString());
          done();
        },
      }),
    );
    const log = logUpstreamEvent(logger);
    log({ type: 'attempt', retry: 0 });
    log({
      type: 'response',
      resource: 'imagestreamimages',
      namespace: 'demo',
      retry: 0,
      status: 200,
      failure: undefined,
      durationMs: 3,
    });
    log({ type: 'retry', delayMs: 100, code: 'UPSTREAM_UNAVAILABLE' });
    log({ type: 'circuit', state: 'open' });
    const lines = chunks.map((c) => JSON.parse(c) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'upstream retry'],
      [40, 'upstream circuit changed'],
    ]);
  });
});

describe('tracesUrl', () => {
  it('appends /v1/traces to an OTLP base endpoint once', () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/v1/traces')).toBe('http://collector:4318/v1/traces');
  });
});
