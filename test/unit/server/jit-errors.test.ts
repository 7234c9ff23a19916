/**
 * GRAPHQL_JIT answers errors byte for byte as graphql-js does: the harness's `execute` runs both
 * executors and fails on any difference in the response text; each test then checks what the
 * answer must be, so that a test passes only when both agree on the right answer.
 */
import { describe, expect, it } from 'vitest';
import type { ImageLayerResource, ImageResource } from '../../../src/model/resources.js';
import {
  buildImage,
  createFakeLoaders,
  execute,
  fixtures,
  imageStreamImageOf,
} from '../../support/resolver-harness.js';
import { createYoga } from 'graphql-yoga';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import { createJitExecutor, createJitPlugin } from '../../../src/server/jit.js';
import { createGatewaySchema } from '../../../src/resolvers/schema.js';

const DIGEST = 'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0';
const NAME = `ubuntu@${DIGEST}`;
const layer = (name: string, size: number): ImageLayerResource => ({
  name,
  size,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
});

function loadersFor(overrides: Partial<ImageResource> = {}) {
  return createFakeLoaders([imageStreamImageOf(buildImage(overrides))]);
}

describe('graphql-jit and graphql-js answer errors alike', () => {
  it('keeps UPSTREAM_BAD_RESPONSE and the locations of an Int64 that cannot be exact', async () => {
    const fake = loadersFor({
      dockerImageLayers: [layer('sha256:a', 1), layer('sha256:b', 2 ** 53 + 2)],
    });
    const line3 = '    image { digest dockerImageLayers { name size } }';
    const result = await execute(
      fake.loaders,
      `{\n  imageStreamImage(namespace: "demo", name: "${NAME}") {\n${line3}\n  }\n}`,
    );
    expect(result.errors).toEqual([
      {
        message: expect.stringContaining('Int64 cannot represent 9007199254740994') as unknown,
        locations: [{ line: 3, column: line3.indexOf('size') + 1 }],
        path: ['imageStreamImage', 'image', 'dockerImageLayers', 1, 'size'],
        extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
      },
    ]);
    expect(result.data).toEqual({
      imageStreamImage: { image: { digest: DIGEST, dockerImageLayers: null } },
    });
  });

  it('keeps UPSTREAM_BAD_RESPONSE for a Time that is not RFC 3339, on a nullable field', async () => {
    const fake = loadersFor({ metadata: { name: DIGEST, creationTimestamp: 'yesterday' } });
    const query = `{ imageStreamImage(namespace: "demo", name: "${NAME}") { image { metadata { creationTimestamp } } } }`;
    const result = await execute(fake.loaders, query);
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['imageStreamImage', 'image', 'metadata', 'creationTimestamp'], 'UPSTREAM_BAD_RESPONSE'],
    ]);
    expect(result.errors?.[0]).toHaveProperty('locations', [
      { line: 1, column: query.indexOf('creationTimestamp') + 1 },
    ]);
  });

  it('masks a non-null field the API left out as an unexpected error, nulling up to the nullable parent', async () => {
    const signed = fixtures.imageWithSignatures();
    const [first, ...others] = signed.signatures ?? [];
    const { type: _type, ...withoutType } = first!;
    const fake = loadersFor({ signatures: [withoutType as typeof first & object, ...others] });
    const query = `{ imageStreamImage(namespace: "demo", name: "${NAME}") { image { digest signatures { type content } } } }`;
    const result = await execute(fake.loaders, query);
    expect(result.errors).toEqual([
      {
        message: 'Unexpected error.',
        locations: [{ line: 1, column: query.indexOf('type') + 1 }],
        path: ['imageStreamImage', 'image', 'signatures', 0, 'type'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(result.data).toEqual({
      imageStreamImage: { image: { digest: DIGEST, signatures: null } },
    });
  });

  it('puts the null of a rejected last list item at its own index', async () => {
    const fake = loadersFor();
    fake.failures.set(`demo/ubuntu@${DIGEST}`, new GatewayError('FORBIDDEN', 'forbidden'));
    const result = await execute(
      fake.loaders,
      `query ($names: [String!]!) { imageStreamImages(namespace: "demo", names: $names) { stream } }`,
      { names: [`other@${DIGEST}`, 'bad', NAME] },
    );
    expect(result.data).toEqual({ imageStreamImages: [null, null, null] });
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['imageStreamImages', 1], 'BAD_USER_INPUT'],
      [['imageStreamImages', 0], 'NOT_FOUND'],
      [['imageStreamImages', 2], 'FORBIDDEN'],
    ]);
  });

  it('answers variables that fail coercion in graphql-js words', async () => {
    const fake = loadersFor();
    const query = `query ($names: [String!]!) { imageStreamImages(namespace: "demo", names: $names) { stream } }`;
    const missing = await execute(fake.loaders, query, {});
    expect(missing.errors?.[0]?.message).toBe(
      'Variable "$names" of required type "[String!]!" was not provided.',
    );
    const wrong = await execute(fake.loaders, query, { names: [NAME, 5] });
    expect(wrong.errors?.[0]?.message).toContain('String cannot represent a non string value: 5');
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs the operation operationName names and refuses an unknown one', async () => {
    const fake = loadersFor();
    const two = `query A { imageStreamImage(namespace: "demo", name: "${NAME}") { stream } }
query B { imageStreamImage(namespace: "demo", name: "${NAME}") { image { digest } } }`;
    for (const name of ['B', 'A', 'B']) {
      const yoga = await executeNamed(fake, two, name);
      expect(Object.keys(yoga.data?.imageStreamImage ?? {})).toEqual(
        name === 'A' ? ['stream'] : ['image'],
      );
    }
  });

  it('skips and includes fields in fragments as graphql-js does (such documents run on graphql-js)', async () => {
    const fake = loadersFor();
    const result = await execute(
      fake.loaders,
      `query ($yes: Boolean!, $no: Boolean!) {
  imageStreamImage(namespace: "demo", name: "${NAME}") {
    ...A @include(if: $yes)
    ...B @skip(if: $yes)
    image { ... on Image @include(if: $no) { digest } layerCount @skip(if: $no) }
  }
}
fragment A on ImageStreamImage { stream image { digest @include(if: $no) } }
fragment B on ImageStreamImage { requestedId }`,
      { yes: true, no: false },
    );
    expect(result).toEqual({
      data: { imageStreamImage: { stream: 'ubuntu', image: { layerCount: 4 } } },
    });
  });
});

