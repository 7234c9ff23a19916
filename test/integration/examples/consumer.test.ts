import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { GatewayServer } from '../../../src/server/create-gateway-server.js';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import type { ImageStreamImageResource } from '../../../src/model/resources.js';
import {
  imageSizes,
  listPlatforms,
  type ImagePlatforms,
  type Platform,
} from '../../../examples/consumer/src/images.js';
import { GatewayRequestError } from '../../../examples/consumer/src/gateway-client.js';
import { buildImageStreamImage, digestOf } from '../../support/factories.js';
import { createClientGateway } from '../../support/fake-gateway.js';
import { noNavigation } from '../../support/no-navigation.js';

const single = digestOf('consumer-single');
const list = digestOf('consumer-list');
const arm = digestOf('consumer-arm64');

/** A manifest list with two children, as the API server returns it through its stream. */
function manifestList(ref: {
  namespace: string;
  stream: string;
  id: string;
}): ImageStreamImageResource {
  const base = buildImageStreamImage({
    digest: list,
    namespace: ref.namespace,
    stream: ref.stream,
    id: ref.id,
  });
  const { dockerImageLayers: _layers, dockerImageMetadata: _metadata, ...image } = base.image;
  return {
    ...base,
    image: {
      ...image,
      dockerImageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
      dockerImageManifests: [
        {
          digest: single,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          manifestSize: 1000,
          architecture: 'amd64',
          os: 'linux',
        },
        {
          digest: arm,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          manifestSize: 1000,
          architecture: 'arm64',
          os: 'linux',
          variant: 'v8',
        },
      ],
    },
  };
}

let server: GatewayServer;
let url: string;
const tokens: (string | undefined)[] = [];

beforeAll(async () => {
  const client: OpenShiftClient = {
    getImageStreamImage(ref, credential, options) {
      tokens.push(credential.token);
      options?.onAttempt?.();
      if (ref.stream === 'missing') {
        return Promise.reject(
          new GatewayError(
            'NOT_FOUND',
            `Image stream "missing" was not found in namespace "${ref.namespace}".`,
            {
              details: { httpStatus: 404, resource: 'imagestreams' },
            },
          ),
        );
      }
      if (ref.id === list) return Promise.resolve(manifestList(ref));
      return Promise.resolve(
        buildImageStreamImage({
          digest: ref.id,
          namespace: ref.namespace,
          stream: ref.stream,
          id: ref.id,
          layers: 3,
        }),
      );
    },
    ...noNavigation,
    probe: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  server = await createClientGateway(client);
  url = await server.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await server.close();
});

describe('example consumer (codegen client preset) against a gateway on port 0', () => {
  it('lists the platforms of a manifest list, typed by the generated operation', async () => {
    const result = await listPlatforms(url, 'sha256~alice', 'demo', `ubuntu@${list}`);
    expectTypeOf(result).toEqualTypeOf<ImagePlatforms>();
    expectTypeOf(result.platforms[0]).toEqualTypeOf<Platform | undefined>();
    expectTypeOf<Platform>().toEqualTypeOf<{
      os: string | null;
      architecture: string;
      variant: string | null;
    }>();
    expect(result).toEqual({
      digest: list,
      isManifestList: true,
      platforms: [
        { os: 'linux', architecture: 'amd64', variant: null },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ],
    });
    expect(tokens.at(-1)).toBe('sha256~alice');
  });

  it('lists the one platform of a single-platform image', async () => {
    const result = await listPlatforms(url, 'sha256~alice', 'demo', `ubuntu@${single}`);
    expect(result).toEqual({
      digest: single,
      isManifestList: false,
      platforms: [{ os: null, architecture: 'amd64', variant: null }],
    });
  });

  it('throws the gateway’s error code when the image cannot be read', async () => {
    const error: unknown = await listPlatforms(
      url,
      'sha256~alice',
      'demo',
      `missing@${single}`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayRequestError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    const unauthenticated: unknown = await listPlatforms(
      url,
      undefined,
      'demo',
      `ubuntu@${single}`,
    ).catch((e: unknown) => e);
    expect(unauthenticated).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('runs an inline graphql() operation: sizes of several images, a failed name in its own entry', async () => {
    const sizes = await imageSizes({ url, token: 'sha256~alice' }, 'demo', [
      `ubuntu@${single}`,
      `missing@${single}`,
      `ubuntu@${list}`,
    ]);
    expect(sizes).toEqual([
      { name: `ubuntu@${single}`, digest: single, layerCount: 3, totalLayerSize: 3003 },
      { name: `missing@${single}`, error: 'NOT_FOUND' },
      { name: `ubuntu@${list}`, digest: list, layerCount: null, totalLayerSize: null },
    ]);
  });
});
