/**
 * The GraphQL clients frontend and service teams use, with their defaults, against the gateway
 * with its defaults (and the simulator on port 0). Each client's own `fetch` is wrapped only to
 * record what it sent; the requests themselves are the clients'.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { GraphQLClient } from 'graphql-request';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const QUERY = /* GraphQL */ `
  query Ubuntu($namespace: String!, $name: String!) {
    imageStreamImage(namespace: $namespace, name: $name) {
      image {
        digest
        isManifestList
      }
    }
  }
`;
const variables = {
  namespace: DEMO.namespaces.demo,
  name: `${DEMO.streams.ubuntu}@${DEMO.digests.manifestList}`,
};
const expected = {
  imageStreamImage: { image: { digest: DEMO.digests.manifestList, isManifestList: true } },
};

/** What a client sent: method, content-type and, for POSTs, the parsed body. */
interface Sent {
  method: string;
  contentType: string | null;
  authorization: string | null;
  body: { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } } | undefined;
  url: string;
}

/** A `fetch` that records each request and then sends it unchanged. */
function recordingFetch(): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const text = request.method === 'POST' ? await request.clone().text() : '';
    sent.push({
      method: request.method,
      contentType: request.headers.get('content-type'),
      authorization: request.headers.get('authorization'),
      body: text === '' ? undefined : (JSON.parse(text) as Sent['body']),
      url: request.url,
    });
    return fetch(request);
  };
  return { fetch: recording, sent };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function apolloClient(url: string, token: string, record: ReturnType<typeof recordingFetch>) {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256 }).concat(
      new HttpLink({
        uri: `${url}/graphql`,
        fetch: record.fetch,
        headers: { authorization: `Bearer ${token}` },
      }),
    ),
  });
}

describe('Apollo Client with the persisted-queries link', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('sends only the hash after the first request, against the default settings', async () => {
    const record = recordingFetch();
    const client = apolloClient(stack.url, stack.simulator.token('developer'), record);
    const first = await client.query({ query: gql(QUERY), variables, fetchPolicy: 'network-only' });
    // Apollo adds __typename to every selection.
    expect(first.data).toMatchObject(expected);
    const second = await client.query({
      query: gql(QUERY),
      variables,
      fetchPolicy: 'network-only',
    });
    expect(second.data).toMatchObject(expected);

    // 1: hash only (unknown), 2: the document with its hash (registered), 3: hash only (runs).
    expect(
      record.sent.map((s) => [
        s.method,
        s.body?.query === undefined,
        s.body?.extensions?.persistedQuery !== undefined,
      ]),
    ).toEqual([
      ['POST', true, true],
      ['POST', false, true],
      ['POST', true, true],
    ]);
    const hash = record.sent[0]?.body?.extensions?.persistedQuery?.sha256Hash;
    expect(hash).toBe(sha256(record.sent[1]?.body?.query ?? ''));
    expect(record.sent[2]?.body?.extensions?.persistedQuery?.sha256Hash).toBe(hash);
    // Two executions, and the second one was a cache hit: one upstream GET in all.
    expect(stack.upstreamGets()).toBe(1);
  });
});

describe('Apollo Client with the persisted-queries link, PERSISTED_OPERATIONS_MODE=off', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { PERSISTED_OPERATIONS_MODE: 'off' } });
  });
  afterAll(() => stack.close());

  it('falls back to documents on PersistedQueryNotSupported, and stops hashing', async () => {
    const record = recordingFetch();
    const client = apolloClient(stack.url, stack.simulator.token('developer'), record);
    expect(
      (await client.query({ query: gql(QUERY), variables, fetchPolicy: 'network-only' })).data,
    ).toMatchObject(expected);
    expect(
      (await client.query({ query: gql(QUERY), variables, fetchPolicy: 'network-only' })).data,
    ).toMatchObject(expected);
    expect(
      record.sent.map((s) => [
        s.body?.query === undefined,
        s.body?.extensions?.persistedQuery !== undefined,
      ]),
    ).toEqual([
      [true, true], // hash only: PersistedQueryNotSupported
      [false, false], // the document, no hash
      [false, false], // and from then on documents only
    ]);
  });
});

describe('urql with its defaults', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('sends a GET without a content-type and a bearer token, and gets the data', async () => {
    const record = recordingFetch();
    const client = new UrqlClient({
      url: `${stack.url}/graphql`,
      exchanges: [fetchExchange],
      fetch: record.fetch,
      fetchOptions: { headers: { authorization: `Bearer ${stack.simulator.token('developer')}` } },
    });
    const result = await client.query(QUERY, variables).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(expected);
    expect(record.sent).toHaveLength(1);
    expect(record.sent[0]).toMatchObject({ method: 'GET', contentType: null });
    expect(record.sent[0]?.url).toContain('query=');
  });

  it('is refused by CSRF prevention without a token (a GET any page could send)', async () => {
    const client = new UrqlClient({ url: `${stack.url}/graphql`, exchanges: [fetchExchange] });
    const result = await client.query(QUERY, variables).toPromise();
    expect(result.data).toBeUndefined();
    expect(result.error?.graphQLErrors[0]?.extensions['code']).toBe('BAD_REQUEST');
    expect(result.error?.response).toMatchObject({ status: 403 });
  });
});

describe('graphql-request', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it.each(['POST', 'GET'] as const)(
    'gets the data with method %s and a bearer token',
    async (method) => {
      const record = recordingFetch();
      const client = new GraphQLClient(`${stack.url}/graphql`, {
        method,
        fetch: record.fetch,
        headers: { authorization: `Bearer ${stack.simulator.token('developer')}` },
      });
      expect(await client.request(QUERY, variables)).toEqual(expected);
      expect(record.sent.map((s) => s.method)).toEqual([method]);
    },
  );

  it('surfaces FORBIDDEN for a caller who may not read the namespace', async () => {
    const client = new GraphQLClient(`${stack.url}/graphql`, {
      headers: { authorization: `Bearer ${stack.simulator.token('teamb')}` },
    });
    const error = await client.request(QUERY, variables).then(
      () => undefined,
      (thrown: unknown) =>
        thrown as { response?: { errors?: { extensions?: { code?: string } }[] } },
    );
    expect(error?.response?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
