import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRAPHIQL_QUERY,
  GRAPHIQL_ASSETS_PATH,
  graphiqlAssetResponse,
  renderGraphiQLPage,
} from '../../../src/server/graphiql.js';
import { createClientGateway, noUpstreamClient } from '../../support/fake-gateway.js';

const gateway = (env: Record<string, string> = {}) =>
  createClientGateway(noUpstreamClient, { env });

/** GraphiQL as a browser asks for it: GET /graphql accepting HTML. */
async function page(env: Record<string, string> = {}): Promise<Response> {
  return (await gateway(env)).yoga.fetch('http://gateway/graphql', {
    headers: { accept: 'text/html,application/xhtml+xml' },
  });
}

/** Every URL the page loads: src/href attributes and the Monaco worker URLs. */
function assetUrlsOf(html: string): string[] {
  const attributes = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1] ?? '');
  const workers = /const workerUrls = (\{[^}]*\});/.exec(html)?.[1];
  return [...attributes, ...Object.values(JSON.parse(workers ?? '{}') as Record<string, string>)];
}

/** The options object handed to `YogaGraphiQL.renderYogaGraphiQL`. */
function optionsOf(html: string): Record<string, unknown> {
  const json = /renderYogaGraphiQL\(document\.getElementById\('root'\), (\{.*\})\);/s.exec(
    html,
  )?.[1];
  return JSON.parse(json ?? 'null') as Record<string, unknown>;
}

describe('GraphiQL page', () => {
  it('loads every asset from the gateway itself: no http(s):// or protocol-relative URL at all', async () => {
    const response = await page();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const urls = assetUrlsOf(html);
    // favicon, css, js and the three Monaco workers
    expect(urls).toHaveLength(6);
    for (const url of urls) expect(url.startsWith(GRAPHIQL_ASSETS_PATH)).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/["'(=]\s*\/\//);
    expect(html).not.toContain('unpkg');
  });

  it('pre-fills the example query and a visible header editor with an Authorization header', async () => {
    const options = optionsOf(await (await page()).text());
    expect(options['defaultQuery']).toBe(DEFAULT_GRAPHIQL_QUERY);
    expect(JSON.parse(options['headers'] as string)).toEqual({ Authorization: 'Bearer ' });
    expect(options['defaultEditorToolsVisibility']).toBe('headers');
    expect(options['shouldPersistHeaders']).toBe(false);
  });

  it('serves every asset the page references, with its content type and immutable caching', async () => {
    const urls = assetUrlsOf(await (await page()).text());
    const types = await Promise.all(
      urls.map(async (path) => {
        const response = await graphiqlAssetResponse({ method: 'GET', path });
        expect(response.status).toBe(200);
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.body.length).toBeGreaterThan(1000);
        expect(response.headers['content-length']).toBe(String(response.body.length));
        return [path.replace(/\.[0-9a-f]{16}\./, '.*.'), response.headers['content-type']];
      }),
    );
    expect(Object.fromEntries(types)).toEqual({
      '/graphiql/assets/favicon.*.ico': 'image/x-icon',
      '/graphiql/assets/graphiql.*.css': 'text/css; charset=utf-8',
      '/graphiql/assets/yoga-graphiql.*.js': 'text/javascript; charset=utf-8',
      '/graphiql/assets/editor.worker.*.js': 'text/javascript; charset=utf-8',
      '/graphiql/assets/json.worker.*.js': 'text/javascript; charset=utf-8',
      '/graphiql/assets/graphql.worker.*.js': 'text/javascript; charset=utf-8',
    });
  });

  it('escapes the title and the options so they cannot end the inline script', async () => {
    const html = await renderGraphiQLPage({
      title: '</title><script>alert(1)</script>',
      defaultQuery: '# </script><script>alert(2)</script>\n{ __typename }',
    });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;');
    expect(optionsOf(html)['defaultQuery']).toBe(
      '# </script><script>alert(2)</script>\n{ __typename }',
    );
  });

  it('is not rendered, and its assets are not served, when GRAPHIQL_ENABLED=false', async () => {
    const response = await page({ GRAPHIQL_ENABLED: 'false' });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    const server = await gateway({ GRAPHIQL_ENABLED: 'false' });
    const url = await server.listen(0, '127.0.0.1');
    try {
      const js = assetUrlsOf(await (await page()).text()).find((u) => u.endsWith('.js'));
      expect((await fetch(`${url}${js ?? ''}`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('GraphiQL assets', () => {
  const jsPath = async () =>
    assetUrlsOf(await renderGraphiQLPage({})).find((u) => u.includes('/yoga-graphiql.')) ?? '';

  it('answers an unknown asset with 404 and other methods than GET/HEAD with 405', async () => {
    expect(
      (await graphiqlAssetResponse({ method: 'GET', path: '/graphiql/assets/nope.js' })).status,
    ).toBe(404);
    const post = await graphiqlAssetResponse({ method: 'POST', path: await jsPath() });
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });

  it('answers HEAD without a body and a matching If-None-Match with 304', async () => {
    const path = await jsPath();
    const head = await graphiqlAssetResponse({ method: 'HEAD', path });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1_000_000);
    const etag = head.headers['etag'] ?? '';
    const cached = await graphiqlAssetResponse({
      method: 'GET',
      path,
      ifNoneMatch: `"x", ${etag}`,
    });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
  });

  it('compresses with gzip only when the client accepts it', async () => {
    const path = await jsPath();
    const plain = await graphiqlAssetResponse({ method: 'GET', path });
    const gzipped = await graphiqlAssetResponse({
      method: 'GET',
      path,
      acceptEncoding: 'gzip, br',
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.headers['vary']).toBe('accept-encoding');
  });

  it('are served by the HTTP front under /graphiql/assets/ (loopback, port 0)', async () => {
    const server = await gateway();
    const url = await server.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`${url}${await jsPath()}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(response.headers.get('cache-control')).toContain('immutable');
      expect(await response.text()).toContain('renderYogaGraphiQL');
      expect((await fetch(`${url}${GRAPHIQL_ASSETS_PATH}missing.css`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
