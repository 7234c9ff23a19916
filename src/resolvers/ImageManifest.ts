/**
 * `ImageManifest`: a manifest-list entry (parent `{ resource, origin }`). Its `image` is read
 * through the same namespace and stream as the list: the API resolves `<stream>@<child digest>`
 * because its lookup covers manifest-list children (API.md 0.3, 1d.5). One load per child; the
 * per-request DataLoader batches siblings and de-duplicates.
 */
import type { ImageManifestResolvers } from '../generated/graphql.js';
import { imageOf } from './mappers.js';
import { valueId } from '../loaders/node-id.js';

/** Resolvers of `ImageManifest`. */
export const ImageManifest: ImageManifestResolvers = {
  // The entry alone: its image has one id by digest, whichever stream it was read through.
  id: ({ resource }) => valueId('ImageManifest', resource),
  digest: ({ resource }) => resource.digest,
  mediaType: ({ resource }) => resource.mediaType,
  manifestSize: ({ resource }) => resource.manifestSize,
  architecture: ({ resource }) => resource.architecture,
  os: ({ resource }) => resource.os,
  variant: ({ resource }) => resource.variant ?? null,
  image: async ({ resource, origin }, _args, { loaders }) =>
    imageOf(
      await loaders.imageStreamImage.load({
        namespace: origin.namespace,
        stream: origin.stream,
        id: resource.digest,
      }),
    ),
};
