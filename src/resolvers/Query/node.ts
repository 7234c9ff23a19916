/**
 * `Query.node`: decode the id (a malformed one never reaches the API), then read the object again
 * with the caller's credential through the same loaders as every other field.
 */
import type { QueryResolvers } from '../../generated/graphql.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { parseNodeId } from '../../loaders/node-id.js';
import { imageOf } from '../mappers.js';

/** Resolver of `Query.node`. */
export const node: NonNullable<QueryResolvers['node']> = async (_root, { id }, { loaders }) => {
  const ref = parseNodeId(id);
  switch (ref.type) {
    case 'ImageStream':
      return loaders.imageStream.load(ref.ref);
    case 'ImageStreamTag':
      return loaders.imageStreamTag.load(ref.ref);
    case 'ImageStreamImage':
      return loaders.imageStreamImage.load({
        namespace: ref.namespace,
        stream: ref.stream,
        id: ref.digest,
      });
    case 'Image': {
      // An Image id names only the digest; the caller reads images through streams.
      const origin = loaders.imageOrigin(ref.digest);
      if (origin === undefined) {
        throw new GatewayError(
          'NOT_FOUND',
          'This Image has not been read through an image stream by this caller recently: read it through `imageStreamImage`, `imageStream` or `imageStreamTag` first.',
          { details: { resource: 'images' } },
        );
      }
      return imageOf(await loaders.imageStreamImage.load({ ...origin, id: ref.digest }));
    }
  }
};
