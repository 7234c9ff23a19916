/** `TagImportError`: a tag's failing `ImportSuccess` condition. */
import type { TagImportErrorResolvers } from '../generated/graphql.js';
import { valueId } from '../loaders/node-id.js';

/** Resolvers of `TagImportError`. */
export const TagImportError: TagImportErrorResolvers = {
  id: ({ tag, condition }) => valueId('TagImportError', condition, tag),
  tag: ({ tag }) => tag,
  message: ({ condition }) => condition.message ?? null,
  reason: ({ condition }) => condition.reason ?? null,
  lastTransitionTime: ({ condition }) => condition.lastTransitionTime ?? null,
};
