/** Derived Image fields, ImageStreamImage name parts, and how upstream maps are rendered. */
import { describe, expect, it } from 'vitest';
import type { ImageLayerResource } from '../../../src/model/resources.js';
import {
  buildImage,
  imageStreamImageOf,
  createFakeLoaders,
  execute,
  fixtures,
} from '../../support/resolver-harness.js';

const DIGEST = 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0';
const GiB = 1024 ** 3;

async function queryImage(image = buildImage(), selection: string, name = `ubuntu@${DIGEST}`) {
  const fake = createFakeLoaders([imageStreamImageOf(image)]);
  return execute(
    fake.loaders,
    `{ imageStreamImage(namespace: "demo", name: "${name}") { image ${selection} } }`,
  );
}

const layer = (name: string, size: number): ImageLayerResource => ({
  name,
  size,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
});

describe('derived Image fields', () => {
  it('sums distinct layer sizes, counts every listed layer and reports the architecture', async () => {
    const result = await queryImage(
      fixtures.ociPushed(),
      '{ digest layerCount totalLayerSize isManifestList platform { os architecture variant } platforms { os } }',
      'ubuntu@210578ab5cf3',
    );
    expect(result).toEqual({
      data: {
        imageStreamImage: {
          image: {
            digest: 'sha256:210578ab5cf3d0286f9c0140d2d81b47d7ff02dd1d2860b6701dc36c1b3e08e4',
            layerCount: 8,
            // 81522888 + 1803 + 17214436 + 143050690 + 75125109 + 867 + 916 + 1049
            totalLayerSize: 316917758,
            isManifestList: false,
            platform: { os: null, architecture: 'amd64', variant: null },
            platforms: null,
          },
        },
      },
    });
  });

  it('counts a layer digest listed twice once in totalLayerSize but twice in layerCount', async () => {
    const image = buildImage({
      dockerImageLayers: [
        layer('sha256:a', 3 * GiB),
        layer('sha256:b', 10),
        layer('sha256:a', 3 * GiB),
      ],
    });
    const result = await queryImage(image, '{ layerCount totalLayerSize }');
    expect(result.data).toEqual({
      imageStreamImage: { image: { layerCount: 3, totalLayerSize: 3 * GiB + 10 } },
    });
  });

  it('has no platform when the metadata has no architecture', async () => {
    const image = buildImage({ dockerImageMetadata: { kind: 'DockerImage' } });
    const result = await queryImage(image, '{ platform { architecture } }');
    expect(result.data).toEqual({ imageStreamImage: { image: { platform: null } } });
  });
});

describe('ImageStreamImage name parts', () => {
  it('echoes the requested partial id while the image carries the full digest', async () => {
    const fake = createFakeLoaders([fixtures.partialDigest()]);
    const result = await execute(
      fake.loaders,
      `{ imageStreamImage(namespace: "demo", name: "ubuntu@sha256:1a06d68cb911") {
        kind apiVersion stream requestedId metadata { name } image { digest metadata { name } }
      } }`,
    );
    expect(result.data).toEqual({
      imageStreamImage: {
        kind: 'ImageStreamImage',
        apiVersion: 'image.openshift.io/v1',
        stream: 'ubuntu',
        requestedId: 'sha256:1a06d68cb911',
        metadata: { name: 'ubuntu@sha256:1a06d68cb911' },
        image: {
          digest: 'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950',
          metadata: {
            name: 'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950',
          },
        },
      },
    });
  });
});

describe('maps', () => {
  it('renders string maps as entries sorted by key and looks single keys up', async () => {
    const image = buildImage({
      metadata: {
        name: DIGEST,
        labels: { zeta: '1', alpha: '2', 'Beta.example/x': '3' },
        annotations: { 'b/a': 'x', 'a/b': 'y' },
      },
    });
    const result = await queryImage(
      image,
      `{ metadata {
        labels { key value } annotations { key value }
        alpha: label(key: "alpha") none: label(key: "none") proto: label(key: "constructor")
        ab: annotation(key: "a/b")
      } }`,
    );
    expect(result.data).toEqual({
      imageStreamImage: {
        image: {
          metadata: {
            labels: [
              { key: 'Beta.example/x', value: '3' },
              { key: 'alpha', value: '2' },
              { key: 'zeta', value: '1' },
            ],
            annotations: [
              { key: 'a/b', value: 'y' },
              { key: 'b/a', value: 'x' },
            ],
            alpha: '2',
            none: null,
            proto: null,
            ab: 'y',
          },
        },
      },
    });
  });

  it('renders Docker labels as sorted entries and ExposedPorts/Volumes as sorted keys', async () => {
    const image = buildImage({
      dockerImageMetadata: {
        kind: 'DockerImage',
        Config: {
          Labels: { version: '1', name: 'ubi8/python-38' },
          ExposedPorts: { '8443/tcp': {}, '8080/tcp': {} },
          Volumes: { '/var/lib/data': {}, '/tmp': {} },
        },
      },
    });
    const result = await queryImage(
      image,
      `{ dockerImageMetadata { Config {
        Labels { key value } name: label(key: "name") ExposedPorts Volumes Env
      } ContainerConfig { Hostname } } }`,
    );
    expect(result.data).toEqual({
      imageStreamImage: {
        image: {
          dockerImageMetadata: {
            Config: {
              Labels: [
                { key: 'name', value: 'ubi8/python-38' },
                { key: 'version', value: '1' },
              ],
              name: 'ubi8/python-38',
              ExposedPorts: ['8080/tcp', '8443/tcp'],
              Volumes: ['/tmp', '/var/lib/data'],
              Env: null,
            },
            ContainerConfig: null,
          },
        },
      },
    });
  });
});
