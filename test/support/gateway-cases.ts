/**
 * Requests that exercise the whole gateway (data, errors of every kind, lists with rejected items,
 * coercion failures, pages, federation, introspection), for tests that compare two
 * configurations of it answer for answer (GRAPHQL_JIT, HTTP_FAST_LANE).
 */
import { DEMO } from '../../src/simulator/index.js';

const { demo, catalog, teamB } = DEMO.namespaces;
const python = `python@${DEMO.digests.python}`;
const list = `ubuntu@${DEMO.digests.manifestList}`;

/** A document of two operations: `operationName` picks one. */
export const TWO_OPERATIONS = `
  query Python { imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest layerCount } } }
  query List { imageStreamImage(namespace: "${demo}", name: "${list}") { image { digest dockerImageManifests { digest } } } }
`;

/** Requests (JSON bodies) and who sends them. */
export const GATEWAY_CASES: { name: string; user?: string; body: Record<string, unknown> }[] = [
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
