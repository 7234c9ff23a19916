import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  DEMO,
  buildImage,
  buildManifestList,
  createDataset,
  generateImages,
  type BuiltImage,
  type ImageResource,
} from '../../../src/simulator/index.js';

const sha = (bytes: string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const dataset = createDataset();
const images = new Map(dataset.images.map((i) => [i.metadata.name ?? '', i]));

interface ManifestJson {
  mediaType: string;
  config?: { size: number; digest: string; mediaType: string };
  layers?: { size: number; digest: string; mediaType: string }[];
  manifests?: {
    digest: string;
    size: number;
    mediaType: string;
    platform: { architecture: string; os: string; variant?: string };
  }[];
}

/** Checks an Image against its raw manifest the way the importer derives it. */
function expectConsistent(image: ImageResource, manifest: string): void {
  expect(sha(manifest)).toBe(image.metadata.name);
  const parsed = JSON.parse(manifest) as ManifestJson;
  expect(image.dockerImageManifestMediaType).toBe(parsed.mediaType);
  if (parsed.manifests) {
    expect(image.dockerImageLayers ?? []).toHaveLength(0);
    expect(image.dockerImageMetadata?.Id).toBe(image.metadata.name);
    expect(image.dockerImageManifests).toStrictEqual(
      parsed.manifests.map((m) => ({
        digest: m.digest,
        mediaType: m.mediaType,
        manifestSize: m.size,
        architecture: m.platform.architecture,
        os: m.platform.os,
        ...(m.platform.variant === undefined ? {} : { variant: m.platform.variant }),
      })),
    );
    for (const m of parsed.manifests) {
      const child = dataset.manifests[m.digest];
      if (child !== undefined) expect(Buffer.byteLength(child)).toBe(m.size);
      const childImage = images.get(m.digest);
      if (childImage)
        expect(childImage.dockerImageMetadata?.Architecture).toBe(m.platform.architecture);
    }
    return;
  }
  const layers = parsed.layers ?? [];
  expect(image.dockerImageLayers).toStrictEqual(
    layers.map((l) => ({ name: l.digest, size: l.size, mediaType: l.mediaType })),
  );
  expect(image.dockerImageMetadata?.Id).toBe(parsed.config?.digest);
  const unique = new Map(layers.map((l) => [l.digest, l.size]));
  const layerBytes = [...unique.values()].reduce((a, b) => a + b, 0);
  expect(image.dockerImageMetadata?.Size).toBe((parsed.config?.size ?? 0) + layerBytes);
  const config = parsed.config ? dataset.configs[parsed.config.digest] : undefined;
  if (config !== undefined) {
    expect(sha(config)).toBe(parsed.config?.digest);
    expect(Buffer.byteLength(config)).toBe(parsed.config?.size);
  }
}

describe('demo dataset consistency', () => {
  it('has digests equal to the sha256 of the real ubuntu manifest bytes', () => {
    expect(sha(dataset.manifests[DEMO.digests.manifestList] ?? '')).toBe(
      'sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41',
    );
    expect(sha(dataset.manifests[DEMO.digests.amd64] ?? '')).toBe(
      'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0',
    );
    expect(sha(dataset.manifests[DEMO.digests.arm64] ?? '')).toBe(
      'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950',
    );
  });

  it('derives every image that has a raw manifest from it (digest, layers, config, Size, children)', () => {
    let checked = 0;
    for (const [digest, manifest] of Object.entries(dataset.manifests)) {
      const image = images.get(digest);
      if (!image) continue; // pruned
      expectConsistent(image, manifest);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(60);
  });

  it('has a raw manifest for every image except the two real single-arch examples', () => {
    const without = dataset.images
      .map((i) => i.metadata.name ?? '')
      .filter((d) => dataset.manifests[d] === undefined);
    expect(without.sort()).toStrictEqual([DEMO.digests.ociPushed, DEMO.digests.python].sort());
  });

  it('keeps the real examples’ Size = config size + unique layer sizes', () => {
    const python = images.get(DEMO.digests.python);
    const layers = (python?.dockerImageLayers ?? []).reduce((a, l) => a + l.size, 0);
    // community.okd sample: 9 layers + a config of 8649 bytes.
    expect((python?.dockerImageMetadata?.Size ?? 0) - layers).toBe(8649);
  });

  it('contains a layer over 2 GiB and a manifest list with amd64 and arm64/v8 children', () => {
    const big = images.get(DEMO.digests.bigData);
    expect(Math.max(...(big?.dockerImageLayers ?? []).map((l) => l.size))).toBeGreaterThan(2 ** 31);
    expect(
      images
        .get(DEMO.digests.manifestList)
        ?.dockerImageManifests?.map((m) => [m.architecture, m.variant]),
    ).toStrictEqual([
      ['amd64', undefined],
      ['arm64', 'v8'],
    ]);
  });

  it('references every DEMO digest from some stream, and the pruned ones have no Image', () => {
    const referenced = new Set(
      dataset.streams.flatMap((s) =>
        (s.status.tags ?? []).flatMap((t) => (t.items ?? []).map((i) => i.image)),
      ),
    );
    for (const [name, digest] of Object.entries(DEMO.digests)) {
      if (name === 'arm64') continue; // reachable only through the list
      expect(referenced.has(digest), name).toBe(true);
    }
    expect(images.has(DEMO.digests.pruned)).toBe(false);
    expect(images.has(DEMO.digests.rubySampleLatest)).toBe(false);
  });

  it('gives the 50 tags of many-tags 50 distinct images', () => {
    expect(new Set(DEMO.manyTagsDigests).size).toBe(50);
    for (const d of DEMO.manyTagsDigests) expect(images.has(d)).toBe(true);
  });

  it('returns a fresh copy from createDataset', () => {
    const a = createDataset();
    a.images.length = 0;
    expect(createDataset().images.length).toBe(dataset.images.length);
  });
});

describe('builders', () => {
  it('build images whose digest, config and Size are consistent, also for OCI and large layers', () => {
    const built: BuiltImage[] = [
      buildImage(),
      buildImage({ seed: 'x', format: 'oci', layerSizes: [5 * 2 ** 30, 10, 10] }),
      buildImage({ seed: 'dup', layerSizes: [100, 100] }),
    ];
    for (const b of built) {
      expect(b.digest).toBe(sha(b.manifest));
      expect(b.configDigest).toBe(sha(b.config));
      expectConsistent(b.image, b.manifest);
    }
  });

  it('build a manifest list whose entries carry the children’s digests, sizes and platforms', () => {
    const amd = buildImage({ seed: 'l' });
    const arm = buildImage({
      seed: 'l',
      platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
    });
    const list = buildManifestList([amd, arm], { format: 'oci' });
    expect(list.digest).toBe(sha(list.manifest));
    expect(
      list.image.dockerImageManifests?.map((m) => [m.digest, m.manifestSize, m.variant]),
    ).toStrictEqual([
      [amd.digest, Buffer.byteLength(amd.manifest), undefined],
      [arm.digest, Buffer.byteLength(arm.manifest), 'v8'],
    ]);
    expect(amd.digest).not.toBe(arm.digest);
  });

  it('generate distinct images of the requested size', () => {
    const images = generateImages(20, {
      seedPrefix: 'g',
      layerCount: 4,
      layerSize: 1_000_000,
      paddingBytes: 5_000,
    });
    expect(new Set(images.map((i) => i.digest)).size).toBe(20);
    for (const b of images) {
      expect(b.image.dockerImageLayers).toHaveLength(4);
      expect(JSON.stringify(b.image).length).toBeGreaterThan(5_000);
      expect(b.digest).toBe(sha(b.manifest));
    }
  });
});
