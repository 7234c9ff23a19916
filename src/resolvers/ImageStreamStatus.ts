/** `ImageStreamStatus`: the upstream `status`; each tag list carries its stream. */
import type { ImageStreamStatusResolvers } from '../generated/graphql.js';
import { imageStreamPartId } from '../loaders/node-id.js';

/** Resolvers of `ImageStreamStatus`. */
export const ImageStreamStatus: ImageStreamStatusResolvers = {
  id: ({ namespace, resource }) =>
    imageStreamPartId('ImageStreamStatus', namespace, resource.metadata.name ?? ''),
  dockerImageRepository: ({ resource }) => resource.status?.dockerImageRepository ?? null,
  publicDockerImageRepository: ({ resource }) =>
    resource.status?.publicDockerImageRepository ?? null,
  tags: (stream) => (stream.resource.status?.tags ?? []).map((list) => ({ stream, list })),
};
