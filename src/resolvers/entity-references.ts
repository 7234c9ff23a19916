/**
 * Apollo Federation entity references (`Query._entities`, schema/federation.graphql): how another
 * subgraph's `{ __typename, digest }` or `{ __typename, id }` becomes one of our objects.
 *
 * Every reference is read again through the request's own loaders, with the caller's own
 * credential, exactly as the matching root field would read it: the same DataLoader batches and
 * de-duplicates, the same cache rules apply (docs/federation.md), and each upstream GET spends the
 * request's MAX_UPSTREAM_CALLS_PER_REQUEST budget. A reference therefore never reaches data the
 * caller could not read directly.
 *
 * An `Image` names only a digest, and OpenShift lets ordinary users read images only through an
 * image stream. So an `Image` reference resolves only when this caller has read that digest
 * through a stream within CACHE_ACCESS_TTL_SECONDS (the record `loaders.imageOrigin` keeps, which
 * is written only from the API server's 200 to this caller's own credential); it is then read again
 * through that stream. Otherwise it is `FORBIDDEN`, whatever the digest, so the answer says
 * nothing about whether the image exists.
 */
import type {
  ImageResolvers,
  ImageStreamImageResolvers,
  ImageStreamResolvers,
  ImageStreamTagResolvers,
} from '../generated/graphql.js';
import { GatewayError } from '../errors/gateway-error.js';
import { parseNodeId, type NodeRef } from '../loaders/node-id.js';
import { imageOf } from './mappers.js';

const FULL_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The `NodeRef` of an `id` key, which must name an object of `type`; BAD_USER_INPUT otherwise. */
function nodeRefOf<T extends NodeRef['type']>(type: T, id: unknown): Extract<NodeRef, { type: T }> {
  const ref = typeof id === 'string' ? parseNodeId(id) : undefined;
  if (ref?.type !== type) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `The representation's id is not the global id of an ${type}: pass an \`id\` exactly as \`${type}.id\` returned it.`,
      { details: { argument: 'representations' } },
    );
  }
  return ref as Extract<NodeRef, { type: T }>;
}

/** `Image @key(fields: "digest")`. */
export const resolveImageReference: NonNullable<ImageResolvers['__resolveReference']> = async (
  { digest },
  { loaders },
) => {
  if (typeof digest !== 'string' || !FULL_DIGEST.test(digest)) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      'An Image representation needs its full digest, `sha256:<64 lowercase hex>`, as `Image.digest` returns it.',
      { details: { argument: 'representations' } },
    );
  }
  const origin = loaders.imageOrigin(digest);
  if (origin === undefined) {
    throw new GatewayError(
      'FORBIDDEN',
      'An Image is readable by digest alone only after this caller read it through an image stream recently (CACHE_ACCESS_TTL_SECONDS): read it through `imageStreamImage`, `imageStream` or `imageStreamTag` first, or reference an `ImageStreamImage` by id.',
      { details: { resource: 'images' } },
    );
  }
  return imageOf(await loaders.imageStreamImage.load({ ...origin, id: digest }));
};

// Every reference resolver is async: @apollo/subgraph calls them in one map over the
// representations, so a synchronous throw would fail the whole `_entities` list instead of one entry.

/** `ImageStreamImage @key(fields: "id")`. */
export const resolveImageStreamImageReference: NonNullable<
  ImageStreamImageResolvers['__resolveReference']
> = async ({ id }, { loaders }) => {
  const { namespace, stream, digest } = nodeRefOf('ImageStreamImage', id);
  return loaders.imageStreamImage.load({ namespace, stream, id: digest });
};

/** `ImageStream @key(fields: "id")`. */
export const resolveImageStreamReference: NonNullable<
  ImageStreamResolvers['__resolveReference']
> = async ({ id }, { loaders }) => loaders.imageStream.load(nodeRefOf('ImageStream', id).ref);

/** `ImageStreamTag @key(fields: "id")`. */
export const resolveImageStreamTagReference: NonNullable<
  ImageStreamTagResolvers['__resolveReference']
> = async ({ id }, { loaders }) => loaders.imageStreamTag.load(nodeRefOf('ImageStreamTag', id).ref);
