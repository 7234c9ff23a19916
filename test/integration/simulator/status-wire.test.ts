import { describe, expect, it } from 'vitest';

import { DEMO, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import {
  UUID,
  apiPath,
  fetchRaw,
  simulatorFor,
  statusFixture,
} from '../../support/simulator-http.js';

const { demo } = DEMO.namespaces;
let sim: Simulator;
let developer: string;

simulatorFor('all', (started) => {
  sim = started;
  developer = started.token('developer');
});

function expectStatusHeaders(headers: Record<string, string>, body: string): void {
  expect(headers['content-type']).toBe('application/json');
  expect(headers['cache-control']).toBe('no-cache, private');
  expect(headers['audit-id']).toMatch(UUID);
  expect(headers['content-length']).toBe(String(Buffer.byteLength(body)));
}

describe('Status error bodies are byte-identical to the documented wire form', () => {
  const malformed = (kind: string, resource: string, fixture: string, names: string[]) =>
    names.map((name) => [kind, name, resource, fixture] as const);
  it.each([
    ...malformed('ImageStreamImage', 'imagestreamimages', '400-isimage-malformed-name', [
      'ubuntu',
      'a@b@c',
      '@sha256:ca01',
      'ubuntu@',
    ]),
    ...malformed('ImageStreamTag', 'imagestreamtags', '400-istag-malformed-name', [
      'ubuntu',
      'ubuntu@sha256:ca01',
      'a:b:c',
      ':latest',
      'ubuntu:',
    ]),
  ])(
    'rejects the malformed %s name %j with 400 BadRequest',
    async (_kind, name, resource, fixtureName) => {
      const fixture = statusFixture(`${fixtureName}.synthesized`);
      const res = await fetchRaw(sim.url, apiPath(demo, resource, name), { token: developer });
      expect(res.status).toBe(400);
      expect(res.text).toBe(fixture.wire);
      expectStatusHeaders(res.headers, res.text);
    },
  );

  it('answers an unknown token with 401 Unauthorized', async () => {
    const fixture = statusFixture('401-unauthorized.synthesized');
    const res = await fetchRaw(sim.url, apiPath(demo, 'imagestreamimages', 'ubuntu@sha256:ca01'), {
      token: 'sha256~not-a-token-the-simulator-issued-xxxxxxxxxxxxx',
    });
    expect(res.status).toBe(401);
    expect(res.text).toBe(fixture.wire);
    expectStatusHeaders(res.headers, res.text);
  });

  it('answers a user without get in the namespace with 403 naming the user, resource and namespace', async () => {
    const fixture = statusFixture('403-forbidden-isimage.synthesized');
    const user = sim.addUser({ name: 'system:serviceaccount:gateway:gateway', namespaces: [] });
    const res = await fetchRaw(sim.url, apiPath(demo, 'imagestreamimages', 'ubuntu@sha256:ca01'), {
      token: user.token,
    });
    expect(res.status).toBe(403);
    expect(res.text).toBe(fixture.wire);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expectStatusHeaders(res.headers, res.text);
  });

  it('answers a missing stream with 404 about imagestreams', async () => {
    const fixture = statusFixture('404-isimage-stream-not-found.synthesized');
    const res = await fetchRaw(
      sim.url,
      apiPath(demo, 'imagestreamimages', `nosuchstream@${DEMO.digests.amd64}`),
      { token: developer },
    );
    expect(res.status).toBe(404);
    expect(res.text).toBe(fixture.wire);
    expectStatusHeaders(res.headers, res.text);
  });

  it('answers a digest that is not in the stream with the singular imagestreamimage 404 and the full name', async () => {
    const fixture = statusFixture('404-isimage-digest-not-in-stream.synthesized');
    const res = await fetchRaw(
      sim.url,
      apiPath(demo, 'imagestreamimages', `ubuntu@sha256:${'0'.repeat(64)}`),
      { token: developer },
    );
    expect(res.status).toBe(404);
    expect(res.text).toBe(fixture.wire);
  });

  it('answers a referenced digest whose Image object was deleted with 404 about images and the full digest', async () => {
    const fixture = statusFixture('404-isimage-image-object-deleted.synthesized');
    const local = await startSimulator();
    try {
      expect(local.deleteImage(DEMO.digests.amd64)).toBe(true);
      // Requested by a prefix: the error still names the full resolved digest.
      const res = await fetchRaw(
        local.url,
        apiPath(demo, 'imagestreamimages', `ubuntu@${DEMO.digests.amd64.slice(0, 20)}`),
        { token: local.token('developer') },
      );
      expect(res.status).toBe(404);
      expect(res.text).toBe(fixture.wire);
    } finally {
      await local.close();
    }
  });

  it('answers a tag without a status image with 404 about imagestreamtags', async () => {
    const fixture = statusFixture('404-istag-tag-has-no-image.synthesized');
    const res = await fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', 'ubuntu:broken'), {
      token: developer,
    });
    expect(res.status).toBe(404);
    expect(res.text).toBe(fixture.wire);
  });

  it('answers an unknown path with the real not-found body and empty details', async () => {
    const fixture = statusFixture('404-unknown-path.real');
    for (const path of [
      '/version/openshift',
      '/apis/image.openshift.io/v1/namespaces/demo/images/x',
      '/',
    ]) {
      const res = await fetchRaw(sim.url, path, { token: developer });
      expect(res.status).toBe(404);
      expect(res.text).toBe(`${JSON.stringify(fixture.body)}\n`);
      // The real capture's content-length: 174 = 173 compact bytes + '\n'.
      expect(res.headers['content-length']).toBe(fixture.headers?.['content-length']);
    }
  });

  it('answers other verbs on a resource with 405 MethodNotAllowed', async () => {
    const cases = [
      ['POST', 'create'],
      ['PUT', 'update'],
      ['PATCH', 'patch'],
      ['DELETE', 'delete'],
    ] as const;
    for (const [method, verb] of cases) {
      const res = await fetchRaw(
        sim.url,
        apiPath(demo, 'imagestreamimages', 'ubuntu@sha256:ca01'),
        {
          token: developer,
          method,
        },
      );
      expect(res.status).toBe(405);
      expect(res.text).toBe(
        `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"${verb} is not supported on resources of kind \\"imagestreamimages.image.openshift.io\\"","reason":"MethodNotAllowed","details":{"group":"image.openshift.io","kind":"imagestreamimages"},"code":405}\n`,
      );
    }
  });

  it('pretty-prints a Status for curl without a trailing newline', async () => {
    const fixture = statusFixture('404-isimage-stream-not-found.synthesized');
    const res = await fetchRaw(
      sim.url,
      apiPath(demo, 'imagestreamimages', `nosuchstream@${DEMO.digests.amd64}`),
      { token: developer, userAgent: 'curl/8.5.0' },
    );
    expect(res.text).toBe(JSON.stringify(fixture.body, null, 2));
  });
});
