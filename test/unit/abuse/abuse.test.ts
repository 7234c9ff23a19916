/**
 * Issue #16 without sockets where possible: configuration refusals, the global in-flight bound,
 * the service-mode fairness key, the negative record's TTL, the metrics listener on its own port
 * and the GraphiQL page's framing and script policy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { createCredentialRejections } from '../../../src/loaders/credential-rejections.js';
import { createLoaders } from '../../../src/loaders/create-loaders.js';
import { createImageCache } from '../../../src/loaders/image-cache.js';
import { createImageStore, createRequestStats } from '../../../src/loaders/image-store.js';
import { ConfigError, loadConfig } from '../../../src/server/config.js';
import { createGateway, type Gateway } from '../../../src/server/create-gateway.js';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import { createNavigationStore } from '../../../src/loaders/navigation-store.js';
import { createStreamCache } from '../../../src/loaders/stream-cache.js';
import { noNavigation } from '../../support/no-navigation.js';
import { createInFlightLimiter } from '../../../src/upstream/in-flight.js';
import { testConfig } from '../../support/config.js';
import { createClientGateway, imageClient, noUpstreamClient } from '../../support/fake-gateway.js';
import { captureLogs } from '../../support/logs.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration that cannot work is refused at start', () => {
  it('refuses a set but empty OPENSHIFT_API_URL (and the other upstream variables), naming it', () => {
    expect(problemsOf({ OPENSHIFT_API_URL: '' })).toEqual([
      'OPENSHIFT_API_URL is set but empty; give it a value or unset it (an empty value never selects the embedded simulator)',
    ]);
    expect(problemsOf({ OPENSHIFT_API_URL: '  ', KUBECONFIG: '' })).toHaveLength(2);
    expect(problemsOf({ OPENSHIFT_TOKEN_FILE: '' })[0]).toMatch(/^OPENSHIFT_TOKEN_FILE is set/);
    // Nothing set at all is still the demo simulator's case, and no problem.
    expect(problemsOf({})).toEqual([]);
  });

  it('refuses AUTH_MODE=service with OPENSHIFT_API_URL and no gateway credential', () => {
    const problems = problemsOf({ AUTH_MODE: 'service', OPENSHIFT_API_URL: 'https://api:6443' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/AUTH_MODE=service/);
    expect(problems[0]).toMatch(/OPENSHIFT_TOKEN or OPENSHIFT_TOKEN_FILE/);
    expect(
      problemsOf({
        AUTH_MODE: 'service',
        OPENSHIFT_API_URL: 'https://api:6443',
        OPENSHIFT_TOKEN: 'sha256~gateway',
      }),
    ).toEqual([]);
  });

  it('refuses AUTH_MODE=service when the kubeconfig user has no credential (createGateway)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'abuse-kubeconfig-'));
    try {
      const file = path.join(dir, 'config');
      writeFileSync(
        file,
        [
          'apiVersion: v1',
          'kind: Config',
          'current-context: c',
          'clusters: [{ name: k, cluster: { server: "https://127.0.0.1:1" } }]',
          'users: [{ name: nobody, user: {} }]',
          'contexts: [{ name: c, context: { cluster: k, user: nobody } }]',
        ].join('\n'),
      );
      const config = testConfig({ AUTH_MODE: 'service', KUBECONFIG: file });
      const { logger } = captureLogs();
      await expect(createGateway(config, { logger, tracing: false })).rejects.toThrow(
        /^AUTH_MODE=service .*kubeconfig context 'c'.* has none/,
      );
      // The same kubeconfig is fine for pass-through, where callers bring their own tokens.
      const passthrough = await createGateway(testConfig({ KUBECONFIG: file }), {
        logger,
        tracing: false,
      });
      await passthrough.close(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses METRICS_PORT equal to PORT', () => {
    expect(problemsOf({ PORT: '4000', METRICS_PORT: '4000' })).toEqual([
      'METRICS_PORT must differ from PORT (both are 4000)',
    ]);
  });
});

describe('the global bound on upstream GETs in flight', () => {
  it('queues past UPSTREAM_MAX_IN_FLIGHT and gives up with UPSTREAM_TIMEOUT at the deadline', async () => {
    const limiter = createInFlightLimiter(1);
    const release = await limiter.acquire(Date.now() + 1000);
    const late = limiter.acquire(Date.now() + 20);
    expect(limiter.waiting()).toBe(1);
    await expect(late).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
      details: { limit: 'UPSTREAM_MAX_IN_FLIGHT' },
    });
    expect(limiter.waiting()).toBe(0);
    const next = limiter.acquire(Date.now() + 1000);
    release();
    (await next)();
    expect(limiter.inUse()).toBe(0);
  });

  it('holds callers with many different tokens to UPSTREAM_MAX_IN_FLIGHT GETs at once', async () => {
    let active = 0;
    let maxActive = 0;
    const slowGets = imageClient(undefined, async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 10));
      active -= 1;
    });
    const server = await createClientGateway(slowGets, {
      env: { UPSTREAM_MAX_IN_FLIGHT: '3' },
      serviceToken: undefined,
    });
    const names = JSON.stringify(Array.from({ length: 8 }, (_, i) => `ubuntu@${i}`));
    const responses = await Promise.all(
      Array.from({ length: 6 }, async (_, caller) =>
        server.yoga.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer sha256~caller-${caller}`,
          },
          body: JSON.stringify({
            query: `{ imageStreamImages(namespace: "demo", names: ${names}) { image { digest } } }`,
          }),
        }),
      ),
    );
    for (const response of responses) {
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    }
    expect(maxActive).toBe(3);
  });
});

describe('service mode: the per-caller cap is keyed by the caller, not the shared credential', () => {
  async function serviceGateway(env: Record<string, string>) {
    const keys: (string | undefined)[] = [];
    const recordingKeys = imageClient(undefined, (_ref, _credential, options) => {
      keys.push(options?.callerKey);
    });
    const server = await createClientGateway(recordingKeys, {
      env: { AUTH_MODE: 'service', ...env },
      serviceToken: 'sha256~gateway',
    });
    const ask = (id: string, headers: Record<string, string>) =>
      server.yoga.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          query: `{ imageStreamImage(namespace: "demo", name: "ubuntu@${id}") { kind } }`,
        }),
      });
    return { server, keys, ask };
  }

  it('uses the trusted front-proxy header named by SERVICE_IDENTITY_HEADER', async () => {
    const { keys, ask } = await serviceGateway({ SERVICE_IDENTITY_HEADER: 'X-Forwarded-User' });
    await ask('a1', { 'x-forwarded-user': 'alice' });
    await ask('a2', { 'x-forwarded-user': 'alice' });
    await ask('b1', { 'x-forwarded-user': 'bob' });
    // A bearer token the caller chose is not an identity here: it costs nothing to rotate.
    await ask('c1', { authorization: 'Bearer sha256~anything' });
    expect(keys[0]).toMatch(/^header:/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toMatch(/^header:/);
    expect(keys[2]).not.toBe(keys[0]);
    // Without the header, and without a socket (yoga.fetch), the shared service identity keys it.
    expect(keys[3]).toBe('service');
    expect(keys.join()).not.toContain('alice');
  });

  it('falls back to the remote address over HTTP', async () => {
    const { server, keys } = await serviceGateway({});
    const url = await server.listen(0, '127.0.0.1');
    try {
      await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ imageStreamImage(namespace: "demo", name: "ubuntu@abc") { kind } }',
        }),
      });
    } finally {
      await server.close(0);
    }
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^address:/);
  });
});

describe('the negative credential record', () => {
  it('forgets a rejection after its TTL and keeps nothing when the TTL is 0', () => {
    let now = 1_000;
    const clock = { now: () => now };
    const record = createCredentialRejections({ ttlMs: 5000, clock });
    record.reject('id-1');
    expect(record.isRejected('id-1')).toBe(true);
    expect(record.isRejected('id-2')).toBe(false);
    now = 6_001;
    expect(record.isRejected('id-1')).toBe(false);
    const off = createCredentialRejections({ ttlMs: 0 });
    off.reject('id-1');
    expect(off.isRejected('id-1')).toBe(false);
  });

  it('is bounded in entries, so rotating bogus tokens cannot grow it', () => {
    const record = createCredentialRejections({ ttlMs: 60_000, maxEntries: 3 });
    for (let i = 0; i < 10; i++) record.reject(`id-${i}`);
    expect(record.size()).toBe(3);
  });

  it('stops the rest of a request after a 401 without GETs (UPSTREAM_MAX_CONCURRENCY=1)', async () => {
    const calls: string[] = [];
    const server = await createClientGateway(
      {
        getImageStreamImage(ref) {
          calls.push(ref.id);
          return Promise.reject(new GatewayError('UNAUTHENTICATED', 'rejected'));
        },
        ...noNavigation,
        probe: () => Promise.resolve(),
        close: () => Promise.resolve(),
      },
      {
        env: { UPSTREAM_MAX_CONCURRENCY: '1', AUTH_NEGATIVE_TTL_SECONDS: '0' },
        serviceToken: undefined,
      },
    );
    const names = JSON.stringify(Array.from({ length: 20 }, (_, i) => `ubuntu@${i}`));
    const ask = async () => {
      const response = await server.yoga.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sha256~bogus' },
        body: JSON.stringify({
          query: `{ imageStreamImages(namespace: "demo", names: ${names}) { kind } }`,
        }),
      });
      return (await response.json()) as { errors: { extensions: { code: string } }[] };
    };
    const body = await ask();
    expect(body.errors).toHaveLength(20);
    expect(new Set(body.errors.map((e) => e.extensions.code))).toEqual(
      new Set(['UNAUTHENTICATED']),
    );
    expect(calls).toHaveLength(1);
    // With the record off (TTL 0) the next request asks the API server again, once.
    await ask();
    expect(calls).toHaveLength(2);
  });
});

describe('METRICS_PORT', () => {
  let gateway: Gateway | undefined;
  let simulator: Simulator | undefined;
  afterEach(async () => {
    await gateway?.close(0);
    await simulator?.close();
    gateway = undefined;
    simulator = undefined;
  });

  it('serves /metrics on its own port only', async () => {
    simulator = await startSimulator();
    const { logger } = captureLogs();
    gateway = await createGateway(testConfig({ METRICS_PORT: '0' }), {
      logger,
      tracing: false,
      upstream: { baseUrl: simulator.url },
    });
    const url = await gateway.listen(0, '127.0.0.1');
    const metricsUrl = gateway.metricsUrl();
    expect(metricsUrl).toBeDefined();
    expect(metricsUrl).not.toBe(url);
    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('image_graphql_');
    const onPublicPort = await fetch(`${url}/metrics`);
    expect(onPublicPort.status).toBe(404);
    await onPublicPort.arrayBuffer();
    expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
  });
});

describe('the GraphiQL page', () => {
  it('may not be framed and allows only its own scripts', async () => {
    const server = await createClientGateway(noUpstreamClient, { serviceToken: undefined });
    const response = await server.yoga.fetch('http://gateway/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Each inline script of the page is allowed by its hash, and nothing else inline.
    const { createHash } = await import('node:crypto');
    const inline = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline) {
      expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    }
    // JSON answers carry no page policy.
    const json = await server.yoga.fetch('http://gateway/graphql?query=%7B__typename%7D', {
      headers: { 'x-graphql-csrf': '1' },
    });
    expect(json.headers.get('x-frame-options')).toBeNull();
  });
});

describe('a shared flight refused by its starter budget', () => {
  it('is read again with the joining request budget, not failed with the other request QUERY_TOO_COMPLEX', async () => {
    let releaseFirst: (() => void) | undefined;
    const sent: string[] = [];
    const client = imageClient(undefined, async (ref) => {
      sent.push(ref.id);
      if (ref.id === 'a') await new Promise<void>((resolve) => (releaseFirst = resolve));
    });
    const store = createImageStore({
      client,
      cache: createImageCache({ maxBytes: 1 << 20, accessTtlMs: 0 }),
    });
    const caller = {
      kind: 'authenticated' as const,
      credential: { token: 'sha256~alice' },
      identity: 'alice',
    };
    const loadersOf = () =>
      createLoaders({
        store,
        navigation: createNavigationStore({
          client: { ...noNavigation } as unknown as OpenShiftClient,
          cache: createStreamCache({ maxBytes: 1_000_000, ttlMs: 30_000 }),
        }),
        caller,
        stats: createRequestStats(),
        requestId: 'r',
        signal: () => new AbortController().signal,
        deadline: Date.now() + 10_000,
        maxConcurrency: 1,
        maxUpstreamCalls: 1,
      });
    const ref = (id: string) => ({ namespace: 'demo', stream: 'ubuntu', id });
    const first = loadersOf();
    // 'a' takes the first request's only unit; its 'b' waits behind it in the queue.
    const a = first.imageStreamImage.load(ref('a'));
    const bOfFirst = first.imageStreamImage.load(ref('b'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The second request joins the queued flight of 'b'.
    const bOfSecond = loadersOf().imageStreamImage.load(ref('b'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    releaseFirst?.();
    await a;
    await expect(bOfFirst).rejects.toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    await expect(bOfSecond).resolves.toMatchObject({ origin: { stream: 'ubuntu' } });
    expect(sent).toEqual(['a', 'b']);
  });
});
