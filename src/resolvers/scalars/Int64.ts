/**
 * `Int64`: Go int64 values (sizes in bytes) as exact JSON numbers. A JavaScript number carries
 * integers exactly only up to ±(2^53 − 1); beyond that a value would silently change, so it is an
 * error instead, in both directions.
 */
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { GatewayError } from '../../errors/gateway-error.js';
import { defineScalar } from './define-scalar.js';

const describe = (value: unknown): string =>
  typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));

/**
 * Output: a safe-integer number (or bigint in the safe range) becomes a JSON number. Anything else
 * (a fraction, a value that JSON.parse already rounded past 2^53, a string) fails the field with
 * `UPSTREAM_BAD_RESPONSE`: the API sent a value this gateway cannot represent exactly.
 */
function serialize(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return value;
  }
  if (
    typeof value === 'bigint' &&
    value <= BigInt(Number.MAX_SAFE_INTEGER) &&
    value >= BigInt(Number.MIN_SAFE_INTEGER)
  ) {
    return Number(value);
  }
  throw new GatewayError(
    'UPSTREAM_BAD_RESPONSE',
    `Int64 cannot represent ${describe(value)} exactly: expected an integer between -(2^53-1) and 2^53-1.`,
  );
}

/** Variables: only a JSON number that is a safe integer (no strings, no fractions). */
function parseValue(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return value;
  }
  throw new GraphQLError(
    `Int64 expects an integer between -(2^53-1) and 2^53-1 as a JSON number, but got: ${describe(value)}`,
  );
}

/** Literals: only an integer literal in the safe range (checked with BigInt, before any rounding). */
function parseLiteral(ast: ValueNode): number {
  if (ast.kind !== Kind.INT) {
    throw new GraphQLError(`Int64 expects an integer literal, but got a ${ast.kind} literal.`, {
      nodes: ast,
    });
  }
  const big = BigInt(ast.value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new GraphQLError(
      `Int64 expects an integer between -(2^53-1) and 2^53-1, but got: ${ast.value}`,
      { nodes: ast },
    );
  }
  return Number(big);
}

/** The `Int64` scalar (described in schema/scalars.graphql). */
export const Int64Scalar = defineScalar<number, number>({
  name: 'Int64',
  serialize,
  parseValue,
  parseLiteral,
});
