/**
 * `ImageStreamTag`: upstream fields; `image` is the Image read through the stream by digest (the
 * istag's embedded copy has a per-tag reference and annotations, which must not share the Image's
 * digest-only id).
 */
import type { ImageStreamTagResolvers } from '../generated/graphql.js';
import { imageStreamTagId } from '../loaders/node-id.js';
import { imageOf } from './mappers.js';
import { objectHeader } from './object-header.js';

/** Resolvers of `ImageStreamTag`. */
export const ImageStreamTag: ImageStreamTagResolvers = {
  id: ({ namespace, stream, tag }) => imageStreamTagId(namespace, stream, tag),
  ...objectHeader,
  tag: ({ resource }) => resource.tag ?? null,
  generation: ({ resource }) => resource.generation ?? null,
  lookupPolicy: ({ resource }) => resource.lookupPolicy ?? null,
  conditions: ({ resource }) => resource.conditions ?? [],
  image: async ({ namespace, stream, resource }, _args, { loaders }) =>
    imageOf(
      await loaders.imageStreamImage.load({
        namespace,
        stream,
        id: resource.image.metadata.name ?? '',
      }),
    ),
  dockerImageReference: ({ resource }) => resource.image.dockerImageReference ?? null,
  digest: ({ resource }) => resource.image.metadata.name ?? '',
  imageStream: ({ namespace, stream }, _args, { loaders }) =>
    loaders.imageStream.load({ namespace, name: stream }),
};
