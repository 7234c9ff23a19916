/**
 * The one error boundary. A GatewayError becomes a GraphQLError with its public code and its
 * client-safe message; GraphQL's own errors (syntax, validation, variable coercion) keep their
 * message with a code; anything else is logged and becomes yoga's masked "Unexpected error.".
 */
import { createGraphQLError, maskError as yogaMaskError } from 'graphql-yoga';
import type { GraphQLError, GraphQLErrorOptions } from 'graphql';
import { isGatewayError } from '../errors/gateway-error.js';
import { ERROR_CODES } from '../errors/codes.js';

const PUBLIC_CODES: ReadonlySet<unknown> = new Set(ERROR_CODES);
import type { Logger } from './logger.js';

/**
 * Matched on shape, not `instanceof`: graphql 16 ships CJS and ESM builds, and a test runner or a
 * bundler may load both, giving two GraphQLError classes.
 */
function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof Error && value.name === 'GraphQLError' && 'extensions' in value;
}

/** The innermost error: graphql-js and yoga may wrap a resolver's error in GraphQLErrors more than once. */
function rootCause(error: unknown): unknown {
  let current = error;
  while (
    isGraphQLError(current) &&
    current.originalError !== undefined &&
    current.originalError !== null
  ) {
    current = current.originalError;
  }
  return current;
}

/** Where an error happened (nodes, source, positions, path), without undefined keys. */
function locationOf(error: GraphQLError): GraphQLErrorOptions {
  const location: { -readonly [K in keyof GraphQLErrorOptions]: GraphQLErrorOptions[K] } = {};
  if (error.nodes !== undefined) location.nodes = error.nodes;
  if (error.source !== undefined) location.source = error.source;
  if (error.positions !== undefined) location.positions = error.positions;
  if (error.path !== undefined) location.path = error.path;
  return location;
}

/** Creates yoga's `maskError`, logging unexpected errors (never returning their text). */
export function createMaskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const original = rootCause(error);
    const location = isGraphQLError(error) ? locationOf(error) : {};
    if (isGatewayError(original)) {
      return createGraphQLError(original.message, {
        ...location,
        extensions: { code: original.code, ...original.details },
      });
    }
    if (isGraphQLError(original)) {
      // Thrown by graphql-js, yoga or a scalar on purpose: the message is meant for the client.
      // Re-created with yoga's own GraphQLError so yoga never mistakes it for an unexpected error.
      const extensions: Record<string, unknown> = {
        code: 'BAD_USER_INPUT',
        ...original.extensions,
      };
      // A code outside the public list (graphql-tools' OPERATION_RESOLUTION_FAILURE for an unknown
      // operationName, yoga's REQUEST_ENTITY_TOO_LARGE) is about the request: clients match only
      // on the codes of codes.ts.
      if (!PUBLIC_CODES.has(extensions['code'])) extensions['code'] = 'BAD_REQUEST';
      return createGraphQLError(original.message, { ...location, extensions });
    }
    logger.error(
      { err: original, path: isGraphQLError(error) ? error.path : undefined },
      'unexpected error while executing a GraphQL operation',
    );
    // isDev is always false: NODE_ENV never decides what a client may see.
    return yogaMaskError(error, message, false);
  };
}
