/** `ImageStreamSpec`: the upstream `spec`. */
import type { ImageStreamSpecResolvers } from '../generated/graphql.js';

/** Resolvers of `ImageStreamSpec`. */
export const ImageStreamSpec: ImageStreamSpecResolvers = {
  lookupPolicy: ({ resource }) => resource.spec.lookupPolicy ?? null,
  dockerImageRepository: ({ resource }) => resource.spec.dockerImageRepository ?? null,
  tags: ({ resource }) => resource.spec.tags ?? [],
};
