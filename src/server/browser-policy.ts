/**
 * Browser-facing policy: CORS (only the configured origins get CORS headers) and CSRF prevention.
 *
 * CSRF prevention: a request a browser could send cross-origin without a CORS preflight (a GET, or
 * a POST with a form or text/plain body) must carry one of {@link CSRF_HEADERS}, which a page on
 * another origin cannot add without a preflight. JSON POSTs (GraphiQL, every GraphQL client) are
 * preflighted already and pass unchanged. Wraps @graphql-yoga/plugin-csrf-prevention to give its
 * refusal the public code BAD_REQUEST (HTTP 403).
 *
 * A request carrying `Authorization: Bearer <token>` passes too (urql's and graphql-request's
 * default GET): `Authorization` is not a CORS-safelisted request header, so a foreign page can only
 * send it after a preflight, and a browser never attaches a bearer token by itself. Other schemes
 * do not pass: a browser does attach cached HTTP Basic/Negotiate credentials to simple requests,
 * and the gateway ignores them anyway (it would answer as a caller without a token).
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Headers that prove a request was not a "simple" cross-origin one; any one is enough. */
export const CSRF_HEADERS = [
  'x-graphql-csrf',
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
] as const;

/** `Authorization: Bearer <token>`, the only credential the gateway reads from a caller. */
const BEARER = /^Bearer\s+\S+\s*$/i;

/**
 * Whether a request carries a bearer token: such a request was preflighted if it came cross-origin
 * (see the header of this file).
 */
export function carriesBearerToken(request: Request): boolean {
  return BEARER.test(request.headers.get('authorization') ?? '');
}

/** The CSRF prevention plugin, refusing with `extensions.code: 'BAD_REQUEST'` and HTTP 403. */
export function createCsrfPreventionPlugin<TContext extends object = object>(): Plugin<TContext> {
  const inner = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  const plugin: Plugin = {
    onRequestParse(payload) {
      if (carriesBearerToken(payload.request)) return undefined;
      try {
        return inner.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(
          `This request could be sent by any web page without a CORS preflight: send it with content-type application/json, with an Authorization: Bearer header, or with one of the headers ${CSRF_HEADERS.join(', ')}`,
          { extensions: { code: 'BAD_REQUEST', http: { status: 403 } } },
        );
      }
    },
  };
  return plugin as unknown as Plugin<TContext>;
}

/** What yoga's `cors` option takes for one request: the headers to grant, or `false` for none. */
export type CorsDecision =
  | false
  | {
      origin: string[];
      methods: string[];
      allowedHeaders: string[];
      credentials: boolean;
      maxAge: number;
    };

/** Whether a `Vary` header value already names Origin. */
export function variesOnOrigin(vary: string | null | undefined): boolean {
  return /\borigin\b/i.test(vary ?? '');
}

/**
 * The CORS policy for CORS_ORIGINS, as yoga's `cors` option: an origin in the list (or any origin
 * with `*`) gets `Access-Control-Allow-*` headers echoing exactly that origin; any other origin,
 * and every origin when the list is empty, gets none. (Given a fixed list, yoga would send its
 * first entry to every origin.) Credentials (cookies) are never allowed: callers authenticate
 * with a bearer token.
 */
export function createCorsPolicy(
  origins: readonly string[],
): false | ((request: Request) => CorsDecision) {
  if (origins.length === 0) return false;
  const any = origins.includes('*');
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !(any || origins.includes(origin))) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id', ...CSRF_HEADERS],
      credentials: false,
      maxAge: 600,
    };
  };
}
