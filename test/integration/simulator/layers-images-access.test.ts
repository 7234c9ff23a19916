import { describe, expect, it } from 'vitest';

import { DEMO, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import {
  apiPath,
  exampleFixture,
  fetchRaw,
  forbiddenStatus,
  simulatorFor,
} from '../../support/simulator-http.js';

const { demo, catalog } = DEMO.namespaces;
const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
let sim: Simulator;

simulatorFor('all', (started) => {
  sim = started;
});

const layersPath = (namespace: string, stream: string) =>
  `${apiPath(namespace, 'imagestreams', stream)}/layers`;

describe('GET imagestreams/{name}/layers', () => {
  it('answers demo/ubuntu as the upstream ImageStreamLayers example, maps sorted by key', async () => {
    const res = await fetchRaw(sim.url, layersPath(demo, 'ubuntu'), {
      token: sim.token('developer'),
    });
    expect(res.status).toBe(200);
    const body = res.json() as { blobs: Record<string, unknown>; images: Record<string, unknown> };
    expect(body).toStrictEqual(exampleFixture('imagestreamlayers-multiarch.synthesized'));
    expect(Object.keys(body.blobs)).toStrictEqual(Object.keys(body.blobs).sort());
    expect(Object.keys(body.images)).toStrictEqual(Object.keys(body.images).sort());
    expect(Object.keys(body)).toStrictEqual(['kind', 'apiVersion', 'metadata', 'blobs', 'images']);
  });

  it('marks a referenced image whose Image object is gone as imageMissing', async () => {
    const res = await fetchRaw(sim.url, layersPath(demo, 'pruned'), {
      token: sim.token('developer'),
    });
    expect(res.json()).toHaveProperty(['images', DEMO.digests.pruned], {
      imageMissing: true,
      layers: null,
      config: null,
    });
    expect(res.json()).toHaveProperty(
      ['images', DEMO.digests.prunedCurrent, 'imageMissing'],
      false,
    );
  });

  it('needs imagestreams/layers: the exact 403 for viewer-streams-only, 404 for a missing stream', async () => {
    const res = await fetchRaw(sim.url, layersPath(catalog, 'frontend'), {
      token: sim.token(DEMO.users.viewerStreamsOnly),
    });
    expect(res.status).toBe(403);
    expect(res.json()).toStrictEqual(
      forbiddenStatus(
        'imagestreams.image.openshift.io "frontend" is forbidden: User "viewer-streams-only" cannot get resource "imagestreams/layers" in API group "image.openshift.io" in the namespace "catalog"',
        { name: 'frontend', group: 'image.openshift.io', kind: 'imagestreams' },
      ),
    );
    const missing = await fetchRaw(sim.url, layersPath(demo, 'nope'), {
      token: sim.token('developer'),
    });
    expect(missing.status).toBe(404);
    expect(missing.json()).toHaveProperty(
      'message',
      'imagestreams.image.openshift.io "nope" not found',
    );
  });
});

describe('GET /apis/image.openshift.io/v1/images/{digest}', () => {
  const path = (digest: string) => `/apis/image.openshift.io/v1/images/${digest}`;

  it('serves the cluster-scoped Image to the cluster admin, with its TypeMeta', async () => {
    const res = await fetchRaw(sim.url, path(DEMO.digests.arm64), { token: sim.token('admin') });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      kind: 'Image',
      apiVersion: 'image.openshift.io/v1',
      metadata: { name: DEMO.digests.arm64 },
    });
    const missing = await fetchRaw(sim.url, path(DEMO.digests.pruned), {
      token: sim.token('admin'),
    });
    expect(missing.status).toBe(404);
    expect(missing.json()).toHaveProperty(
      'message',
      `images.image.openshift.io "${DEMO.digests.pruned}" not found`,
    );
  });

  it('gives everyone else the exact cluster-scope 403', async () => {
    const res = await fetchRaw(sim.url, path(DEMO.digests.arm64), {
      token: sim.token('developer'),
    });
    expect(res.status).toBe(403);
    expect(res.text).toBe(
      `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"images.image.openshift.io \\"${DEMO.digests.arm64}\\" is forbidden: User \\"developer\\" cannot get resource \\"images\\" in API group \\"image.openshift.io\\" at the cluster scope","reason":"Forbidden","details":{"name":"${DEMO.digests.arm64}","group":"image.openshift.io","kind":"images"},"code":403}\n`,
    );
  });
});

describe('POST selfsubjectaccessreviews', () => {
  const review = async (
    token: string | undefined,
    attributes: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${sim.url}${SSAR}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        spec: { resourceAttributes: attributes },
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const attrs = (resource: string, namespace: string) => ({
    namespace,
    verb: 'get',
    group: 'image.openshift.io',
    resource,
  });

  it('answers status.allowed from the caller own rights (201, the spec echoed)', async () => {
    const viewer = sim.token(DEMO.users.viewerStreamsOnly);
    const isi = await review(viewer, attrs('imagestreamimages', demo));
    expect(isi.status).toBe(201);
    expect(isi.body).toStrictEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: attrs('imagestreamimages', demo) },
      status: { allowed: false },
    });
    expect((await review(viewer, attrs('imagestreams', demo))).body).toHaveProperty(
      'status.allowed',
      true,
    );
    expect((await review(viewer, attrs('imagestreamtags', demo))).body).toHaveProperty(
      'status.allowed',
      false,
    );
    const dev = sim.token('developer');
    expect((await review(dev, attrs('imagestreamimages', demo))).body).toHaveProperty(
      'status.allowed',
      true,
    );
    expect((await review(dev, attrs('imagestreamimages', 'team-b'))).body).toHaveProperty(
      'status.allowed',
      false,
    );
  });

  it('changes its answer when rights change, 401s a bad token, 403s anonymous, and logs each review', async () => {
    const local = await startSimulator();
    try {
      const url = `${local.url}${SSAR}`;
      const post = (token?: string) =>
        fetch(url, {
          method: 'POST',
          headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
          body: JSON.stringify({ spec: { resourceAttributes: attrs('imagestreamimages', demo) } }),
        });
      const token = local.token('developer');
      const allowed = async () =>
        ((await (await post(token)).json()) as { status: { allowed: boolean } }).status.allowed;
      expect(await allowed()).toBe(true);
      local.setResources('developer', ['imagestreams']);
      expect(await allowed()).toBe(false);
      expect((await post('sha256~not-a-token')).status).toBe(401);
      const anonymous = await post();
      expect(anonymous.status).toBe(403);
      expect(await anonymous.json()).toHaveProperty(
        'message',
        'selfsubjectaccessreviews.authorization.k8s.io is forbidden: User "system:anonymous" cannot create resource "selfsubjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope',
      );
      expect(
        local.requests.count({ verb: 'create', resource: 'selfsubjectaccessreviews', status: 201 }),
      ).toBe(2);
    } finally {
      await local.close();
    }
  });
});
