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

const { catalog, demo } = DEMO.namespaces;
const { ubuntu } = DEMO.streams;
const { signed } = DEMO.digests;
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

/** Every object of a page, each with its id: what a frontend that normalizes everything selects. */
const FRAGMENTS = `
fragment Entry on StringEntry { id key value }
fragment Meta on ObjectMeta {
  id name namespace uid resourceVersion creationTimestamp labels { ...Entry } annotations { ...Entry }
}`;

const IMAGE_FRAGMENT = `
fragment Img on Image {
  id digest kind metadata { ...Meta } dockerImageReference isManifestList layerCount totalLayerSize
  dockerImageMetadata {
    id Id Architecture Size
    Config { id Env ExposedPorts Labels { ...Entry } }
    ContainerConfig { id User }
  }
  dockerImageLayers { id name size mediaType }
  signatures {
    id type metadata { ...Meta } verificationState signedClaims { ...Entry }
    conditions { id type status reason message }
    issuedBy { id organization commonName }
    issuedTo { id organization commonName publicKeyID }
  }
  platform { id architecture os variant }
  platforms { id architecture os variant }
}`;

const STREAM_FULL = `query StreamFull($ns: String!, $name: String!) {
  imageStream(namespace: $ns, name: $name) {
    id kind metadata { ...Meta }
    spec {
      id dockerImageRepository lookupPolicy { id local }
      tags {
        id name annotations { ...Entry } from { id kind name namespace } reference generation
        importPolicy { id insecure scheduled importMode } referencePolicy { id type }
      }
    }
    status {
      id dockerImageRepository
      tags { id tag items { id created image } conditions { id type status reason message generation } }
    }
    tags {
      id name state spec { id name } current { id } conditions { id type status }
      history(first: 3) { id created image pullSpec }
      importError { id tag reason message }
      image { id digest layerCount dockerImageMetadata { id Size } platform { id architecture } }
    }
    timeline(first: 5) { id tag created }
    importErrors { id tag reason message }
  }
}
${FRAGMENTS}`;

const ISTAG_FULL = `query IstagFull($ns: String!, $name: String!) {
  imageStreamTag(namespace: $ns, name: $name) {
    id digest metadata { ...Meta } tag { id name from { id kind name } } lookupPolicy { id local }
    conditions { id type }
    image {
      ...Img
      dockerImageManifests {
        id digest mediaType manifestSize architecture os variant
        image {
          id digest dockerImageLayers { id name size } platform { id architecture os }
          signatures { id conditions { id type status } issuedBy { id commonName } }
        }
      }
    }
    imageStream { id }
  }
}
${FRAGMENTS}${IMAGE_FRAGMENT}`;

const ISI_FULL = `query IsiFull($ns: String!, $name: String!) {
  imageStreamImage(namespace: $ns, name: $name) {
    id metadata { ...Meta } image { ...Img } imageStream { id }
  }
}
${FRAGMENTS}${IMAGE_FRAGMENT}`;

