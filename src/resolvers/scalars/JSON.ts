/**
 * `JSON`: raw JSON values, returned exactly as the API sent them.
 */
import { valueFromASTUntyped } from 'graphql';
import { defineScalar } from './define-scalar.js';

/** The `JSON` scalar (described in schema/scalars.graphql). */
export const JSONScalar = defineScalar<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
