/**
 * Runs operations through the real schema and resolvers (`createYoga` + `yoga.fetch`, no port)
 * with a fake `Loaders` over example documents. The fake answers like the API: the id matches an
 * image of the stream by prefix, with or without `sha256:`, and the response echoes the name as sent.
 */
import DataLoader from 'dataloader';
import { createYoga } from 'graphql-yoga';
import { GatewayError } from '../../src/errors/gateway-error.js';
import { createMaskError } from '../../src/server/mask-error.js';
import { createJitPlugin } from '../../src/server/jit.js';
import { captureLogs } from './logs.js';
import { imageStreamImageKey } from '../../src/loaders/keys.js';
import type { LoadedImageStreamImage, Loaders } from '../../src/loaders/types.js';
import type { GatewayContext } from '../../src/resolvers/context.js';
import { createGatewaySchema } from '../../src/resolvers/schema.js';
import type { ImageStreamImageRef } from '../../src/model/refs.js';
import type { ImageResource, ImageStreamImageResource } from '../../src/model/resources.js';
import { exampleFixture } from './fixtures.js';

/** Reads an upstream example (a fresh copy each time, safe to mutate). */
export function loadFixture<T>(file: string): T {
  return exampleFixture<T>(file.replace(/\.json$/, ''));
}

/** The three ImageStreamImage examples and the two Image examples (namespace `demo`, stream `ubuntu`). */
export const fixtures = {
  childViaList: () =>
    loadFixture<ImageStreamImageResource>(
      'imagestreamimage-child-via-manifest-list.synthesized.json',
    ),
  manifestList: () =>
    loadFixture<ImageStreamImageResource>('imagestreamimage-manifest-list.synthesized.json'),
  partialDigest: () =>
    loadFixture<ImageStreamImageResource>('imagestreamimage-partial-digest.synthesized.json'),
  imageWithSignatures: () => loadFixture<ImageResource>('image-with-signatures.synthesized.json'),
  ociPushed: () => loadFixture<ImageResource>('image-single-arch-oci-pushed.real.json'),
};

/** An ImageStreamImage for `image` as the API builds it: TypeMeta of the Image dropped. */
export function imageStreamImageOf(
  image: ImageResource,
  options: { namespace?: string; stream?: string; streamAnnotations?: Record<string, string> } = {},
): ImageStreamImageResource {
  const { kind: _kind, apiVersion: _apiVersion, ...nested } = image;
  const stream = options.stream ?? 'ubuntu';
  const digest = image.metadata.name ?? '';
  return {
    kind: 'ImageStreamImage',
    apiVersion: 'image.openshift.io/v1',
    metadata: {
      name: `${stream}@${digest}`,
      namespace: options.namespace ?? 'demo',
      ...(image.metadata.creationTimestamp === undefined
        ? {}
        : { creationTimestamp: image.metadata.creationTimestamp }),
      annotations: options.streamAnnotations ?? {
        'openshift.io/image.dockerRepositoryCheck': '2024-03-11T09:15:02Z',
      },
    },
    image: nested,
  };
}

/** An image with the given overrides on top of the signed amd64 example. */
export function buildImage(overrides: Partial<ImageResource> = {}): ImageResource {
  return { ...fixtures.imageWithSignatures(), ...overrides };
}

/** The digest of the image {@link buildImage} builds (the image-with-signatures example). */
export const BUILT_IMAGE_DIGEST =
  'sha256:ca013ac5c09f9a9f6db8370c1b759a29fe997d64d6591e9a75b71748858f7da0';

/**
 * Runs `{ imageStreamImage(demo, ubuntu@<digest>) { image <selection> } }` over fake loaders that
 * hold one image built with `overrides`.
 */
export function queryBuiltImage<TData = unknown>(
  overrides: Partial<ImageResource>,
  selection: string,
  options: { jit?: boolean | 'both' } = {},
): Promise<GraphQLResponse<TData>> {
  const fake = createFakeLoaders([imageStreamImageOf(buildImage(overrides))]);
  return execute<TData>(
    fake.loaders,
    `{ imageStreamImage(namespace: "demo", name: "ubuntu@${BUILT_IMAGE_DIGEST}") { image ${selection} } }`,
    {},
    options,
  );
}

/** What the fake loaders were asked and can be told to fail. */
export interface FakeLoaders {
  readonly loaders: Loaders;
  /** Every ref passed to a batch, in order. */
  readonly requested: ImageStreamImageRef[];
  /** Refs (by `<namespace>/<stream>@<id>`) that fail with this error instead of resolving. */
  readonly failures: Map<string, Error>;
}

