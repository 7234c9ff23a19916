/**
 * `Image`: every upstream field under its JSON name (the parent is `{ resource, origin }`), the
 * children carrying the same origin, and a few derived fields users would otherwise compute.
 */
import type { ImageResolvers } from '../generated/graphql.js';
import { imageId } from '../loaders/node-id.js';
import type { ImageResource } from '../model/resources.js';
import type { PlatformMapper } from './mappers.js';
import { objectHeader } from './object-header.js';

/** Manifest media types that describe a list of per-platform manifests. */
const MANIFEST_LIST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
]);

/** True for a manifest list or OCI index: it has child manifests, or a list media type. */
export function isManifestList(image: ImageResource): boolean {
  return (
    (image.dockerImageManifests?.length ?? 0) > 0 ||
    MANIFEST_LIST_MEDIA_TYPES.has(image.dockerImageManifestMediaType ?? '')
  );
}

/** Sum of the sizes of the distinct layer blobs (a digest listed twice counts once). */
export function totalLayerSize(image: ImageResource): number | null {
  const layers = image.dockerImageLayers;
  if (layers === undefined) {
    return null;
  }
  const sizes = new Map<string, number>();
  for (const layer of layers) {
    sizes.set(layer.name, layer.size);
  }
  let total = 0;
  for (const size of sizes.values()) {
    total += size;
  }
  // A total beyond 2^53 is not exact; the Int64 scalar turns it into an error, never a wrong number.
  return total;
}

/** Resolvers of `Image`. */
export const Image: ImageResolvers = {
  id: ({ resource }) => imageId(resource.metadata.name ?? ''),
  ...objectHeader,
  dockerImageReference: ({ resource }) => resource.dockerImageReference ?? null,
  dockerImageMetadata: ({ resource }) => resource.dockerImageMetadata ?? null,
  dockerImageMetadataRaw: ({ resource }) => resource.dockerImageMetadata ?? null,
  dockerImageMetadataVersion: ({ resource }) => resource.dockerImageMetadataVersion ?? null,
  // The API strips these two from every ImageStreamImage; `""` means the same as absent.
  dockerImageManifest: ({ resource }) => resource.dockerImageManifest || null,
  dockerImageConfig: ({ resource }) => resource.dockerImageConfig || null,
  dockerImageManifestMediaType: ({ resource }) => resource.dockerImageManifestMediaType ?? null,
  dockerImageLayers: ({ resource }) => resource.dockerImageLayers ?? null,
  dockerImageManifests: ({ resource, origin }) =>
    resource.dockerImageManifests?.map((manifest) => ({ resource: manifest, origin })) ?? null,
  signatures: ({ resource }) => resource.signatures ?? null,
  dockerImageSignatures: ({ resource }) => resource.dockerImageSignatures ?? null,

  digest: ({ resource }) => resource.metadata.name ?? null,
  isManifestList: ({ resource }) => isManifestList(resource),
  layerCount: ({ resource }) => resource.dockerImageLayers?.length ?? null,
  totalLayerSize: ({ resource }) => totalLayerSize(resource),
  platform: ({ resource }): PlatformMapper | null => {
    const architecture = resource.dockerImageMetadata?.Architecture;
    if (isManifestList(resource) || architecture === undefined || architecture === '') {
      return null;
    }
    // The Image records no OS or variant (DockerImage has only Architecture).
    return { architecture, os: null, variant: null };
  },
  platforms: ({ resource }): PlatformMapper[] | null =>
    resource.dockerImageManifests?.map(({ architecture, os, variant }) => ({
      architecture,
      os,
      variant: variant ?? null,
    })) ?? null,
};