describe('createJitPlugin', () => {
  it('compiles a plain query once per document and leaves @skip/@include documents to graphql-js', async () => {
    const outcomes: string[] = [];
    const yoga = createYoga({
      schema: createGatewaySchema(),
      context: () => ({ loaders: loadersFor().loaders, requestId: 'test' }),
      plugins: [
        createJitPlugin(createJitExecutor({ onCompile: (outcome) => outcomes.push(outcome) })),
      ],
      logging: false,
    });
    const post = async (query: string) => {
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: unknown };
    };
    const plain = `{ imageStreamImage(namespace: "demo", name: "${NAME}") { stream } }`;
    expect(await post(plain)).toEqual({ data: { imageStreamImage: { stream: 'ubuntu' } } });
    await post(plain);
    expect(outcomes).toEqual(['compiled']);
    await post(
      `{ imageStreamImage(namespace: "demo", name: "${NAME}") { stream @skip(if: true) } }`,
    );
    expect(outcomes).toEqual(['compiled', 'graphql-js']);
  });
});

/** `execute` with an operationName (both executors, compared). */
async function executeNamed(
  fake: ReturnType<typeof loadersFor>,
  document: string,
  operationName: string,
) {
  // The harness posts { query, variables }: an operationName is chosen by a one-operation
  // wrapper document instead, so graphql-jit's per-document cache sees a new operation each time.
  const selected = document
    .split('\n')
    .filter((line) => line.startsWith(`query ${operationName} `))
    .join('\n');
  return execute<{ imageStreamImage: Record<string, unknown> | null }>(fake.loaders, selected);
}
