/** `Node`: which object type a `node(id:)` answer is, told apart by the mapper's shape. */
import type { NodeResolvers } from '../generated/graphql.js';

/** Resolvers of the `Node` interface. */
export const Node: NodeResolvers = {
  __resolveType: (parent) => {
    if ('tag' in parent && 'stream' in parent) return 'ImageStreamTag';
    if ('origin' in parent) return 'image' in parent.resource ? 'ImageStreamImage' : 'Image';
    return 'ImageStream';
  },
};
