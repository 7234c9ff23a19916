import { describe, expect, it } from 'vitest';

import { DEMO, type Simulator } from '../../../src/simulator/index.js';
import { apiPath, exampleFixture, fetchRaw, simulatorFor } from '../../support/simulator-http.js';

const { demo, teamB } = DEMO.namespaces;
let sim: Simulator;
let developer: string;

simulatorFor('all', (started) => {
  sim = started;
  developer = started.token('developer');
});

const isi = (name: string, namespace: string = demo) =>
  fetchRaw(sim.url, apiPath(namespace, 'imagestreamimages', name), { token: sim.token('admin') });

/** The Image of an example as ImageStreamImage nests it: no TypeMeta, no raw blobs. */
function nested(example: Record<string, unknown>): Record<string, unknown> {
  const {
    kind: _k,
    apiVersion: _a,
    dockerImageManifest: _m,
    dockerImageConfig: _c,
    ...rest
  } = example;
  return rest;
}

describe('GET imagestreamimages', () => {
  it.each([
    ['imagestreamimage-child-via-manifest-list.synthesized', `ubuntu@${DEMO.digests.arm64}`],
    ['imagestreamimage-partial-digest.synthesized', 'ubuntu@sha256:1a06d68cb911'],
    ['imagestreamimage-manifest-list.synthesized', `ubuntu@${DEMO.digests.manifestList}`],
  ])('returns exactly the documented object for %s', async (example, name) => {
    const res = await isi(name);
    expect(res.status).toBe(200);
    expect(res.json()).toStrictEqual(exampleFixture(example));
  });

  it('resolves a manifest-list child that is in no tag history', async () => {
    const res = await isi(`ubuntu@${DEMO.digests.arm64}`);
    const body = res.json() as { image: { metadata: { name: string } } };
    expect(body.image.metadata.name).toBe(DEMO.digests.arm64);
  });

  it.each([
    ['full digest', DEMO.digests.arm64],
    ['sha256: prefix', DEMO.digests.arm64.slice(0, 13)],
    ['bare hex prefix', DEMO.digests.arm64.slice(7, 13)],
    ['one hex character', DEMO.digests.arm64.slice(7, 8)],
  ])('resolves an id given as a %s and echoes it unchanged in metadata.name', async (_what, id) => {
    const body = (await isi(`ubuntu@${id}`)).json() as {
      metadata: { name: string };
      image: { metadata: { name: string } };
    };
    expect(body.metadata.name).toBe(`ubuntu@${id}`);
    expect(body.image.metadata.name).toBe(DEMO.digests.arm64);
  });

  it('matches case-sensitively', async () => {
    const upper = DEMO.digests.arm64.slice(7, 15).toUpperCase();
    expect((await isi(`ubuntu@${upper}`)).status).toBe(404);
  });

  it('answers an ambiguous prefix with the first candidate (tags by name, newest first) and no error', async () => {
    for (const id of ['sha256:', 's']) {
      const res = await isi(`ubuntu@${id}`);
      expect(res.status).toBe(200);
      const body = res.json() as { image: { metadata: { name: string } } };
      expect(body.image.metadata.name).toBe(DEMO.digests.manifestList);
    }
  });

  it('copies the stream annotations and the image creationTimestamp into metadata, and nothing else', async () => {
    const body = (await isi(`python@${DEMO.digests.python}`)).json() as {
      metadata: Record<string, unknown>;
    };
    expect(body.metadata).toStrictEqual({
      name: `python@${DEMO.digests.python}`,
      namespace: demo,
      creationTimestamp: '2021-12-07T07:55:30Z',
      annotations: { 'openshift.io/image.dockerRepositoryCheck': '2021-12-07T07:55:30Z' },
    });
  });

  it('returns the same image through two namespaces with each stream’s annotations', async () => {
    const a = (await isi(`python@${DEMO.digests.python}`)).json() as {
      metadata: { annotations: unknown; namespace: string };
      image: unknown;
    };
    const b = (await isi(`shared@${DEMO.digests.python}`, teamB)).json() as typeof a;
    expect(b.image).toStrictEqual(a.image);
    expect(b.metadata.namespace).toBe(teamB);
    expect(b.metadata.annotations).not.toStrictEqual(a.metadata.annotations);
  });

  it.each([
    ['image-single-arch-docker-v2.real', 'python', DEMO.digests.python],
    ['image-single-arch-oci-pushed.real', 'python-app', DEMO.digests.ociPushed],
    ['image-with-signatures.synthesized', 'ubuntu', DEMO.digests.signed],
  ])(
    'nests the %s Image without kind, apiVersion or raw blobs',
    async (example, stream, digest) => {
      const body = (await isi(`${stream}@${digest}`)).json() as { image: Record<string, unknown> };
      expect(body.image).toStrictEqual(nested(exampleFixture(example)));
      expect(body.image).not.toHaveProperty('kind');
      expect(body.image).not.toHaveProperty('apiVersion');
    },
  );

  it('returns a trusted and an untrusted signature for the signed image', async () => {
    const body = (await isi(`ubuntu@${DEMO.digests.signed}`)).json() as {
      image: { signatures: { conditions?: { type: string; status: string }[] }[] };
    };
    const [trusted, untrusted] = body.image.signatures;
    expect(trusted?.conditions?.map((c) => c.type)).toStrictEqual(['Trusted', 'ForImage']);
    expect(untrusted).not.toHaveProperty('conditions');
  });

  it('strips dockerImageManifest and dockerImageConfig stored on the Image', async () => {
    const res = await isi(`app@${DEMO.digests.appV2}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('dockerImageManifest"');
    expect(res.text).not.toContain('dockerImageConfig');
    expect(res.json()).toHaveProperty(['image', 'dockerImageLayers']);
  });

  it('writes sizes above 2 GiB as exact integers', async () => {
    const body = (await isi(`bigdata@${DEMO.digests.bigData}`)).json() as {
      image: { dockerImageLayers: { size: number }[]; dockerImageMetadata: { Size: number } };
    };
    expect(body.image.dockerImageLayers[0]?.size).toBe(3_221_225_472);
    expect(body.image.dockerImageMetadata.Size).toBeGreaterThan(2 ** 32);
  });

  it('writes keys in Go struct order, compact, HTML-escaped and newline-terminated', async () => {
    const res = await isi(`ubuntu@${DEMO.digests.signed}`);
    expect(res.text.endsWith('}}\n')).toBe(true);
    expect(res.text).not.toContain('\n{');
    expect(
      res.text.startsWith(
        '{"kind":"ImageStreamImage","apiVersion":"image.openshift.io/v1","metadata":{"name":',
      ),
    ).toBe(true);
    const imageKeys = Object.keys((res.json() as { image: object }).image);
    expect(imageKeys).toStrictEqual([
      'metadata',
      'dockerImageReference',
      'dockerImageMetadata',
      'dockerImageMetadataVersion',
      'dockerImageLayers',
      'signatures',
      'dockerImageManifestMediaType',
    ]);
    const meta = (res.json() as { image: { dockerImageMetadata: object } }).image
      .dockerImageMetadata;
    expect(Object.keys(meta)).toStrictEqual([
      'kind',
      'apiVersion',
      'Id',
      'Created',
      'Container',
      'ContainerConfig',
      'DockerVersion',
      'Config',
      'Architecture',
      'Size',
    ]);
    // Go sorts map keys: signedClaims comes out sorted although the example lists it unsorted.
    expect(res.text).toContain(
      '"signedClaims":{"docker-reference":"docker.io/library/ubuntu:18.04","manifest-digest":',
    );
  });

  it('escapes < > & in success bodies as Go does', async () => {
    const res = await fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', 'app:v3'), {
      token: developer,
    });
    expect(res.text).toContain('"org.example/release":"v3 \\u003cstable\\u003e \\u0026 signed"');
    expect(res.json()).toHaveProperty(
      ['metadata', 'annotations', 'org.example/release'],
      'v3 <stable> & signed',
    );
  });

  it('pretty-prints with ?pretty=true or a browser User-Agent, and not with ?pretty=false', async () => {
    const path = apiPath(demo, 'imagestreamimages', `ubuntu@${DEMO.digests.arm64}`);
    const compact = await fetchRaw(sim.url, path, { token: developer });
    const pretty = await fetchRaw(sim.url, `${path}?pretty=true`, { token: developer });
    const browser = await fetchRaw(sim.url, path, {
      token: developer,
      userAgent: 'Mozilla/5.0 (X11)',
    });
    const wget = await fetchRaw(sim.url, path, { token: developer, userAgent: 'Wget/1.21' });
    const curlNo = await fetchRaw(sim.url, `${path}?pretty=false`, {
      token: developer,
      userAgent: 'curl/8',
    });
    const expected = JSON.stringify(JSON.parse(compact.text), null, 2);
    expect(pretty.text).toBe(expected);
    expect(browser.text).toBe(expected);
    expect(wget.text).toBe(expected);
    expect(curlNo.text).toBe(compact.text);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const path = apiPath(demo, 'imagestreamimages', `ubuntu@${DEMO.digests.arm64}`);
    const get = await fetchRaw(sim.url, path, { token: developer });
    const head = await fetchRaw(sim.url, path, { token: developer, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
  });

  it('answers history images of the pruned docs stream with 404 about images', async () => {
    const res = await isi(`origin-ruby-sample@${DEMO.digests.rubySampleLatest.slice(7, 19)}`);
    expect(res.status).toBe(404);
    expect(res.json()).toHaveProperty('details', {
      name: DEMO.digests.rubySampleLatest,
      group: 'image.openshift.io',
      kind: 'images',
    });
  });

  it('answers any id in a stream without history with 404 imagestreamimage', async () => {
    const res = await isi(`python@${DEMO.digests.python}`, teamB);
    expect(res.status).toBe(404);
    expect(res.json()).toHaveProperty('details.kind', 'imagestreamimage');
  });
});

describe('GET imagestreamtags', () => {
  const istag = (name: string) =>
    fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', name), { token: developer });

  it.each([
    ['imagestreamtag-manifest-list.synthesized', 'ubuntu:18.04'],
    ['imagestreamtag-local-reference-policy.synthesized', 'ubuntu:latest'],
  ])('returns exactly the documented object for %s', async (example, name) => {
    const res = await istag(name);
    expect(res.status).toBe(200);
    expect(res.json()).toStrictEqual(exampleFixture(example));
  });

  it('rewrites dockerImageReference to the integrated registry under the Local policy only', async () => {
    const local = (await istag('python-app:latest')).json() as {
      image: { dockerImageReference: string };
    };
    expect(local.image.dockerImageReference).toBe(
      `image-registry.openshift-image-registry.svc:5000/demo/python-app@${DEMO.digests.ociPushed}`,
    );
    const source = (await istag('python:3.8.12')).json() as {
      image: { dockerImageReference: string };
    };
    expect(source.image.dockerImageReference).toBe(`python@${DEMO.digests.python}`);
  });

  it('carries the stream uid, resourceVersion and labels and the event time in metadata', async () => {
    const body = (await istag('python-app:latest')).json() as { metadata: Record<string, unknown> };
    const stream = (
      await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'python-app'), { token: developer })
    ).json() as { metadata: Record<string, unknown> };
    expect(body.metadata).toMatchObject({
      uid: stream.metadata.uid,
      resourceVersion: stream.metadata.resourceVersion,
      labels: { 'app.kubernetes.io/name': 'basic-python-tekton' },
      creationTimestamp: '2022-08-23T15:47:04Z',
    });
  });

  it('returns the current (newest) history image', async () => {
    const body = (await istag('app:latest')).json() as { image: { metadata: { name: string } } };
    expect(body.image.metadata.name).toBe(DEMO.digests.appV3);
  });

  it('answers a tag whose current image was pruned with 404 about images', async () => {
    const res = await istag('pruned:old');
    expect(res.status).toBe(404);
    expect(res.json()).toHaveProperty('details.name', DEMO.digests.pruned);
  });

  it('answers a missing stream with 404 about imagestreams and an unknown tag with 404 imagestreamtags', async () => {
    expect((await istag('nosuch:latest')).json()).toHaveProperty('details', {
      name: 'nosuch',
      group: 'image.openshift.io',
      kind: 'imagestreams',
    });
    expect((await istag('ubuntu:nosuchtag')).json()).toHaveProperty(
      'details.kind',
      'imagestreamtags',
    );
  });
});

describe('GET imagestreams', () => {
  it('returns exactly the documented multi-arch stream', async () => {
    const res = await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'ubuntu'), {
      token: developer,
    });
    expect(res.status).toBe(200);
    expect(res.json()).toStrictEqual(
      exampleFixture('imagestream-multiarch-with-history.synthesized'),
    );
  });

  it('serves the 50-tag stream with tags sorted by name', async () => {
    const body = (
      await fetchRaw(sim.url, apiPath(demo, 'imagestreams', DEMO.streams.manyTags), {
        token: developer,
      })
    ).json() as { status: { tags: { tag: string; items: { image: string }[] }[] } };
    expect(body.status.tags).toHaveLength(DEMO.manyTagsCount);
    const names = body.status.tags.map((t) => t.tag);
    expect(names).toStrictEqual([...names].sort());
    expect(new Set(body.status.tags.map((t) => t.items[0]?.image)).size).toBe(50);
  });

  it('answers a missing stream with 404 about imagestreams', async () => {
    const res = await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'nosuch'), {
      token: developer,
    });
    expect(res.status).toBe(404);
    expect(res.json()).toHaveProperty(
      'message',
      'imagestreams.image.openshift.io "nosuch" not found',
    );
  });
});
