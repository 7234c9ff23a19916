/** `ImageManifest.image` resolves children through the same namespace and stream as the list. */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import type { ImageStreamImageResource } from '../../../src/model/resources.js';
import {
  imageStreamImageOf,
  createFakeLoaders,
  execute,
  fixtures,
} from '../../support/resolver-harness.js';

const LIST = 'sha256:5020d54ec2de60c4e187128b5a03adda261a7fe78c9c500ffd24ff4af476fb41';
const AMD64 = 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0';
const ARM64 = 'sha256:1a06d68cb9117b52965035a5b0fa4c1470ef892e6062ffedb1af1922952e0950';

/** The list and both children, readable in `namespace` through `stream`. */
function streamDocuments(namespace: string, stream: string): ImageStreamImageResource[] {
  const at = (doc: ImageStreamImageResource): ImageStreamImageResource => ({
    ...doc,
    metadata: { ...doc.metadata, namespace, name: `${stream}@${doc.image.metadata.name}` },
  });
  return [
    at(fixtures.manifestList()),
    at(fixtures.childViaList()),
    at(imageStreamImageOf(fixtures.imageWithSignatures())),
  ];
}

const QUERY = `query ($namespace: String!, $name: String!) {
  imageStreamImage(namespace: $namespace, name: $name) {
    image {
      digest isManifestList layerCount totalLayerSize dockerImageLayers { name }
      platform { os architecture variant }
      platforms { os architecture variant }
      dockerImageManifests {
        digest architecture os variant manifestSize
        image { digest isManifestList layerCount platform { architecture os variant } }
      }
    }
  }
}`;

describe('manifest lists', () => {
  it('loads each child through the same namespace and stream, with the child digest', async () => {
    const fake = createFakeLoaders(streamDocuments('team-a', 'base'));
    const result = await execute(fake.loaders, QUERY, {
      namespace: 'team-a',
      name: 'base@5020d54ec2de', // a partial id: children still use the stream, not the name
    });
    expect(result.errors).toBeUndefined();
    expect(fake.requested).toEqual([
      { namespace: 'team-a', stream: 'base', id: '5020d54ec2de' },
      { namespace: 'team-a', stream: 'base', id: AMD64 },
      { namespace: 'team-a', stream: 'base', id: ARM64 },
    ]);
    expect(result.data).toEqual({
      imageStreamImage: {
        image: {
          digest: LIST,
          isManifestList: true,
          layerCount: null,
          totalLayerSize: null,
          dockerImageLayers: null,
          platform: null,
          platforms: [
            { os: 'linux', architecture: 'amd64', variant: null },
            { os: 'linux', architecture: 'arm64', variant: 'v8' },
          ],
          dockerImageManifests: [
            {
              digest: AMD64,
              architecture: 'amd64',
              os: 'linux',
              variant: null,
              manifestSize: 1152,
              image: {
                digest: AMD64,
                isManifestList: false,
                layerCount: 4,
                platform: { architecture: 'amd64', os: null, variant: null },
              },
            },
            {
              digest: ARM64,
              architecture: 'arm64',
              os: 'linux',
              variant: 'v8',
              manifestSize: 1152,
              image: {
                digest: ARM64,
                isManifestList: false,
                layerCount: 4,
                platform: { architecture: 'arm64', os: null, variant: null },
              },
            },
          ],
        },
      },
    });
  });

  it('nulls only the child whose load failed, with its error at that entry', async () => {
    const fake = createFakeLoaders(streamDocuments('demo', 'ubuntu'));
    fake.failures.set(`demo/ubuntu@${ARM64}`, new GatewayError('FORBIDDEN', 'forbidden'));
    const result = await execute<{
      imageStreamImage: { image: { dockerImageManifests: { image: unknown }[] } };
    }>(fake.loaders, QUERY, { namespace: 'demo', name: `ubuntu@${LIST}` });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['imageStreamImage', 'image', 'dockerImageManifests', 1, 'image'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    const [amd64, arm64] = result.data!.imageStreamImage.image.dockerImageManifests;
    expect(amd64?.image).toMatchObject({ digest: AMD64 });
    expect(arm64?.image).toBeNull();
  });

  it('recognises an OCI index by its media type even without entries', async () => {
    const image = fixtures.manifestList().image;
    delete image.dockerImageManifests;
    image.dockerImageManifestMediaType = 'application/vnd.oci.image.index.v1+json';
    image.dockerImageMetadata = { ...image.dockerImageMetadata, Architecture: 'amd64' };
    const fake = createFakeLoaders([imageStreamImageOf(image)]);
    const result = await execute(fake.loaders, QUERY, {
      namespace: 'demo',
      name: `ubuntu@${LIST}`,
    });
    expect(result.data).toMatchObject({
      imageStreamImage: {
        image: {
          isManifestList: true,
          platform: null,
          platforms: null,
          dockerImageManifests: null,
        },
      },
    });
  });
});
