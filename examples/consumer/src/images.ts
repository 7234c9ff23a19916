/**
 * The consumer's typed operations. `ListPlatforms` comes from `platforms.graphql`; `ImageSizes` is
 * written inline with the generated `graphql()` function. Both are checked against the gateway's
 * schema by codegen, and their results are typed without a hand-written interface.
 */
import { graphql } from '../generated/gql.js';
import { ListPlatformsDocument, type PlatformFieldsFragment } from '../generated/graphql.js';
import { execute, GatewayRequestError, type GatewayTarget } from './gateway-client.js';

/** One platform of an image, e.g. `linux/arm64/v8`. */
export type Platform = PlatformFieldsFragment;

/** The platforms of an image and whether it is a manifest list. */
export interface ImagePlatforms {
  readonly digest: string | null;
  readonly isManifestList: boolean;
  /** One entry per child manifest of a manifest list; one entry (or none) for a single image. */
  readonly platforms: readonly Platform[];
}

/**
 * The platforms of `namespace/name` (`<stream>@<digest>`), as `docker manifest inspect` would list
 * them. Throws {@link GatewayRequestError} with the gateway's code (`NOT_FOUND`, `FORBIDDEN`,
 * `UNAUTHENTICATED`, ...) when the image cannot be read.
 */
export async function listPlatforms(
  gatewayUrl: string,
  token: string | undefined,
  namespace: string,
  name: string,
): Promise<ImagePlatforms> {
  const { data, errors } = await execute({ url: gatewayUrl, token }, ListPlatformsDocument, {
    namespace,
    name,
  });
  const image = data?.imageStreamImage?.image;
  if (image === undefined) throw new GatewayRequestError(200, errors);
  return {
    digest: image.digest,
    isManifestList: image.isManifestList,
    platforms: image.platforms ?? (image.platform === null ? [] : [image.platform]),
  };
}

const ImageSizesQuery = graphql(`
  query ImageSizes($namespace: String!, $names: [String!]!) {
    imageStreamImages(namespace: $namespace, names: $names) {
      image {
        digest
        layerCount
        totalLayerSize
      }
    }
  }
`);

/** The download size of one image, or why it could not be read. */
export type ImageSize =
  | {
      readonly name: string;
      readonly digest: string | null;
      readonly layerCount: number | null;
      /** Bytes of distinct layers; null for a manifest list. */
      readonly totalLayerSize: number | null;
    }
  | { readonly name: string; readonly error: string };

/**
 * The sizes of several images of one namespace in one request. A name that fails (`NOT_FOUND`,
 * `BAD_USER_INPUT`, ...) gets its error code in its own entry; the others are unaffected.
 */
export async function imageSizes(
  target: GatewayTarget,
  namespace: string,
  names: readonly string[],
): Promise<ImageSize[]> {
  const { data, errors } = await execute(target, ImageSizesQuery, { namespace, names: [...names] });
  const codeAt = (index: number): string =>
    errors.find((error) => error.path?.[1] === index)?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  return names.map((name, index) => {
    const image = data?.imageStreamImages[index]?.image;
    return image === undefined
      ? { name, error: codeAt(index) }
      : {
          name,
          digest: image.digest,
          layerCount: image.layerCount,
          totalLayerSize: image.totalLayerSize,
        };
  });
}
