/**
 * `TagEvent`: upstream fields, pull specs by referencePolicy, and the image through the same
 * stream by full digest (one load: DataLoader and the caller's cache de-duplicate).
 */
import type { TagEventResolvers } from '../generated/graphql.js';
import { tagEventId } from '../loaders/node-id.js';
import { publicPullSpec, pullSpec } from './image-stream-derived.js';

/** Resolvers of `TagEvent`. */
export const TagEvent: TagEventResolvers = {
  id: ({ stream, tag, event }) =>
    tagEventId(
      stream.namespace,
      stream.resource.metadata.name ?? '',
      tag,
      event.image,
      event.created,
    ),
  created: ({ event }) => event.created,
  dockerImageReference: ({ event }) => event.dockerImageReference,
  image: ({ event }) => event.image,
  generation: ({ event }) => event.generation,
  tag: ({ tag }) => tag,
  imageStreamImage: ({ stream, event }, _args, { loaders }) =>
    loaders.imageStreamImage.load({
      namespace: stream.namespace,
      stream: stream.resource.metadata.name ?? '',
      id: event.image,
    }),
  pullSpec: (entry) => pullSpec(entry),
  publicPullSpec: (entry) => publicPullSpec(entry),
};