/** A per-test `Loaders` serving `documents` (each under its `metadata.namespace` and stream). */
export function createFakeLoaders(documents: readonly ImageStreamImageResource[]): FakeLoaders {
  const requested: ImageStreamImageRef[] = [];
  const failures = new Map<string, Error>();
  const resolveOne = (ref: ImageStreamImageRef): LoadedImageStreamImage | Error => {
    const failure = failures.get(`${ref.namespace}/${ref.stream}@${ref.id}`);
    if (failure !== undefined) {
      return failure;
    }
    const match = documents.find((doc) => {
      const digest = doc.image.metadata.name ?? '';
      const [stream] = (doc.metadata.name ?? '').split('@');
      return (
        doc.metadata.namespace === ref.namespace &&
        stream === ref.stream &&
        (digest.startsWith(ref.id) || digest.replace(/^sha256:/, '').startsWith(ref.id))
      );
    });
    if (match === undefined) {
      return new GatewayError(
        'NOT_FOUND',
        `imagestreamimage ${JSON.stringify(`${ref.stream}@${ref.id}`)} not found`,
      );
    }
    const resource: ImageStreamImageResource = structuredClone(match);
    resource.metadata.name = `${ref.stream}@${ref.id}`;
    return { resource, origin: { namespace: ref.namespace, stream: ref.stream } };
  };
  const imageStreamImage = new DataLoader<ImageStreamImageRef, LoadedImageStreamImage, string>(
    (refs) => {
      requested.push(...refs);
      return Promise.resolve(refs.map(resolveOne));
    },
    { cacheKeyFn: imageStreamImageKey },
  );
  const unsupported = (what: string) => (): never => {
    throw new Error(`the resolver harness serves images only, not ${what}`);
  };
  return {
    loaders: {
      imageStreamImage,
      imageStream: unsupported('imageStream') as unknown as Loaders['imageStream'],
      imageStreamTag: unsupported('imageStreamTag') as unknown as Loaders['imageStreamTag'],
      imageStreamPage: unsupported('imageStreamPage'),
      imageOrigin: () => undefined,
    },
    requested,
    failures,
  };
}

/** One GraphQL response. */
export interface GraphQLResponse<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string };
  }[];
}

/** The response text of `query` through the real schema, with graphql-js or graphql-jit. */
async function executeOnce(
  loaders: Loaders,
  query: string,
  variables: Record<string, unknown>,
  jit: boolean,
): Promise<string> {
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema: createGatewaySchema(),
    context: () => ({ loaders, requestId: 'test-request' }),
    plugins: jit ? [createJitPlugin<GatewayContext>()] : [],
    // The real error boundary, so resolver tests see exactly the codes and messages clients do.
    maskedErrors: { maskError: createMaskError(captureLogs().logger) },
    logging: false,
    graphiql: false,
  });
  const response = await yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.text();
}

/**
 * Executes `query` through the real schema with `loaders` in the context. By default it runs
 * twice, with graphql-js and then with graphql-jit (GRAPHQL_JIT, the loaders' own caches answer
 * the second run), and fails unless both answers are byte-identical: every resolver test is
 * also a test that the two executors answer alike. `jit: true | false` runs one of them only.
 */
export async function execute<TData = unknown>(
  loaders: Loaders,
  query: string,
  variables: Record<string, unknown> = {},
  { jit = 'both' }: { jit?: boolean | 'both' } = {},
): Promise<GraphQLResponse<TData>> {
  if (jit !== 'both') {
    return JSON.parse(await executeOnce(loaders, query, variables, jit)) as GraphQLResponse<TData>;
  }
  const interpreted = await executeOnce(loaders, query, variables, false);
  const compiled = await executeOnce(loaders, query, variables, true);
  if (compiled !== interpreted) {
    throw new Error(
      `graphql-jit answered differently from graphql-js.\n graphql-js: ${interpreted}\ngraphql-jit: ${compiled}`,
    );
  }
  return JSON.parse(interpreted) as GraphQLResponse<TData>;
}

/** A type reference in an introspection result. */
export interface IntrospectionTypeRef {
  kind: string;
  name: string | null;
  ofType: IntrospectionTypeRef | null;
}

/** A named type in an introspection result. */
export interface IntrospectionType {
  kind: string;
  name: string;
  description: string | null;
  fields:
    | {
        name: string;
        description: string | null;
        args: { name: string; description: string | null; type: IntrospectionTypeRef }[];
        type: IntrospectionTypeRef;
      }[]
    | null;
  enumValues: { name: string; description: string | null }[] | null;
}

const TYPE_REF =
  'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';

/**
 * The served schema's types, read by introspection through `yoga.fetch` (this also avoids mixing
 * the ESM and CJS copies of graphql-js that vitest and yoga load).
 */
export async function introspectTypes(): Promise<IntrospectionType[]> {
  const { loaders } = createFakeLoaders([]);
  const result = await execute<{ __schema: { types: IntrospectionType[] } }>(
    loaders,
    `{ __schema { types {
      kind name description
      fields { name description args { name description type { ${TYPE_REF} } } type { ${TYPE_REF} } }
      enumValues { name description }
    } } }`,
  );
  if (result.data === null || result.data === undefined) {
    throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  }
  return result.data.__schema.types;
}

/** The named type at the bottom of a (list / non-null) type reference. */
export function namedType(ref: IntrospectionTypeRef): IntrospectionTypeRef {
  return ref.ofType === null || ref.ofType === undefined ? ref : namedType(ref.ofType);
}
