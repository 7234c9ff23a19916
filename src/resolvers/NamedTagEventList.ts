/** `NamedTagEventList`: one status tag; its events carry the stream and tag. */
import type { NamedTagEventListResolvers } from '../generated/graphql.js';
import { tagEvents } from './image-stream-derived.js';

/** Resolvers of `NamedTagEventList`. */
export const NamedTagEventList: NamedTagEventListResolvers = {
  tag: ({ list }) => list.tag,
  items: ({ stream, list }) => tagEvents(stream, list.tag, list.items),
  conditions: ({ list }) => list.conditions ?? [],
};
