/** `Query.imageStream`: check the names (a malformed one never reaches the API), then load. */
import type { QueryResolvers } from '../../generated/graphql.js';
import { parseImageStreamRef } from '../../loaders/keys.js';

/** Resolver of `Query.imageStream`. */
export const imageStream: NonNullable<QueryResolvers['imageStream']> = (
  _root,
  { namespace, name },
  { loaders },
) => loaders.imageStream.load(parseImageStreamRef(namespace, name));
