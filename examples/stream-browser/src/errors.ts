import { CombinedGraphQLErrors } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';

/** The GraphQL errors of a result (none for a network error, shown apart). */
export function graphqlErrors(error: unknown): readonly GraphQLFormattedError[] {
  return CombinedGraphQLErrors.is(error) ? error.errors : [];
}

/** The errors whose `path` starts with `prefix`. */
export function errorsAt(
  errors: readonly GraphQLFormattedError[],
  prefix: readonly (string | number)[],
): GraphQLFormattedError[] {
  return errors.filter(
    (e) => e.path !== undefined && prefix.every((part, i) => e.path?.[i] === part),
  );
}

export function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : 'ERROR';
}

/** What a row shows for its errors: FORBIDDEN says so plainly. */
export function describeErrors(errors: readonly GraphQLFormattedError[]): string {
  return [
    ...new Set(
      errors.map((e) =>
        codeOf(e) === 'FORBIDDEN'
          ? 'FORBIDDEN: not allowed to read this image'
          : `${codeOf(e)}: ${e.message}`,
      ),
    ),
  ].join('; ');
}
