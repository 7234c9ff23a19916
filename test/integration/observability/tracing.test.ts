/**
 * Issue #6 (3): OpenTelemetry spans per GraphQL operation and per upstream GET, with Kubernetes
 * attributes, exported over OTLP/HTTP; nothing installed without an endpoint.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { DEMO } from '../../../src/simulator/index.js';
import { tracingFromConfig } from '../../../src/server/tracing.js';
import { testConfig } from '../../support/config.js';
import { startObservedStack, type ObservedStack } from '../../support/observed-stack.js';

const { demo } = DEMO.namespaces;
const d = DEMO.digests;
const LIST_QUERY = `query ManifestList {
  imageStreamImage(namespace: "${demo}", name: "ubuntu@${d.manifestList}") {
    image { dockerImageManifests { image { digest } } }
  }
}`;
const pythonQuery = (name = 'Python') =>
  `query ${name} { imageStreamImage(namespace: "${demo}", name: "python@${d.python}") { image { digest } } }`;

let stack: ObservedStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const serverSpans = (spans: ReadableSpan[]) => spans.filter((s) => s.kind === SpanKind.SERVER);
const clientSpans = (spans: ReadableSpan[]) => spans.filter((s) => s.kind === SpanKind.CLIENT);
const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) =>
  clientSpans(spans).filter(
    (s) =>
      s.parentSpanContext?.spanId === parent.spanContext().spanId &&
      s.spanContext().traceId === parent.spanContext().traceId,
  );

describe('tracing', () => {
  it('records a span per operation and one child span per upstream GET with Kubernetes attributes', async () => {
    stack = await startObservedStack({ tracing: true });
    const result = await stack.query(LIST_QUERY);
    expect(result.errors).toBeUndefined();
    const spans = stack.spans.getFinishedSpans();

    const operations = serverSpans(spans);
    expect(operations).toHaveLength(1);
    const operation = operations[0]!;
    expect(operation.name).toBe('query ManifestList');
    expect(operation.attributes).toMatchObject({
      'graphql.operation.name': 'ManifestList',
      'graphql.operation.type': 'query',
      'gateway.request.id': result.headers.get('x-request-id'),
    });
    expect(operation.status.code).not.toBe(SpanStatusCode.ERROR);

    const gets = childrenOf(spans, operation);
    expect(clientSpans(spans)).toHaveLength(3);
    expect(gets).toHaveLength(3);
    for (const get of gets) {
      expect(get.name).toBe('GET imagestreamimages');
      expect(get.attributes).toEqual({
        'http.request.method': 'GET',
        'k8s.namespace.name': demo,
        'k8s.resource.name': 'imagestreamimages',
        'k8s.api.group': 'image.openshift.io',
        'http.response.status_code': 200,
        'http.request.resend_count': 0,
      });
      expect(get.status.code).not.toBe(SpanStatusCode.ERROR);
    }
  });

  it('records each attempt of a retried GET with its resend count and failure', async () => {
    stack = await startObservedStack({ tracing: true, env: { UPSTREAM_RETRIES: '2' } });
    stack.simulator.injectFault({
      path: `/apis/image.openshift.io/v1/namespaces/${demo}/imagestreamimages/python@${d.python}`,
      fault: { kind: 'reset' },
    });
    expect((await stack.query(pythonQuery())).errors).toBeUndefined();
    const spans = stack.spans.getFinishedSpans();
    const [first, second] = childrenOf(spans, serverSpans(spans)[0]!).sort(
      (a, b) =>
        Number(a.attributes['http.request.resend_count']) -
        Number(b.attributes['http.request.resend_count']),
    );
    expect(first?.attributes).toMatchObject({
      'http.request.resend_count': 0,
      'error.type': 'transport',
    });
    expect(first?.attributes).not.toHaveProperty('http.response.status_code');
    expect(first?.status.code).toBe(SpanStatusCode.ERROR);
    expect(second?.attributes).toMatchObject({
      'http.request.resend_count': 1,
      'http.response.status_code': 200,
    });
  });

  it('marks a failed operation and its 404 GET as errors with their codes', async () => {
    stack = await startObservedStack({ tracing: true });
    const result = await stack.query(
      `query Gone { imageStreamImage(namespace: "${demo}", name: "nosuch@${d.python}") { image { digest } } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const spans = stack.spans.getFinishedSpans();
    const operation = serverSpans(spans)[0]!;
    expect(operation.status.code).toBe(SpanStatusCode.ERROR);
    expect(operation.attributes).toMatchObject({
      'error.type': 'NOT_FOUND',
      'graphql.error.codes': ['NOT_FOUND'],
    });
    const [get] = childrenOf(spans, operation);
    expect(get?.attributes).toMatchObject({
      'http.response.status_code': 404,
      'error.type': '404',
    });
  });

  it('parents each GET to its own operation when operations run concurrently', async () => {
    stack = await startObservedStack({ tracing: true });
    const s = stack;
    await Promise.all([s.query(LIST_QUERY), s.query(pythonQuery()), s.query(LIST_QUERY)]);
    const spans = s.spans.getFinishedSpans();
    const operations = serverSpans(spans);
    expect(operations.map((o) => o.name).sort()).toEqual([
      'query ManifestList',
      'query ManifestList',
      'query Python',
    ]);
    // Every GET belongs to exactly one operation; the counts show which did the work.
    const perOperation = operations.map((o) => [o.name, childrenOf(spans, o).length] as const);
    expect(perOperation.filter(([name]) => name === 'query Python')).toEqual([['query Python', 1]]);
    const listGets = perOperation
      .filter(([name]) => name === 'query ManifestList')
      .reduce((sum, [, n]) => sum + n, 0);
    expect(listGets).toBe(3);
    expect(clientSpans(spans)).toHaveLength(4);
    expect(new Set(operations.map((o) => o.spanContext().traceId)).size).toBe(3);
  });

  it('exports the spans over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces', async () => {
    const bodies: { path: string | undefined; type: string | undefined; body: string }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        bodies.push({ path: req.url, type: req.headers['content-type'], body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    try {
      stack = await startObservedStack({ tracing: { endpoint } });
      expect((await stack.query(pythonQuery())).errors).toBeUndefined();
      await stack.tracing!.forceFlush();
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies[0]?.path).toBe('/v1/traces');
      expect(bodies[0]?.type).toContain('application/json');
      const text = bodies.map((b) => b.body).join('\n');
      expect(text).toContain('"query Python"');
      expect(text).toContain('"GET imagestreamimages"');
      expect(text).toContain('"k8s.namespace.name"');
      expect(text).toContain('"openshift-image-graphql"');
      expect(text).not.toContain(stack.simulator.token('developer'));
    } finally {
      await stack?.close();
      stack = undefined;
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('installs nothing without OTEL_EXPORTER_OTLP_ENDPOINT, and nothing global with it', async () => {
    expect(tracingFromConfig(testConfig())).toBeUndefined();
    const enabled = tracingFromConfig(
      testConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' }),
    );
    expect(enabled).toBeDefined();
    await enabled?.shutdown();

    stack = await startObservedStack({ tracing: true });
    await stack.query(pythonQuery());
    expect(stack.spans.getFinishedSpans().length).toBeGreaterThan(0);
    // The gateway's provider is its own: the global API still hands out non-recording spans.
    const global = trace.getTracer('probe').startSpan('probe');
    expect(global.isRecording()).toBe(false);
    global.end();
    await stack.close();

    stack = await startObservedStack();
    expect(stack.tracing).toBeUndefined();
    expect((await stack.query(pythonQuery())).errors).toBeUndefined();
    expect(stack.spans.getFinishedSpans()).toEqual([]);
  });
});
