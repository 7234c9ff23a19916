/**
 * `Time`: RFC 3339 date-times, as `metav1.Time` writes them (`2024-03-11T09:15:02Z`). Values are
 * passed through unchanged (no re-formatting), but anything that is not an RFC 3339 date-time is an
 * error rather than a silently wrong time.
 */
import { GraphQLError, Kind } from 'graphql';
import { GatewayError } from '../../errors/gateway-error.js';
import { defineScalar } from './define-scalar.js';

/** RFC 3339 `date-time` (section 5.6): full date, `T`, time with optional fraction, `Z` or offset. */
const RFC3339 =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** True when `value` is an RFC 3339 date-time string. */
export function isRfc3339(value: unknown): value is string {
  return typeof value === 'string' && RFC3339.test(value);
}

/** The `Time` scalar (described in schema/scalars.graphql). */
export const TimeScalar = defineScalar<string, string>({
  name: 'Time',
  serialize(value) {
    if (isRfc3339(value)) {
      return value;
    }
    throw new GatewayError(
      'UPSTREAM_BAD_RESPONSE',
      `Time expects an RFC 3339 date-time such as 2024-03-11T09:15:02Z, but the API sent: ${JSON.stringify(value) ?? String(value)}`,
    );
  },
  parseValue(value) {
    if (isRfc3339(value)) {
      return value;
    }
    throw new GraphQLError(
      `Time expects an RFC 3339 date-time such as 2024-03-11T09:15:02Z, but got: ${JSON.stringify(value) ?? String(value)}`,
    );
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && isRfc3339(ast.value)) {
      return ast.value;
    }
    throw new GraphQLError(
      'Time expects an RFC 3339 date-time string literal such as "2024-03-11T09:15:02Z".',
      { nodes: ast },
    );
  },
});
