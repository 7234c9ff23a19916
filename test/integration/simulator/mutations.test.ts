import { describe, expect, it } from 'vitest';

import {
  DEMO,
  buildImage,
  buildImageStream,
  buildManifestList,
  createDataset,
  generateImages,
  startSimulator,
  type Simulator,
} from '../../../src/simulator/index.js';
import { apiPath, fetchRaw, simulatorFor } from '../../support/simulator-http.js';

const { demo } = DEMO.namespaces;
let sim: Simulator;

simulatorFor('each', (started) => {
  sim = started;
});

const isi = async (name: string, namespace: string = demo) => {
  const res = await fetchRaw(sim.url, apiPath(namespace, 'imagestreamimages', name), {
    token: sim.token('admin'),
  });
  return { status: res.status, body: res.json() };
};

describe('data mutations re-serialise what they change', () => {
  it('adds a signature and bumps the image resourceVersion', async () => {
    const before = await isi(`app@${DEMO.digests.appV1}`);
    const sig = sim.addSignatureText(DEMO.digests.appV1, 'a new signature');
    const after = await isi(`app@${DEMO.digests.appV1}`);
    expect(sig.metadata.name).toMatch(new RegExp(`^${DEMO.digests.appV1}@[0-9a-f]{64}$`));
    expect(after.body).toHaveProperty(
      ['image', 'signatures', 0, 'metadata', 'name'],
      sig.metadata.name,
    );
    expect(after.body).toHaveProperty(
      ['image', 'signatures', 0, 'content'],
      Buffer.from('a new signature').toString('base64'),
    );
    expect(after.body).not.toHaveProperty(
      ['image', 'metadata', 'resourceVersion'],
      (before.body as { image: { metadata: { resourceVersion: string } } }).image.metadata
        .resourceVersion,
    );
  });

  it('removes signatures', async () => {
    sim.removeSignatures(DEMO.digests.signed);
    const after = await isi(`ubuntu@${DEMO.digests.signed}`);
    expect(after.body).not.toHaveProperty(['image', 'signatures']);
  });

  it('sets stream annotations, which every ImageStreamImage of the stream echoes', async () => {
    sim.setStreamAnnotations(demo, 'ubuntu', {
      'openshift.io/image.dockerRepositoryCheck': '2025-01-01T00:00:00Z',
    });
    for (const digest of [DEMO.digests.arm64, DEMO.digests.manifestList]) {
      const { body } = await isi(`ubuntu@${digest}`);
      expect(body).toHaveProperty(['metadata', 'annotations'], {
        'openshift.io/image.dockerRepositoryCheck': '2025-01-01T00:00:00Z',
      });
    }
  });

  it('sets image annotations', async () => {
    sim.setImageAnnotations(DEMO.digests.appV1, { 'example.com/x': 'y' });
    const { body } = await isi(`app@${DEMO.digests.appV1}`);
    expect(body).toHaveProperty(['image', 'metadata', 'annotations'], { 'example.com/x': 'y' });
  });

  it('deletes an image object: the stream still resolves the digest but the image is 404', async () => {
    expect((await isi(`app@${DEMO.digests.appV1}`)).status).toBe(200);
    expect(sim.deleteImage(DEMO.digests.appV1)).toBe(true);
    const gone = await isi(`app@${DEMO.digests.appV1}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toHaveProperty(['details', 'kind'], 'images');
    expect(sim.deleteImage(DEMO.digests.appV1)).toBe(false);
  });

  it('deleting a manifest list hides its children from the stream lookup', async () => {
    sim.deleteImage(DEMO.digests.manifestList);
    const child = await isi(`ubuntu@${DEMO.digests.arm64}`);
    expect(child.status).toBe(404);
    expect(child.body).toHaveProperty(['details', 'kind'], 'imagestreamimage');
    // amd64 is also in 18.04's history, so it still resolves.
    expect((await isi(`ubuntu@${DEMO.digests.amd64}`)).status).toBe(200);
  });

  it('tags a new image: the tag moves, history grows, and a prefix may resolve differently', async () => {
    const token = sim.token('developer');
    const fresh = buildImage({ seed: 'test/new-app-image' });
    sim.putImage(fresh.image);
    expect((await isi(`app@${fresh.digest}`)).status).toBe(404);
    sim.tagImage(demo, 'app', 'latest', fresh.digest);
    expect((await isi(`app@${fresh.digest}`)).status).toBe(200);
    const istag = await fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', 'app:latest'), {
      token,
    });
    expect(istag.json()).toHaveProperty(['image', 'metadata', 'name'], fresh.digest);
    const stream = await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'app'), { token });
    const latest = (
      stream.json() as { status: { tags: { tag: string; items: unknown[] }[] } }
    ).status.tags.find((t) => t.tag === 'latest');
    expect(latest?.items).toHaveLength(4);
  });

  it('serves streams and manifest lists put from the builders', async () => {
    const [amd, arm] = [
      buildImage({ seed: 'test/multi', platform: { architecture: 'amd64', os: 'linux' } }),
      buildImage({
        seed: 'test/multi',
        platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
      }),
    ];
    const list = buildManifestList([amd, arm]);
    for (const b of [amd, arm, list]) sim.putImage(b.image);
    sim.putStream(
      buildImageStream({
        namespace: demo,
        name: 'multi',
        tags: [{ tag: 'latest', history: [list] }],
      }),
    );
    const child = await isi(`multi@${arm.digest.slice(7, 19)}`);
    expect(child.status).toBe(200);
    expect(child.body).toHaveProperty(['image', 'dockerImageMetadata', 'Architecture'], 'arm64');
  });

  it('adds a user whose token works for its namespaces only', async () => {
    const user = sim.addUser({ name: 'ci-bot', namespaces: [demo] });
    expect(user.token).toMatch(/^sha256~[A-Za-z0-9_-]{43}$/);
    expect(sim.token('ci-bot')).toBe(user.token);
    const ok = await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'app'), { token: user.token });
    const no = await fetchRaw(sim.url, apiPath('team-b', 'imagestreams', 'shared'), {
      token: user.token,
    });
    expect([ok.status, no.status]).toStrictEqual([200, 403]);
  });

  it('keeps each simulator’s dataset separate', async () => {
    sim.deleteImage(DEMO.digests.appV1);
    const other = await startSimulator({ dataset: createDataset() });
    try {
      const res = await fetchRaw(
        other.url,
        apiPath(demo, 'imagestreamimages', `app@${DEMO.digests.appV1}`),
        {
          token: other.token('developer'),
        },
      );
      expect(res.status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('streams many distinct large generated images', async () => {
    const images = generateImages(200, {
      seedPrefix: 'test/large',
      layerCount: 20,
      paddingBytes: 20_000,
    });
    for (const b of images) sim.putImage(b.image);
    sim.putStream(
      buildImageStream({
        namespace: demo,
        name: 'large',
        tags: images.map((b, i) => ({ tag: `t${i}`, history: [b] })),
      }),
    );
    const sizes = await Promise.all(
      images.slice(0, 50).map(async (b) => {
        const res = await fetchRaw(
          sim.url,
          apiPath(demo, 'imagestreamimages', `large@${b.digest}`),
          { token: sim.token('developer') },
        );
        expect(res.status).toBe(200);
        return res.text.length;
      }),
    );
    for (const size of sizes) expect(size).toBeGreaterThan(20_000);
  });
});
