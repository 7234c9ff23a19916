/** `TagReference`: the upstream spec tag; annotations as sorted entries. */
import type { TagReferenceResolvers } from '../generated/graphql.js';
import { toStringEntries } from './StringEntry.js';
import { contentId } from './value-ids.js';

/** Resolvers of `TagReference`. */
export const TagReference: TagReferenceResolvers = {
  id: contentId('TagReference'),
  annotations: (tag) => toStringEntries(tag.annotations),
  from: (tag) => tag.from ?? null,
  reference: (tag) => tag.reference ?? null,
  generation: (tag) => tag.generation ?? null,
  importPolicy: (tag) => tag.importPolicy ?? null,
  referencePolicy: (tag) => tag.referencePolicy ?? null,
};
