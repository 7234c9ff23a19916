import type { ErrorCode } from './codes.js';

/**
 * Safe, structured facts about a failure that may be shown to the client: resource kinds,
 * names the caller sent, HTTP status numbers. Never upstream bodies, URLs or credentials.
 */
export type SafeDetails = Readonly<Record<string, string | number | boolean>>;

/** Options of {@link GatewayError}. */
export interface GatewayErrorOptions {
  /** The underlying error; logged, never shown to a client. */
  cause?: unknown;
  /** Facts safe to show to the client (see {@link SafeDetails}). */
  details?: SafeDetails;
  /** Seconds the upstream asked us to wait before retrying, if it said. */
  retryAfterSeconds?: number;
}

/**
 * The one error type the upstream client, the loaders and the cache throw. It knows nothing of
 * GraphQL: the server's `maskError` turns it into a GraphQLError with `extensions.code`.
 * Its `message` is written for the client and must not contain secrets or upstream bodies.
 */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly details: SafeDetails;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.details = options.details ?? {};
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** True for a {@link GatewayError}, matched on shape (not `instanceof`, which breaks across module copies). */
export function isGatewayError(value: unknown): value is GatewayError {
  return (
    value instanceof Error &&
    typeof (value as Partial<GatewayError>).code === 'string' &&
    (value as Partial<GatewayError>).name === 'GatewayError'
  );
}
