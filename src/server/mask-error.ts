/**
 * The one error boundary. A GatewayError becomes a GraphQLError with its public code and its
 * client-safe message; GraphQL's own errors (syntax, validation, variable coercion) keep their
 * message with a code; anything else is logged and becomes yoga's masked "Unexpected error.".
 */
import { createGraphQLError, maskError as yogaMaskError } from 'graphql-yoga';
import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
import { isGatewayError } from '../errors/gateway-error.js';
import type { Logger } from './logger.js';

function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof GraphQLError;
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
    const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
    const location = isGraphQLError(error) ? locationOf(error) : {};
    if (isGatewayError(original)) {
      return createGraphQLError(original.message, {
        ...location,
        extensions: { code: original.code, ...original.details },
      });
    }
    if (isGraphQLError(original)) {
      // Thrown by graphql-js or a scalar on purpose: the message is meant for the client.
      if (original.extensions['code'] !== undefined) return original;
      return createGraphQLError(original.message, {
        ...location,
        extensions: { ...original.extensions, code: 'BAD_USER_INPUT' },
      });
    }
    logger.error(
      { err: original, path: isGraphQLError(error) ? error.path : undefined },
      'unexpected error while executing a GraphQL operation',
    );
    // isDev is always false: NODE_ENV never decides what a client may see.
    return yogaMaskError(error, message, false);
  };
}
