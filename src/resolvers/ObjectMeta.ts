/** `ObjectMeta`: maps as sorted entries, plus one-key lookups; the rest are upstream fields as-is. */
import type { ObjectMetaResolvers } from '../generated/graphql.js';
import { stringEntryValue, toStringEntries } from './StringEntry.js';
import { contentId } from './value-ids.js';

/** Resolvers of `ObjectMeta`. */
export const ObjectMeta: ObjectMetaResolvers = {
  id: contentId('ObjectMeta'),
  labels: (meta) => toStringEntries(meta.labels),
  label: (meta, { key }) => stringEntryValue(meta.labels, key),
  annotations: (meta) => toStringEntries(meta.annotations),
  annotation: (meta, { key }) => stringEntryValue(meta.annotations, key),
};
