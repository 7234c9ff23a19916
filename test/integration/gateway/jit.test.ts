/**
 * GRAPHQL_JIT=true and GRAPHQL_JIT=false through the real gateway and simulator answer every
 * request byte for byte alike: data, nulls, errors with their codes, messages, paths and
 * locations, federation `_entities`, persisted queries (APQ) and documents with several operations
 * (compiled per operation). Each case runs cold and then from the cache.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const { demo, catalog, teamB } = DEMO.namespaces;
const python = `python@${DEMO.digests.python}`;
const list = `ubuntu@${DEMO.digests.manifestList}`;

const TWO_OPERATIONS = `
  query Python { imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest layerCount } } }
  query List { imageStreamImage(namespace: "${demo}", name: "${list}") { image { digest dockerImageManifests { digest } } } }
`;

/** Requests (JSON bodies) and who sends them. */
const CASES: { name: string; user?: string; body: Record<string, unknown> }[] = [
  {
    name: 'data, a missing image, a malformed name and a forbidden namespace in one query',
    body: {
      query: `{
        ok: imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest layerCount totalLayerSize dockerImageLayers { name size } } }
        missing: imageStreamImage(namespace: "${demo}", name: "nosuch@${DEMO.digests.python}") { image { digest } }
        bad: imageStreamImage(namespace: "${demo}", name: "no-at-sign") { image { digest } }
        forbidden: imageStreamImage(namespace: "${teamB}", name: "${python}") { stream }
      }`,
    },
  },
  {
    name: 'a manifest list with its children, labels and signatures',
    body: {
      query: `{ imageStreamImage(namespace: "${demo}", name: "${list}") {
        id stream requestedId metadata { name namespace annotations { key value } }
        image { digest isManifestList platforms { os architecture variant }
          dockerImageManifests { digest manifestSize image { digest layerCount platform { os architecture } } }
          signatures { type verificationState conditions { type status } } } } }`,
    },
  },
  {
    name: 'a list of names with rejected items in the middle and at the end',
    body: {
      query: `query ($names: [String!]!) { imageStreamImages(namespace: "${demo}", names: $names) { stream image { digest } } }`,
      variables: { names: [python, 'bad', `nosuch@${DEMO.digests.python}`, list, 'a@b@c'] },
    },
  },
  {
    name: 'variables that fail coercion',
    body: {
      query: `query ($names: [String!]!) { imageStreamImages(namespace: "${demo}", names: $names) { stream } }`,
      variables: { names: [python, 5] },
    },
  },
  {
    name: 'a page of streams with tags and their history',
    body: {
      query: `{ imageStreams(namespace: "${catalog}", first: 3) {
        edges { cursor node { metadata { name labels { key value } } } }
        pageInfo { hasNextPage endCursor } } }`,
    },
  },
  {
    name: 'a forbidden read of a stream-only viewer',
    user: DEMO.users.viewerStreamsOnly,
    body: {
      query: `{ imageStreamImage(namespace: "${demo}", name: "${python}") { stream } }`,
    },
  },
  {
    name: 'federation _entities with good, unknown and malformed representations',
    body: {
      query: `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        __typename ... on Image { digest layerCount } ... on ImageStreamImage { id stream } } }`,
      variables: {
        representations: [
          { __typename: 'Image', digest: DEMO.digests.python },
          { __typename: 'Image', digest: `sha256:${'0'.repeat(64)}` },
          { __typename: 'ImageStreamImage', id: 'not-an-id' },
          { __typename: 'Image' },
        ],
      },
    },
  },
  {
    name: 'introspection of the served schema',
    body: {
      query: `{ __schema { types { kind name fields { name args { name } type { kind name ofType { kind name } } } } } }`,
    },
  },
];

describe('GRAPHQL_JIT=true answers as GRAPHQL_JIT=false does, byte for byte', () => {
  let jit: Stack;
  let interpreted: Stack;
  beforeAll(async () => {
    [jit, interpreted] = await Promise.all([
      startStack({ env: { GRAPHQL_JIT: 'true' } }),
      startStack({ env: { GRAPHQL_JIT: 'false' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([jit.close(), interpreted.close()]);
  });

  /** The raw answer of one stack: status and body text. */
  const raw = async (stack: Stack, body: unknown, user: string = DEMO.users.developer) => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.simulator.token(user)}`,
      },
      body: JSON.stringify(body),
    });
    return `${response.status} ${await response.text()}`;
  };
  const both = async (body: unknown, user?: string) => {
    const a = await raw(jit, body, user);
    const b = await raw(interpreted, body, user);
    expect(a).toBe(b);
    return a;
  };

  it.each(CASES)('$name (cold, then cached)', async ({ body, user }) => {
    const cold = await both(body, user);
    const warm = await both(body, user);
    expect(warm).toBe(cold);
  });

  it('checks answers that hold errors (the cases are not all successes)', async () => {
    const first = await both(CASES[0]!.body);
    expect(first).toContain('"code":"NOT_FOUND"');
    expect(first).toContain('"code":"BAD_USER_INPUT"');
    expect(first).toContain('"locations":[{"line":');
  });

  it('runs the operation operationName names, for each operation of one document', async () => {
    for (const operationName of ['Python', 'List', 'Python']) {
      const answer = await both({ query: TWO_OPERATIONS, operationName });
      const { data } = JSON.parse(answer.slice(4)) as {
        data: { imageStreamImage: { image: Record<string, unknown> } };
      };
      expect(Object.keys(data.imageStreamImage.image)).toEqual(
        operationName === 'List' ? ['digest', 'dockerImageManifests'] : ['digest', 'layerCount'],
      );
    }
    const unknown = await both({ query: TWO_OPERATIONS, operationName: 'Nope' });
    expect(unknown).toContain('Could not determine what operation to execute.');
  });

  it('answers automatic persisted queries alike: unknown hash, registration, hash only', async () => {
    const query = `{ imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest } } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const notFound = await both({ extensions });
    expect(notFound).toContain('PersistedQueryNotFound');
    await both({ query, extensions });
    const byHash = await both({ extensions });
    expect(byHash).toContain(DEMO.digests.python);
  });
});
