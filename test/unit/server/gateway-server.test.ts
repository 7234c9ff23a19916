import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { buildImageStreamImage, digestOf } from '../../support/factories.js';
import { createFakeGateway } from '../../support/fake-gateway.js';

const digest = digestOf('server-test');

async function gateway(
  env: Record<string, string> = {},
  behaviour: 'ok' | 'not-found' | 'crash' = 'ok',
) {
  const fake = await createFakeGateway((ref) => {
    if (behaviour === 'not-found') {
      return Promise.reject(
        new GatewayError(
          'NOT_FOUND',
          `Image stream "${ref.stream}" not found in namespace "${ref.namespace}"`,
          {
            details: { httpStatus: 404, resource: 'imagestreams' },
          },
        ),
      );
    }
    if (behaviour === 'crash') return Promise.reject(new Error('secret upstream body sha256~leak'));
    return Promise.resolve(
      buildImageStreamImage({ digest, namespace: ref.namespace, stream: ref.stream, id: ref.id }),
    );
  }, env);
  const query = (
    q: string,
    headers: Record<string, string> = { authorization: 'Bearer sha256~alice' },
  ) => fake.post({ query: q }, headers);
  return {
    server: fake.server,
    query,
    calls: () => fake.calls.map((call) => call.token),
    logs: fake.logs,
  };
}

const ONE = `{ imageStreamImage(namespace: "demo", name: "ubuntu@${digest}") { metadata { name } image { digest } } }`;

describe('gateway server', () => {
  it('forwards the caller’s bearer token upstream in pass-through mode', async () => {
    const { query, calls } = await gateway();
    const { body } = await query(ONE);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      imageStreamImage: { metadata: { name: `ubuntu@${digest}` }, image: { digest } },
    });
    expect(calls()).toEqual(['sha256~alice']);
  });

  it('answers UNAUTHENTICATED without a token in pass-through mode, with no upstream call', async () => {
    const { query, calls } = await gateway();
    const { body } = await query(ONE, {});
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(calls()).toEqual([]);
  });

  it("uses the gateway's own credential for every caller when AUTH_MODE=service", async () => {
    const { query, calls } = await gateway({ AUTH_MODE: 'service' });
    await query(ONE, {});
    await query(
      `{ imageStreamImage(namespace: "demo", name: "other@${digest}") { image { digest } } }`,
    );
    expect(calls()).toEqual(['sha256~service', 'sha256~service']);
  });

  it('maps a GatewayError to its code and safe details at the field path', async () => {
    const { query } = await gateway({}, 'not-found');
    const { body } = await query(ONE);
    expect(body.data).toEqual({ imageStreamImage: null });
    expect(body.errors).toEqual([
      {
        message: 'Image stream "ubuntu" not found in namespace "demo"',
        locations: [{ line: 1, column: 3 }],
        path: ['imageStreamImage'],
        extensions: { code: 'NOT_FOUND', httpStatus: 404, resource: 'imagestreams' },
      },
    ]);
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR and never returns its text', async () => {
    const { query, logs } = await gateway({}, 'crash');
    const { body } = await query(ONE);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toContain('leak');
    expect(logs.lines().some((line) => line.includes('unexpected error'))).toBe(true);
  });

  it('reports upstream requests and cache hits in extensions.stats when asked by header', async () => {
    const { query } = await gateway();
    const headers = { authorization: 'Bearer sha256~alice', 'x-gateway-stats': '1' };
    const cold = await query(ONE, headers);
    const warm = await query(ONE, headers);
    expect(cold.body.extensions?.['stats']).toMatchObject({ upstreamRequests: 1, cacheHits: 0 });
    expect(warm.body.extensions?.['stats']).toMatchObject({ upstreamRequests: 0, cacheHits: 1 });
    const silent = await query(ONE);
    expect(silent.body.extensions).toBeUndefined();
  });

  it('returns the caller’s valid x-request-id and invents one otherwise', async () => {
    const { query } = await gateway();
    const sent = await query(ONE, { authorization: 'Bearer t', 'x-request-id': 'abc-123' });
    expect(sent.response.headers.get('x-request-id')).toBe('abc-123');
    const invented = await query(ONE, { authorization: 'Bearer t', 'x-request-id': 'bad id\n' });
    expect(invented.response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses introspection only when INTROSPECTION_ENABLED=false', async () => {
    const on = await (await gateway()).query('{ __schema { queryType { name } } }');
    expect(on.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const off = await (
      await gateway({ INTROSPECTION_ENABLED: 'false' })
    ).query('{ __schema { queryType { name } } }');
    expect(off.body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a malformed name with BAD_USER_INPUT and no upstream call', async () => {
    const { query, calls } = await gateway();
    const { body } = await query(
      '{ imageStreamImage(namespace: "demo", name: "a@b@c") { image { digest } } }',
    );
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(calls()).toEqual([]);
  });
});
