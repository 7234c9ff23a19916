/** `Query.imageStreamImage`: parse `<stream>@<id>` (a malformed name never reaches the API), then load. */
import type { QueryResolvers } from '../../generated/graphql.js';
import { parseImageStreamImageName } from '../../loaders/keys.js';

/** Resolver of `Query.imageStreamImage`. */
export const imageStreamImage: NonNullable<QueryResolvers['imageStreamImage']> = (
  _root,
  { namespace, name },
  { loaders },
) => loaders.imageStreamImage.load(parseImageStreamImageName(namespace, name));
