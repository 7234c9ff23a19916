/**
 * Public contract: clients match on these `extensions.code` values. Adding one is a
 * compatible change; renaming or removing one is not. Each is documented in README.md.
 */
export const ERROR_CODES = [
  /** The namespace, stream, image or digest does not exist (or is not reachable through that stream). */
  'NOT_FOUND',
  /** The caller's identity may not read the resource (upstream 403). */
  'FORBIDDEN',
  /** No usable credential: none sent in pass-through mode, or the API server rejected it (401). */
  'UNAUTHENTICATED',
  /** An argument is malformed (a name without exactly one `@`, an invalid namespace, ...). */
  'BAD_USER_INPUT',
  /** The API server throttled the request (429) and retries did not get through. */
  'RATE_LIMITED',
  /** The API server or the aggregated image API is unavailable, or the gateway's circuit is open. */
  'UPSTREAM_UNAVAILABLE',
  /** The API server did not answer within the deadline. */
  'UPSTREAM_TIMEOUT',
  /** The API server answered with something that is not the documented shape. */
  'UPSTREAM_BAD_RESPONSE',
  /**
   * The `after` cursor of a list (a Kubernetes continue token) has expired (upstream 410
   * `Expired`, about five minutes after the first page): start over without `after`.
   */
  'CURSOR_EXPIRED',
  /** The document is not valid GraphQL syntax (set by graphql-yoga). */
  'GRAPHQL_PARSE_FAILED',
  /** The document does not validate against the schema (set by graphql-yoga). */
  'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request is not a GraphQL request this server accepts (body too large, bad method, ...). */
  'BAD_REQUEST',
  /** The query exceeds a configured limit (depth, aliases, tokens, directives, cost, upstream calls). */
  'QUERY_TOO_COMPLEX',
  /**
   * The `extensions.persistedQuery.sha256Hash` sent is not registered (PERSISTED_OPERATIONS_MODE
   * `apq` or `safelist`). In `apq` mode the client re-sends the document with the hash. The message
   * is `PersistedQueryNotFound`, as Apollo clients expect.
   */
  'PERSISTED_QUERY_NOT_FOUND',
  /**
   * PERSISTED_OPERATIONS_MODE=off: the request sent only `extensions.persistedQuery` (no document).
   * The message is `PersistedQueryNotSupported`: Apollo clients then stop hashing and send documents.
   */
  'PERSISTED_QUERY_NOT_SUPPORTED',
  /** PERSISTED_OPERATIONS_MODE=safelist: the request sent a document that is not in the safelist. */
  'PERSISTED_QUERY_NOT_ALLOWED',
  /**
   * A subscription was refused because too many are open (SUBSCRIPTIONS_MAX, or
   * SUBSCRIPTIONS_MAX_PER_CALLER for this caller); `details.limit` names the setting.
   */
  'TOO_MANY_SUBSCRIPTIONS',
  /**
   * A subscription was closed because its client did not read its events fast enough. Retryable:
   * resubscribe with `after: details.cursor` and every missed move is delivered.
   */
  'SLOW_CONSUMER',
  /**
   * A subscription was closed by the gateway (`details.reason`: `lifetime` after
   * SUBSCRIPTION_MAX_LIFETIME_SECONDS, `shutdown` while the replica drains). Retryable: resubscribe
   * with `after: details.cursor`.
   */
  'SUBSCRIPTION_CLOSED',
  /** Anything unexpected; details are logged, never returned. */
  'INTERNAL_SERVER_ERROR',
] as const;

/** One of the public error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Makes a non-exhaustive `switch` fail to compile. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${String(value)}`);
    this.name = 'UnreachableCaseError';
  }
}
