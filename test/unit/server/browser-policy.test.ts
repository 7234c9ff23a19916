import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config.js';
import { limitsGateway, type Body, type LimitsGateway } from '../../support/limits-gateway.js';

const QUERY = '{ imageStreamImage(namespace: "demo", name: "ubuntu@abc") { kind } }';
const URL_GET = `http://gateway/graphql?query=${encodeURIComponent(QUERY)}`;
const AUTH = { authorization: 'Bearer sha256~alice' };

async function send(gateway: LimitsGateway, url: string, init: RequestInit) {
  const response = await gateway.server.yoga.fetch(url, init);
  const text = await response.text();
  return { response, text };
}

describe('CSRF prevention', () => {
  it.each([
    ['a GET', { method: 'GET', headers: { origin: 'https://evil.example' } }, URL_GET],
    [
      'a form-encoded POST',
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        },
        body: `query=${encodeURIComponent(QUERY)}`,
      },
      'http://gateway/graphql',
    ],
    [
      'a GET with HTTP Basic credentials (a browser attaches those by itself)',
      {
        method: 'GET',
        headers: { authorization: 'Basic YWxpY2U6c2VjcmV0', origin: 'https://evil.example' },
      },
      URL_GET,
    ],
    [
      'a text/plain POST',
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: JSON.stringify({ query: QUERY }),
      },
      'http://gateway/graphql',
    ],
  ] as const)(
    'refuses %s without a bearer token with 403 BAD_REQUEST and no upstream GET',
    async (_name, init, url) => {
      const gateway = await limitsGateway();
      const { response, text } = await send(gateway, url, init);
      expect(response.status).toBe(403);
      const body = JSON.parse(text) as Body;
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
      expect(body.errors?.[0]?.message).toContain('x-graphql-csrf');
      expect(gateway.calls).toEqual([]);
    },
  );

  it("serves urql's and graphql-request's GET with Authorization: Bearer (never a simple request) and no CSRF header", async () => {
    const gateway = await limitsGateway();
    const { response, text } = await send(gateway, URL_GET, {
      method: 'GET',
      headers: { ...AUTH, origin: 'https://elsewhere.example' },
    });
    expect(response.status).toBe(200);
    expect((JSON.parse(text) as Body).data).toEqual({
      imageStreamImage: { kind: 'ImageStreamImage' },
    });
    expect(gateway.calls).toHaveLength(1);
  });

  it('serves a GET that carries x-graphql-csrf', async () => {
    const gateway = await limitsGateway();
    const { response, text } = await send(gateway, URL_GET, {
      method: 'GET',
      headers: { ...AUTH, 'x-graphql-csrf': '1' },
    });
    expect(response.status).toBe(200);
    expect((JSON.parse(text) as Body).data).toEqual({
      imageStreamImage: { kind: 'ImageStreamImage' },
    });
  });

  it('serves a GraphiQL-style JSON POST from another origin, and the GraphiQL page itself', async () => {
    const gateway = await limitsGateway();
    const { response, text } = await send(gateway, 'http://gateway/graphql', {
      method: 'POST',
      headers: {
        ...AUTH,
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json, multipart/mixed',
        origin: 'https://elsewhere.example',
      },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(200);
    expect((JSON.parse(text) as Body).errors).toBeUndefined();
    const page = await send(gateway, 'http://gateway/graphql', {
      method: 'GET',
      headers: { accept: 'text/html' },
    });
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('openshift-image-graphql');
  });
});

describe('CORS policy', () => {
  const preflight = (gateway: LimitsGateway, origin: string) =>
    gateway.server.yoga.fetch('http://gateway/graphql', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
  const post = (gateway: LimitsGateway, origin: string) =>
    gateway.server.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', origin },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('gives an allowed origin the CORS headers on preflight and on the response', async () => {
    const gateway = await limitsGateway({
      CORS_ORIGINS: 'https://app.example, https://other.example',
    });
    const pre = await preflight(gateway, 'https://app.example');
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    const res = await post(gateway, 'https://app.example');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives any other origin no allow-origin header', async () => {
    const gateway = await limitsGateway({ CORS_ORIGINS: 'https://app.example' });
    for (const response of [
      await preflight(gateway, 'https://evil.example'),
      await post(gateway, 'https://evil.example'),
    ]) {
      const allowed = response.headers.get('access-control-allow-origin');
      expect(allowed === null || allowed === 'null').toBe(true);
    }
  });

  it("marks every answer as varying by Origin, so a shared cache never hands one origin's CORS headers to another", async () => {
    const gateway = await limitsGateway({ CORS_ORIGINS: 'https://app.example' });
    for (const origin of ['https://app.example', 'https://evil.example']) {
      const vary = (await post(gateway, origin)).headers.get('vary') ?? '';
      expect(vary.split(',').map((v) => v.trim().toLowerCase())).toContain('origin');
    }
  });

  it('echoes any origin, without credentials, when CORS_ORIGINS is *', async () => {
    const gateway = await limitsGateway({ CORS_ORIGINS: '*' });
    const response = await post(gateway, 'https://any.example');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://any.example');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('is same-origin only when CORS_ORIGINS is empty', async () => {
    const gateway = await limitsGateway();
    const response = await post(gateway, 'https://app.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('NODE_ENV', () => {
  const saved = process.env['NODE_ENV'];
  afterEach(() => {
    if (saved === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = saved;
  });

  it('does not change the configuration', () => {
    const plain = loadConfig({});
    for (const value of ['production', 'development', 'test']) {
      expect(loadConfig({ NODE_ENV: value })).toEqual(plain);
    }
  });

  it('keeps introspection, GraphiQL and error masking as configured in production', async () => {
    process.env['NODE_ENV'] = 'production';
    const gateway = await limitsGateway({ NODE_ENV: 'production' });
    const introspection = await gateway.query('{ __schema { queryType { name } } }');
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const page = await gateway.server.yoga.fetch('http://gateway/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const limited = await limitsGateway({ NODE_ENV: 'production', MAX_QUERY_DEPTH: '1' });
    const { body } = await limited.query(QUERY);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('never unmasks unexpected errors in development', async () => {
    process.env['NODE_ENV'] = 'development';
    const gateway = await limitsGateway();
    // A document yoga cannot even route: its error must stay coded, with no stack or internals.
    const { body } = await gateway.post({ query: 42 });
    expect(body.errors?.[0]?.extensions?.['code']).toBeDefined();
    expect(JSON.stringify(body)).not.toMatch(/stack|originalError|at \w+ \(/);
  });
});
