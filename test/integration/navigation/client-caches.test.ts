/**
 * Frontend caches over real HTTP against the gateway, with no cache configuration at all: Apollo
 * Client's InMemoryCache (no typePolicies) and urql's graphcache (no keys) normalize the navigation
 * objects by `__typename` and `id`.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const { catalog } = DEMO.namespaces;
const { frontend } = DEMO.catalog;

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await stack.close();
});

const headers = (): Record<string, string> => ({
  authorization: `Bearer ${stack.simulator.token(DEMO.users.developer)}`,
});

/** The istag details page: the image a tag points at. */
const ISTAG = `query Istag($ns: String!, $name: String!) {
  imageStreamTag(namespace: $ns, name: $name) {
    id digest
    image { id digest dockerImageMetadata { Size } }
  }
}`;

/**
 * The same page for graphcache: only keyed objects (every Node type, tag rows and events) and
 * connections. Embedded objects without an id (`metadata`, `spec`, `dockerImageMetadata`) are
 * what graphcache warns about; see the last test.
 */
const ISTAG_KEYED = `query IstagKeyed($ns: String!, $name: String!) {
  imageStreamTag(namespace: $ns, name: $name) {
    id digest dockerImageReference
    image { id digest layerCount totalLayerSize isManifestList }
  }
}`;

/** The stream page: every tag and its head image, and the history. */
const STREAM = `query Stream($ns: String!, $name: String!) {
  imageStream(namespace: $ns, name: $name) {
    id
    tags {
      id name state lastUpdated
      history(first: 2) { id created image }
      image { id digest layerCount }
    }
  }
}`;

/** The stream list page. */
const LIST = `query List($ns: String!) {
  imageStreams(namespace: $ns, first: 5) {
    edges { cursor node { id lastUpdated } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('Apollo Client InMemoryCache without typePolicies', () => {
  it('keeps one normalized Image entry for two different queries that reach the same image', async () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${stack.url}/graphql`, headers: headers() }),
      cache: new InMemoryCache(),
    });
    const variables = { ns: catalog, name: `${frontend}:latest` };
    const istag = await client.query({ query: gql(ISTAG), variables });
    const stream = await client.query({
      query: gql(STREAM),
      variables: { ns: catalog, name: frontend },
    });
    const digest = DEMO.catalog.frontendLatestHistory[0];
    expect((istag.data as { imageStreamTag: { digest: string } }).imageStreamTag.digest).toBe(
      digest,
    );
    const heads = (
      stream.data as { imageStream: { tags: { image: { digest: string } | null }[] } }
    ).imageStream.tags.flatMap((t) => (t.image === null ? [] : [t.image.digest]));
    expect(heads).toContain(digest);

    const entries = Object.entries(client.cache.extract() as Record<string, unknown>).filter(
      ([, value]) => (value as { __typename?: string }).__typename === 'Image',
    );
    const same = entries.filter(([, value]) => (value as { digest?: string }).digest === digest);
    expect(same).toHaveLength(1);
    // Both queries' fields live on that one entry.
    expect(same[0]![1]).toMatchObject({ digest, layerCount: expect.any(Number) as number });
    expect(Object.keys(same[0]![1] as object)).toContain('dockerImageMetadata');
    // One entry per distinct image, not per path.
    expect(entries).toHaveLength(new Set([...heads, digest]).size);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    client.stop();
  });
});

describe('urql graphcache without keys', () => {
  function urql(): Client {
    return new Client({
      url: `${stack.url}/graphql`,
      fetchOptions: () => ({ headers: headers() }),
      exchanges: [cacheExchange({}), fetchExchange],
      preferGetMethod: false,
    });
  }

  it('gives no warning for the stream list, the stream page and the istag page', async () => {
    const warn = vi.spyOn(console, 'warn');
    const client = urql();
    const list = await client.query(LIST, { ns: catalog }).toPromise();
    const stream = await client.query(STREAM, { ns: catalog, name: frontend }).toPromise();
    const istag = await client
      .query(ISTAG_KEYED, { ns: catalog, name: `${frontend}:latest` })
      .toPromise();
    for (const result of [list, stream, istag]) {
      expect(result.error).toBeUndefined();
      expect(result.data).toBeTruthy();
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('does warn for an object without an id (so the check above can fail)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await urql()
      .query(
        `query ($ns: String!, $name: String!) {
        imageStream(namespace: $ns, name: $name) { id spec { dockerImageRepository } }
      }`,
        { ns: catalog, name: frontend },
      )
      .toPromise();
    expect(result.error).toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });
});
