/** `ImageStreamSpec`: the upstream `spec`. */
import type { ImageStreamSpecResolvers } from '../generated/graphql.js';
import { imageStreamPartId } from '../loaders/node-id.js';

/** Resolvers of `ImageStreamSpec`. */
export const ImageStreamSpec: ImageStreamSpecResolvers = {
  id: ({ namespace, resource }) =>
    imageStreamPartId('ImageStreamSpec', namespace, resource.metadata.name ?? ''),
  lookupPolicy: ({ resource }) => resource.spec.lookupPolicy ?? null,
  dockerImageRepository: ({ resource }) => resource.spec.dockerImageRepository ?? null,
  tags: ({ resource }) => resource.spec.tags ?? [],
};
