/**
 * `Query.imageStreamImages`: one promise per name, so that a malformed name or a failed load is a
 * `null` with its own error at that index while the siblings resolve (GraphQL nulls a rejected list
 * item of a nullable item type). The per-request DataLoader batches and de-duplicates the loads.
 */
import type { QueryResolvers } from '../../generated/graphql.js';
import type { Loaders, LoadedImageStreamImage } from '../../loaders/types.js';
import { parseImageStreamImageName } from '../../loaders/keys.js';

// `async`, so a parse error becomes this item's rejection instead of failing the whole list.
async function loadOne(
  loaders: Loaders,
  namespace: string,
  name: string,
): Promise<LoadedImageStreamImage> {
  return loaders.imageStreamImage.load(parseImageStreamImageName(namespace, name));
}

/** Resolver of `Query.imageStreamImages`. */
export const imageStreamImages: NonNullable<QueryResolvers['imageStreamImages']> = (
  _root,
  { namespace, names },
  { loaders },
) => names.map((name) => loadOne(loaders, namespace, name));
