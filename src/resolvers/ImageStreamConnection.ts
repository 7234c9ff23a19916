/** `ImageStreamConnection`: a page of streams as a Relay connection (cursors: loaders/cursor.ts). */
import type { ImageStreamConnectionResolvers } from '../generated/graphql.js';
import { encodeCursor } from '../loaders/cursor.js';
import type { ImageStreamConnectionMapper, ImageStreamEdgeMapper } from './navigation-mappers.js';

function edges(page: ImageStreamConnectionMapper): ImageStreamEdgeMapper[] {
  const items = page.list.items.slice(page.skip);
  const next = page.list.metadata.continue;
  return items.map((resource, i) => ({
    // The last edge of a page with more pages continues with the server's own token, so walking
    // with endCursor sends that token and `limit=first` unchanged.
    cursor:
      i === items.length - 1 && next !== undefined
        ? encodeCursor(page.cursorScope, { token: next, skip: 0 })
        : encodeCursor(page.cursorScope, { token: page.pageToken, skip: page.skip + i + 1 }),
    node: { namespace: page.namespace, resource },
  }));
}

/** Resolvers of `ImageStreamConnection`. */
export const ImageStreamConnection: ImageStreamConnectionResolvers = {
  edges: (page) => edges(page),
  pageInfo: (page) => ({
    hasNextPage: page.list.metadata.continue !== undefined,
    endCursor: edges(page).at(-1)?.cursor ?? null,
  }),
  remainingItemCount: ({ list }) => list.metadata.remainingItemCount ?? null,
  resourceVersion: ({ list }) => list.metadata.resourceVersion ?? null,
};
