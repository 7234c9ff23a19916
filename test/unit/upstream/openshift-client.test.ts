import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import { rejectionOf } from '../../support/rejection.js';
import {
  BASE_URL,
  FIXTURE_PATH,
  FIXTURE_REF,
  TOKEN,
  buildPartialDigestBody,
  mockUpstreamPerTest,
  statusFixture,
  type MakeClient,
  atFixturePath,
  replyImage,
} from '../../support/upstream-mock.js';

let agent: MockAgent;
let client: OpenShiftClient;
let makeClient: MakeClient;
// Single attempts here; retries are in resilience.test.ts.
mockUpstreamPerTest((a, c, make) => {
  agent = a;
  client = c;
  makeClient = make;
});

describe('getImageStreamImage', () => {
  it('GETs the encoded path with Accept, Authorization, User-Agent and correlation headers', async () => {
    const seen: Record<string, string>[] = [];
    agent
      .get(BASE_URL)
      .intercept({
        path: FIXTURE_PATH,
        method: 'GET',
        headers: (headers) => {
          seen.push(headers);
          return true;
        },
      })
      .reply(200, buildPartialDigestBody(), { headers: { 'content-type': 'application/json' } });

    let attempts = 0;
    const result = await client.getImageStreamImage(
      FIXTURE_REF,
      { token: TOKEN },
      { requestId: 'req-42', onAttempt: () => attempts++ },
    );

    expect(result.image.metadata.name).toBe(
      'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950',
    );
    expect(attempts).toBe(1);
    expect(seen[0]).toMatchObject({
      accept: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'x-request-id': 'req-42',
      'audit-id': 'req-42',
    });
    expect(seen[0]?.['user-agent']).toMatch(/^openshift-image-graphql\//);
  });

  it('sends no Authorization header when the credential has no token', async () => {
    let authorization: string | undefined = 'unset';
    agent
      .get(BASE_URL)
      .intercept({
        path: FIXTURE_PATH,
        headers: (headers) => {
          authorization = headers.authorization;
          return true;
        },
      })
      .reply(200, buildPartialDigestBody());
    await client.getImageStreamImage(FIXTURE_REF, { token: undefined });
    expect(authorization).toBeUndefined();
  });

  it('drops a correlation id that could inject a header', async () => {
    let headers: Record<string, string> = {};
    agent
      .get(BASE_URL)
      .intercept({
        path: FIXTURE_PATH,
        headers: (h) => {
          headers = h;
          return true;
        },
      })
      .reply(200, buildPartialDigestBody());
    await client.getImageStreamImage(
      FIXTURE_REF,
      { token: TOKEN },
      { requestId: 'x\r\nx-evil: 1' },
    );
    expect(headers['x-request-id']).toBeUndefined();
    expect(headers['x-evil']).toBeUndefined();
  });

  it('keeps a path prefix of the base URL', async () => {
    const prefixed = makeClient({ baseUrl: `${BASE_URL}/k8s/` });
    agent
      .get(BASE_URL)
      .intercept({ path: `/k8s${FIXTURE_PATH}` })
      .reply(200, buildPartialDigestBody());
    await prefixed.getImageStreamImage(FIXTURE_REF, { token: TOKEN });
  });

  it('rejects a token with header-breaking characters without a request and without echoing it', async () => {
    const error = await rejectionOf(
      client.getImageStreamImage(FIXTURE_REF, { token: 'abc\r\nX-Evil: 1' }),
    );
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).not.toContain('abc');
  });

  it.each([
    ['namespace', { ...FIXTURE_REF, namespace: '' }],
    ['namespace', { ...FIXTURE_REF, namespace: '..' }],
    ['stream', { ...FIXTURE_REF, stream: '' }],
    ['stream', { ...FIXTURE_REF, stream: '.' }],
    ['id', { ...FIXTURE_REF, id: '' }],
  ])('answers BAD_USER_INPUT for an empty or dot %s without a request', async (argument, ref) => {
    const error = await rejectionOf(client.getImageStreamImage(ref, { token: TOKEN }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toEqual({ argument });
  });
});

describe('200 body validation', () => {
  const cases: [string, Record<string, unknown> | string, string][] = [
    ['invalid JSON', '{"kind":"ImageStreamImage",', 'the body is not valid JSON'],
    ['a JSON array', '[]', 'body must be an object'],
    ['another kind', buildPartialDigestBody((b) => (b.kind = 'ImageStreamTag')), 'kind'],
    ['no kind', buildPartialDigestBody((b) => delete b.kind), 'kind'],
    [
      'no image',
      buildPartialDigestBody((b) => Reflect.deleteProperty(b, 'image')),
      'image must be an object',
    ],
    [
      'no image.metadata.name',
      buildPartialDigestBody((b) => delete (b.image.metadata as Record<string, unknown>).name),
      'image.metadata.name',
    ],
    [
      'layers that are not an array',
      buildPartialDigestBody((b) => (b.image.dockerImageLayers = { 0: 'x' })),
      'image.dockerImageLayers must be an array',
    ],
    [
      'a layer without a size',
      buildPartialDigestBody((b) => (b.image.dockerImageLayers = [{ name: 'sha256:x' }])),
      'image.dockerImageLayers[0].size',
    ],
    [
      'signatures that are a string',
      buildPartialDigestBody((b) => (b.image.signatures = 'none')),
      'image.signatures must be an array',
    ],
    [
      'manifests without digests',
      buildPartialDigestBody((b) => (b.image.dockerImageManifests = [{}])),
      'image.dockerImageManifests[0].digest',
    ],
  ];

  it.each(cases)('answers UPSTREAM_BAD_RESPONSE for %s', async (_name, body, problem) => {
    atFixturePath(agent).reply(200, typeof body === 'string' ? body : JSON.stringify(body));
    const error = await rejectionOf(client.getImageStreamImage(FIXTURE_REF, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(String(error.details.problem)).toContain(problem);
    expect(error.details).toMatchObject({ namespace: 'demo', name: 'ubuntu@sha256:1a06d68cb911' });
  });

  it('accepts Go nulls for lists and maps and drops them', async () => {
    atFixturePath(agent).reply(
      200,
      buildPartialDigestBody((b) => {
        b.image.signatures = null;
        b.image.dockerImageManifests = null;
        (b.metadata as Record<string, unknown>).annotations = null;
      }),
    );
    const result = await client.getImageStreamImage(FIXTURE_REF, { token: TOKEN });
    expect(result.image.signatures).toBeUndefined();
    expect('dockerImageManifests' in result.image).toBe(false);
    expect(result.image.dockerImageLayers).toHaveLength(4);
  });

  it('answers UPSTREAM_BAD_RESPONSE for a body over maxResponseBytes', async () => {
    const small = makeClient({ maxResponseBytes: 100 });
    replyImage(agent);
    const error = await rejectionOf(small.getImageStreamImage(FIXTURE_REF, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error.details.problem).toBe('the body exceeds 100 bytes');
  });
});

// Deadlines need a real socket (MockAgent ignores undici's timeouts): see
// test/integration/upstream/openshift-client.test.ts.
describe('transport failures and cancellation', () => {
  it('answers UPSTREAM_UNAVAILABLE for a refused connection', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6443'), {
      code: 'ECONNREFUSED',
    });
    atFixturePath(agent).replyWithError(refused);
    const error = await rejectionOf(client.getImageStreamImage(FIXTURE_REF, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.details.transport).toBe('ECONNREFUSED');
  });

  it("answers UPSTREAM_TIMEOUT with cancelled: true when the caller's signal aborts", async () => {
    replyImage(agent).delay(2_000);
    const error = await rejectionOf(
      client.getImageStreamImage(
        FIXTURE_REF,
        { token: TOKEN },
        { signal: AbortSignal.timeout(30) },
      ),
    );
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.details.cancelled).toBe(true);
  });
});

describe('probe', () => {
  it('resolves when /readyz answers 200, 401 or 403', async () => {
    const pool = agent.get(BASE_URL);
    pool.intercept({ path: '/readyz' }).reply(200, 'ok');
    pool
      .intercept({ path: '/readyz' })
      .reply(403, statusFixture('401-unauthorized.synthesized').wire);
    await client.probe();
    await client.probe();
  });

  it('rejects with UPSTREAM_UNAVAILABLE when /readyz answers 500', async () => {
    agent.get(BASE_URL).intercept({ path: '/readyz' }).reply(500, '[-]etcd failed\n');
    const error = await rejectionOf(client.probe());
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});
