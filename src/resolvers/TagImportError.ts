/** `TagImportError`: a tag's failing `ImportSuccess` condition. */
import type { TagImportErrorResolvers } from '../generated/graphql.js';

/** Resolvers of `TagImportError`. */
export const TagImportError: TagImportErrorResolvers = {
  tag: ({ tag }) => tag,
  message: ({ condition }) => condition.message ?? null,
  reason: ({ condition }) => condition.reason ?? null,
  lastTransitionTime: ({ condition }) => condition.lastTransitionTime ?? null,
};
