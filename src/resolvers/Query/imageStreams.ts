/**
 * `Query.imageStreams`: check the arguments and the cursor (no GET for a bad one), then read one
 * page: `first` is the upstream `limit`, the cursor's token the upstream `continue`.
 */
import type { QueryResolvers } from '../../generated/graphql.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { decodeCursor, type CursorScope } from '../../loaders/cursor.js';
import { validateNamespace } from '../../loaders/keys.js';
import type { ImageStreamConnectionMapper } from '../navigation-mappers.js';

/** Page size when `first` is absent, and its maximum (docs/navigation.md). */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Resolver of `Query.imageStreams`. */
export const imageStreams: NonNullable<QueryResolvers['imageStreams']> = async (
  _root,
  { namespace, first, after, labelSelector, fieldSelector },
  { loaders },
): Promise<ImageStreamConnectionMapper> => {
  validateNamespace(namespace);
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `\`first\` must be between 1 and ${MAX_PAGE_SIZE}, but got: ${size}`,
      { details: { argument: 'first' } },
    );
  }
  // An empty selector selects everything, as upstream: the same as none.
  const scope: CursorScope = {
    namespace,
    labelSelector: labelSelector === null || labelSelector === '' ? undefined : labelSelector,
    fieldSelector: fieldSelector === null || fieldSelector === '' ? undefined : fieldSelector,
  };
  const position =
    after === null || after === undefined
      ? { token: undefined, skip: 0 }
      : decodeCursor(after, scope);
  const list = await loaders.imageStreamPage({
    namespace,
    limit: size + position.skip,
    ...(position.token === undefined ? {} : { continue: position.token }),
    ...(scope.labelSelector === undefined ? {} : { labelSelector: scope.labelSelector }),
    ...(scope.fieldSelector === undefined ? {} : { fieldSelector: scope.fieldSelector }),
  });
  return { namespace, list, cursorScope: scope, pageToken: position.token, skip: position.skip };
};
