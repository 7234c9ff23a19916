/**
 * The Apollo Client: HTTP for queries, graphql-sse (distinct connections, `/graphql/stream`) for
 * subscriptions, both with `Authorization: Bearer <token>` from the token field. The cache has no
 * typePolicies beyond `relayStylePagination` for the streams list: every object the gateway
 * returns with an `id` (ImageStream, Image, tag rows, tag events) is normalised by
 * `__typename:id`, so one image is one cache entry however many views reached it.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { print } from 'graphql';
import { createClient } from 'graphql-sse';
import { Observable } from 'rxjs';

const TOKEN_KEY = 'stream-browser.token';

export function readToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function writeToken(token: string): void {
  if (token === '') sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

function authHeaders(): Record<string, string> {
  const token = readToken();
  return token === '' ? {} : { authorization: `Bearer ${token}` };
}

const sse = createClient({
  url: new URL('/graphql/stream', window.location.href).toString(),
  headers: authHeaders,
});

const sseLink = new ApolloLink(
  (operation) =>
    new Observable<ApolloLink.Result>((observer) =>
      sse.subscribe<ApolloLink.Result['data']>(
        {
          query: print(operation.query),
          variables: operation.variables,
          ...(operation.operationName ? { operationName: operation.operationName } : {}),
        },
        {
          next: (value) => observer.next(value as ApolloLink.Result),
          error: (error) => observer.error(error),
          complete: () => observer.complete(),
        },
      ),
    ),
);

const httpLink = new HttpLink({
  uri: '/graphql',
  fetch: (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), ...authHeaders() },
    }),
});

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.split(
      ({ query }) =>
        query.definitions.some(
          (d) => d.kind === 'OperationDefinition' && d.operation === 'subscription',
        ),
      sseLink,
      httpLink,
    ),
    cache: new InMemoryCache({
      typePolicies: {
        Query: { fields: { imageStreams: relayStylePagination(['namespace']) } },
      },
    }),
  });
}