/** The stream list page. */
const LIST = `query List($ns: String!) {
  imageStreams(namespace: $ns, first: 5) {
    edges { cursor node { id lastUpdated } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Apollo Client with a default InMemoryCache over the stack, and spies on what it logs. */
function apollo() {
  const warn = vi.spyOn(console, 'warn');
  const error = vi.spyOn(console, 'error');
  const client = new ApolloClient({
    link: new HttpLink({ uri: `${stack.url}/graphql`, headers: headers() }),
    cache: new InMemoryCache(),
  });
  return { client, warn, error };
}

describe('Apollo Client InMemoryCache without typePolicies', () => {
  it('keeps one normalized Image entry for two different queries that reach the same image', async () => {
    const { client, warn, error } = apollo();
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

describe('Apollo Client InMemoryCache without typePolicies, every object selected', () => {
  it('normalizes the embedded values too, without a warning', async () => {
    const { client, warn, error } = apollo();
    await client.query({ query: gql(STREAM_FULL), variables: { ns: catalog, name: frontend } });
    await client.query({
      query: gql(ISTAG_FULL),
      variables: { ns: demo, name: `${ubuntu}:18.04` },
    });
    await client.query({
      query: gql(ISI_FULL),
      variables: { ns: demo, name: `${ubuntu}@${signed}` },
    });
    // Read again from the network: replacing cached objects loses nothing and warns about nothing.
    await client.query({
      query: gql(STREAM_FULL),
      variables: { ns: catalog, name: frontend },
      fetchPolicy: 'network-only',
    });
    const typenames = new Set(
      Object.values(client.cache.extract() as Record<string, { __typename?: string }>).map(
        (value) => value.__typename,
      ),
    );
    for (const type of [
      'ObjectMeta',
      'ImageStreamSpec',
      'TagReference',
      'ImageLayer',
      'SignatureCondition',
    ]) {
      expect(typenames).toContain(type);
    }
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    client.stop();
  });
});

/** An urql client over the stack: graphcache with no config, or (`cache: false`) the network only. */
function urql({ cache = true }: { cache?: boolean } = {}): Client {
  return new Client({
    url: `${stack.url}/graphql`,
    fetchOptions: () => ({ headers: headers() }),
    exchanges: cache ? [cacheExchange({}), fetchExchange] : [fetchExchange],
    preferGetMethod: false,
  });
}

describe('urql graphcache without keys', () => {
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

  it('gives no warning when every object of every page is selected, embedded values included', async () => {
    const warn = vi.spyOn(console, 'warn');
    const client = urql();
    const results = [
      await client.query(STREAM_FULL, { ns: catalog, name: frontend }).toPromise(),
      await client.query(ISTAG_FULL, { ns: demo, name: `${ubuntu}:18.04` }).toPromise(),
      await client.query(ISI_FULL, { ns: demo, name: `${ubuntu}@${signed}` }).toPromise(),
    ];
    for (const result of results) {
      expect(result.error).toBeUndefined();
      expect(result.data).toBeTruthy();
    }
    // The pages did reach the embedded values: a manifest list with children, signatures with
    // conditions, an import error, labels.
    const istag = results[1]!.data as {
      imageStreamTag: { image: { dockerImageManifests: { image: { id: string } }[] } };
    };
    expect(istag.imageStreamTag.image.dockerImageManifests.length).toBeGreaterThan(1);
    const isi = results[2]!.data as {
      imageStreamImage: { image: { signatures: { conditions: unknown[] }[] } };
    };
    expect(
      isi.imageStreamImage.image.signatures.flatMap((s) => s.conditions).length,
    ).toBeGreaterThan(0);
    expect(JSON.stringify(results[0]!.data)).toContain(DEMO.catalog.failedImportMessage);
    expect(warn).not.toHaveBeenCalled();
  });

  it('does warn for an object without an id (so the checks above can fail)', async () => {
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

describe('ids on every object type', () => {
  it('gives every object type a client cache normalizes an `id: ID!` (roots, connections, edges and PageInfo aside)', async () => {
    // Introspected over HTTP: what a client (and graphcache's own check) sees.
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { ...headers(), 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ __schema {
          queryType { name } subscriptionType { name }
          types { kind name fields { name type { kind ofType { name } } } }
        } }`,
      }),
    });
    type Field = { name: string; type: { kind: string; ofType: { name: string } | null } };
    type Introspection = {
      data: {
        __schema: {
          queryType: { name: string };
          subscriptionType: { name: string } | null;
          types: { kind: string; name: string; fields: Field[] | null }[];
        };
      };
    };
    const { __schema } = ((await response.json()) as Introspection).data;
    const roots = [__schema.queryType.name, __schema.subscriptionType?.name];
    const objects = __schema.types.filter((t) => t.kind === 'OBJECT' && !roots.includes(t.name));
    // graphcache's own exemptions: introspection types, PageInfo, *Connection and *Edge.
    const normalized = objects.filter((t) => !/^_|PageInfo|(Connection|Edge)$/.test(t.name));
    expect(normalized.length).toBeGreaterThan(30);
    const lacking = normalized
      .filter(
        (t) =>
          !(t.fields ?? []).some(
            (f) => f.name === 'id' && f.type.kind === 'NON_NULL' && f.type.ofType?.name === 'ID',
          ),
      )
      .map((t) => t.name);
    expect(lacking).toEqual([]);
  });

  it('refuses a value id in node(id:) with BAD_USER_INPUT and no GET (values are not Nodes)', async () => {
    const read = await stack.query<{
      imageStream: { metadata: { id: string }; spec: { id: string } };
    }>(
      `query ($ns: String!, $name: String!) {
        imageStream(namespace: $ns, name: $name) { metadata { id } spec { id } }
      }`,
      { variables: { ns: catalog, name: frontend }, headers: headers() },
    );
    const stream = read.data!.imageStream;
    stack.simulator.requests.reset();
    for (const id of [stream.metadata.id, stream.spec.id]) {
      const result = await stack.query(`query ($id: ID!) { node(id: $id) { id } }`, {
        variables: { id },
        headers: headers(),
      });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(stack.simulator.requests.count({ method: 'GET' })).toBe(0);
  });

  it('gives equal values one id and different values different ids', async () => {
    const client = urql({ cache: false });
    const first = await client
      .query(ISI_FULL, { ns: demo, name: `${ubuntu}@${signed}` })
      .toPromise();
    const again = await client
      .query(ISI_FULL, { ns: demo, name: `${ubuntu}@${signed}` }, { requestPolicy: 'network-only' })
      .toPromise();
    type Isi = {
      imageStreamImage: {
        image: { dockerImageLayers: { id: string; name: string }[]; signatures: { id: string }[] };
      };
    };
    const a = (first.data as Isi).imageStreamImage.image;
    const b = (again.data as Isi).imageStreamImage.image;
    expect(b.dockerImageLayers.map((l) => l.id)).toEqual(a.dockerImageLayers.map((l) => l.id));
    // Distinct layers (by digest) have distinct ids.
    const byName = new Map(a.dockerImageLayers.map((l) => [l.name, l.id]));
    expect(new Set(byName.values()).size).toBe(byName.size);
    expect(new Set(a.signatures.map((s) => s.id)).size).toBe(a.signatures.length);
  });
});
