/** `ImageStreamTagSummary`: one row of the tag table (spec and status merged by name). */
import type { ImageStreamTagSummaryResolvers, TagState } from '../generated/graphql.js';
import { imageStreamTagSummaryId } from '../loaders/node-id.js';
import { importError, publicPullSpec, pullSpec, tagEvents } from './image-stream-derived.js';
import { imageOf } from './mappers.js';
import type { ImageStreamTagSummaryMapper, TagEventMapper } from './navigation-mappers.js';

function state({ spec, status }: ImageStreamTagSummaryMapper): TagState {
  if (spec !== undefined && status !== undefined) return 'BOTH';
  return spec === undefined ? 'STATUS_ONLY' : 'SPEC_ONLY';
}

function current(row: ImageStreamTagSummaryMapper): TagEventMapper | null {
  const event = row.status?.items?.[0];
  return event === undefined ? null : { stream: row.stream, tag: row.name, event };
}

/** Resolvers of `ImageStreamTagSummary`. */
export const ImageStreamTagSummary: ImageStreamTagSummaryResolvers = {
  id: ({ stream, name }) =>
    imageStreamTagSummaryId(stream.namespace, stream.resource.metadata.name ?? '', name),
  name: ({ name }) => name,
  state: (row) => state(row),
  spec: ({ spec }) => spec ?? null,
  history: ({ stream, name, status }, { first }) => tagEvents(stream, name, status?.items, first),
  current: (row) => current(row),
  lastUpdated: (row) => current(row)?.event.created ?? null,
  conditions: ({ status }) => status?.conditions ?? [],
  importError: ({ name, status }) => importError(name, status?.conditions),
  image: async (row, _args, { loaders }) => {
    const head = current(row);
    if (head === null) return null;
    return imageOf(
      await loaders.imageStreamImage.load({
        namespace: row.stream.namespace,
        stream: row.stream.resource.metadata.name ?? '',
        id: head.event.image,
      }),
    );
  },
  pullSpec: (row) => {
    const head = current(row);
    return head === null ? null : pullSpec(head);
  },
  publicPullSpec: (row) => {
    const head = current(row);
    return head === null ? null : publicPullSpec(head);
  },
};
