/**
 * Scalar implementations whose description comes from the SDL only.
 *
 * Why: when a resolver map holds a `GraphQLScalarType`, graphql-tools (under yoga's `createSchema`)
 * copies every own enumerable property of it onto the schema's scalar, `description` included, so
 * an implementation's description (even `undefined`) would replace the one in `schema/*.graphql`.
 * Dropping the own `description` property keeps the SDL the single source of documentation.
 */
import { GraphQLScalarType, type GraphQLScalarTypeConfig } from 'graphql';

/** A `GraphQLScalarType` carrying behaviour only; name and description live in the SDL. */
export function defineScalar<TInternal, TExternal>(
  config: Omit<GraphQLScalarTypeConfig<TInternal, TExternal>, 'description'>,
): GraphQLScalarType<TInternal, TExternal> {
  const scalar = new GraphQLScalarType(config);
  delete (scalar as { description?: unknown }).description;
  return scalar;
}
