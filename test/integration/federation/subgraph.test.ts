/**
 * The gateway as an Apollo Federation v2 subgraph, asked directly as a federation router asks it
 * (`_service`, `_entities`), against the simulator on port 0: every reference is read with the
 * caller's own credential, through the same loaders and cache, within the request's budget.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const { demo } = DEMO.namespaces;
const amd64 = DEMO.digests.amd64;
const python = DEMO.digests.python;

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Image {
        digest
        dockerImageReference
        layerCount
      }
      ... on ImageStreamImage {
        id
        stream
        image {
          digest
        }
      }
      ... on ImageStream {
        id
        metadata {
          name
        }
      }
      ... on ImageStreamTag {
        id
        tagDigest: digest
      }
    }
  }
`;

interface Entity {
  __typename: string;
  digest?: string;
  id?: string;
  stream?: string;
  layerCount?: number;
  image?: { digest: string };
  metadata?: { name: string };
}

let stack: Stack;
const token = (user: string) => stack.simulator.token(user);
const entities = (representations: unknown[], user = 'developer', env?: Stack) =>
  (env ?? stack).query<{ _entities: (Entity | null)[] }>(ENTITIES, {
    token: (env ?? stack).simulator.token(user),
    variables: { representations },
  });
const imageStreamImageId = async (stream: string, digest: string): Promise<string> => {
  const { data } = await stack.query<{ imageStreamImage: { id: string } }>(
    `{ imageStreamImage(namespace: "${demo}", name: "${stream}@${digest}") { id } }`,
  );
  return data?.imageStreamImage.id ?? '';
};

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => {
  stack.gateway.cache.clear();
  stack.simulator.requests.reset();
});

describe('the subgraph protocol', () => {
  it('serves its SDL with the federation link and the entity keys', async () => {
    const { data } = await stack.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const sdl = data?._service.sdl ?? '';
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
    expect(sdl).toMatch(/type Image\s+@key\(fields: "digest"\)/);
    for (const type of ['ImageStreamImage', 'ImageStream', 'ImageStreamTag']) {
      expect(sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    }
    expect(stack.simulator.requests.count()).toBe(0);
  });

  it('keeps _service and _entities out of a gateway with FEDERATION_ENABLED=false', async () => {
    const plain = await startStack({ env: { FEDERATION_ENABLED: 'false' } });
    try {
      const { errors } = await plain.query('{ _service { sdl } }');
      expect(errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      const sdl = await (await fetch(`${plain.url}/schema.graphql`)).text();
      expect(sdl).toContain('type Image');
    } finally {
      await plain.close();
    }
  });
});

describe('Image references by digest', () => {
  it('are FORBIDDEN, with no upstream request, until the caller has read the digest through a stream', async () => {
    // A digest no other test of this file reads: the gateway remembers reads per caller.
    const { data, errors } = await entities([{ __typename: 'Image', digest: DEMO.digests.appV1 }]);
    expect(data?._entities).toEqual([null]);
    expect(errors?.[0]).toMatchObject({
      path: ['_entities', 0],
      extensions: { code: 'FORBIDDEN' },
    });
    expect(stack.simulator.requests.count()).toBe(0);
  });

  it("resolve from the caller's own recent read, again through that stream and the cache", async () => {
    await stack.query(
      `{ imageStreamImage(namespace: "${demo}", name: "ubuntu@${amd64}") { image { digest } } }`,
    );
    expect(stack.upstreamGets()).toBe(1);
    const { data, errors } = await entities([{ __typename: 'Image', digest: amd64 }]);
    expect(errors).toBeUndefined();
    expect(data?._entities[0]).toMatchObject({ __typename: 'Image', digest: amd64 });
    expect(data?._entities[0]?.layerCount).toBeGreaterThan(0);
    // Served from the caller's own cached read: no second GET.
    expect(stack.upstreamGets()).toBe(1);
  });

  it("never resolve from another caller's read", async () => {
    await stack.query(
      `{ imageStreamImage(namespace: "${demo}", name: "python@${python}") { image { digest } } }`,
      { token: token('admin') },
    );
    const { data, errors } = await entities([{ __typename: 'Image', digest: python }], 'developer');
    expect(data?._entities).toEqual([null]);
    expect(errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('refuse a digest that is not a full sha256 digest with BAD_USER_INPUT', async () => {
    const { errors } = await entities([{ __typename: 'Image', digest: amd64.slice(0, 20) }]);
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(stack.simulator.requests.count()).toBe(0);
  });
});

describe('Node references by id', () => {
  it("read an ImageStreamImage again with the caller's credential: the owner gets it, another namespace's user FORBIDDEN", async () => {
    const id = await imageStreamImageId('ubuntu', amd64);
    stack.gateway.cache.clear();
    stack.simulator.requests.reset();

    const owner = await entities([{ __typename: 'ImageStreamImage', id }], 'developer');
    expect(owner.errors).toBeUndefined();
    expect(owner.data?._entities[0]).toMatchObject({
      id,
      stream: 'ubuntu',
      image: { digest: amd64 },
    });

    const stranger = await entities([{ __typename: 'ImageStreamImage', id }], 'teamb');
    expect(stranger.data?._entities).toEqual([null]);
    expect(stranger.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    // Each asked the API server with their own token; the stranger got its 403, nothing cached.
    expect(
      stack.simulator.requests.count({ path: /\/imagestreamimages\//, user: 'developer' }),
    ).toBe(1);
    expect(
      stack.simulator.requests.count({ path: /\/imagestreamimages\//, user: 'teamb', status: 403 }),
    ).toBe(1);
  });

  it('read an ImageStream and an ImageStreamTag again by the ids their root fields returned', async () => {
    const { data: ids } = await stack.query<{
      imageStream: { id: string };
      imageStreamTag: { id: string; digest: string };
    }>(
      `{ imageStream(namespace: "${demo}", name: "ubuntu") { id }
         imageStreamTag(namespace: "${demo}", name: "ubuntu:latest") { id digest } }`,
    );
    const stream = ids?.imageStream.id ?? '';
    const tag = ids?.imageStreamTag.id ?? '';
    const { data, errors } = await entities([
      { __typename: 'ImageStream', id: stream },
      { __typename: 'ImageStreamTag', id: tag },
    ]);
    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      { __typename: 'ImageStream', id: stream, metadata: { name: 'ubuntu' } },
      { __typename: 'ImageStreamTag', id: tag, tagDigest: ids?.imageStreamTag.digest },
    ]);
    const stranger = await entities([{ __typename: 'ImageStream', id: stream }], 'teamb');
    expect(stranger.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('batch many references into the same loaders: duplicates cost one GET', async () => {
    const ubuntu = await imageStreamImageId('ubuntu', amd64);
    const py = await imageStreamImageId('python', python);
    stack.gateway.cache.clear();
    stack.simulator.requests.reset();
    const refs = [ubuntu, py, ubuntu, py].map((id) => ({ __typename: 'ImageStreamImage', id }));
    const { data, errors } = await entities(refs);
    expect(errors).toBeUndefined();
    expect(data?._entities.map((e) => e?.image?.digest)).toEqual([amd64, python, amd64, python]);
    expect(stack.upstreamGets()).toBe(2);
  });

  it('refuse an id of another type, or not of this gateway, with BAD_USER_INPUT and no GET', async () => {
    const id = await imageStreamImageId('ubuntu', amd64);
    stack.simulator.requests.reset();
    const { data, errors } = await entities([
      { __typename: 'ImageStream', id },
      { __typename: 'ImageStreamTag', id: 'not-an-id' },
    ]);
    expect(data?._entities).toEqual([null, null]);
    expect(errors?.map((e) => e.extensions?.['code'])).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    expect(stack.simulator.requests.count()).toBe(0);
  });
});

describe('malformed representations', () => {
  it.each([
    ['a string', ['x']],
    ['an object without __typename', [{ digest: amd64 }]],
    ['an unknown type', [{ __typename: 'Nope', id: 'x' }]],
    ['a type that is not an entity', [{ __typename: 'ImageLayer' }]],
  ])('refuses %s with BAD_USER_INPUT (not an unexpected error) and no GET', async (_name, reps) => {
    const { data, errors } = await entities(reps);
    expect(data?._entities ?? null).toBeNull();
    expect(errors?.map((e) => e.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    expect(stack.simulator.requests.count()).toBe(0);
  });
});

describe('the request budget', () => {
  it('counts _entities in the cost estimate: too many representations are refused before any GET', async () => {
    const many = Array.from({ length: 101 }, () => ({ __typename: 'Image', digest: amd64 }));
    const { errors } = await entities(many);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'MAX_QUERY_COST',
    });
    expect(stack.simulator.requests.count()).toBe(0);
  });

  it('spends MAX_UPSTREAM_CALLS_PER_REQUEST on entity reads', async () => {
    const ubuntu = await imageStreamImageId('ubuntu', amd64);
    const py = await imageStreamImageId('python', python);
    const limited = await startStack({ env: { MAX_UPSTREAM_CALLS_PER_REQUEST: '1' } });
    try {
      const refs = [ubuntu, py].map((id) => ({ __typename: 'ImageStreamImage', id }));
      const { data, errors } = await entities(refs, 'developer', limited);
      expect(data?._entities.filter((e) => e !== null)).toHaveLength(1);
      expect(errors?.map((e) => e.extensions?.['limit'])).toEqual([
        'MAX_UPSTREAM_CALLS_PER_REQUEST',
      ]);
      expect(limited.upstreamGets()).toBe(1);
    } finally {
      await limited.close();
    }
  });
});
