/**
 * The live-update event types: the interface's type by the derived event's kind, and the fields
 * every event shares (its cursor, the stream as of the event).
 */
import type {
  ImageStreamEventResolvers,
  ImportFailedResolvers,
  ResyncRequiredResolvers,
  StreamDeletedResolvers,
  TagRemovedResolvers,
  TagUpdatedResolvers,
} from '../generated/graphql.js';
import { valueId } from '../loaders/node-id.js';
import type { StreamEventItem } from '../loaders/watch-hub.js';
import type { ImageStreamMapper } from './navigation-mappers.js';

const cursor = (item: StreamEventItem): string => item.cursor();
/** Each event's cursor is its own (the marks after it), so stream and cursor name one event. */
const id = (item: StreamEventItem): string =>
  valueId(item.event.kind, [item.namespace, item.name, item.cursor()]);
const stream = (item: StreamEventItem): ImageStreamMapper | null =>
  item.stream === null ? null : { namespace: item.namespace, resource: item.stream };
/** The fields of every event. */
const common = { id, cursor, stream };

/** Resolvers of the `ImageStreamEvent` interface. */
export const ImageStreamEvent: ImageStreamEventResolvers = {
  __resolveType: (item) => item.event.kind,
};

/** Resolvers of `TagUpdated`. */
export const TagUpdated: TagUpdatedResolvers = {
  ...common,
  tag: ({ event }) => event.tag,
  image: ({ event }) => event.event.image,
  previousImage: ({ event }) => event.previousImage,
  event: (item) => ({
    stream: { namespace: item.namespace, resource: item.stream ?? missingStream(item) },
    tag: item.event.tag,
    event: item.event.event,
  }),
  // The subscriber's own loaders (renewed per event): their credential and the authz-exact cache.
  imageStreamImage: ({ namespace, name, event }, _args, { loaders }) =>
    loaders.imageStreamImage.load({ namespace, stream: name, id: event.event.image }),
};

/** Resolvers of `TagRemoved`. */
export const TagRemoved: TagRemovedResolvers = {
  ...common,
  tag: ({ event }) => event.tag,
  previousImage: ({ event }) => event.previousImage,
};

/** Resolvers of `StreamDeleted`. */
export const StreamDeleted: StreamDeletedResolvers = common;

/** Resolvers of `ImportFailed`. */
export const ImportFailed: ImportFailedResolvers = {
  ...common,
  tag: ({ event }) => event.tag,
  message: ({ event }) => event.message,
  reason: ({ event }) => event.reason,
};

/** Resolvers of `ResyncRequired`. */
export const ResyncRequired: ResyncRequiredResolvers = {
  ...common,
  reason: ({ event }) => event.reason,
  tags: ({ event }) => [...event.tags],
};

/** A TagUpdated always comes with the state it was derived from. */
function missingStream(item: StreamEventItem): never {
  throw new Error(`TagUpdated of ${item.namespace}/${item.name} without a stream state`);
}
