/** `NamedTagEventList`: one status tag; its events carry the stream and tag. */
import type { NamedTagEventListResolvers } from '../generated/graphql.js';
import { tagEvents } from './image-stream-derived.js';
import { imageStreamPartId } from '../loaders/node-id.js';

/** Resolvers of `NamedTagEventList`. */
export const NamedTagEventList: NamedTagEventListResolvers = {
  id: ({ stream, list }) =>
    imageStreamPartId(
      'NamedTagEventList',
      stream.namespace,
      stream.resource.metadata.name ?? '',
      list.tag,
    ),
  tag: ({ list }) => list.tag,
  items: ({ stream, list }) => tagEvents(stream, list.tag, list.items),
  conditions: ({ list }) => list.conditions ?? [],
};
