/** `Query.imageStreamTag`: parse `<stream>:<tag>` (a malformed name never reaches the API), then load. */
import type { QueryResolvers } from '../../generated/graphql.js';
import { parseImageStreamTagName } from '../../loaders/keys.js';

/** Resolver of `Query.imageStreamTag`. */
export const imageStreamTag: NonNullable<QueryResolvers['imageStreamTag']> = (
  _root,
  { namespace, name },
  { loaders },
) => loaders.imageStreamTag.load(parseImageStreamTagName(namespace, name));
