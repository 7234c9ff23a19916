/** The GraphQL documents the benchmark sends, and a checked one-off query for sanity checks. */
import { DEMO } from '../../src/simulator/index.js';
import type { ServeProcess } from './processes.js';

/** The yoga baseline. */
export const HELLO = '{ hello }';

/** One image through a stream: one upstream GET when cold. */
export const SINGLE_IMAGE = `query One($ns: String!, $name: String!) {
  imageStreamImage(namespace: $ns, name: $name) { image { digest layerCount } }
}`;

/** A manifest list and its children: 1 + 2 upstream GETs when cold, the children batched. */
export const MANIFEST_LIST = `query List($ns: String!, $name: String!) {
  imageStreamImage(namespace: $ns, name: $name) {
    image { digest dockerImageManifests { image { digest layerCount } } }
  }
}`;

/** A request body. */
export function body(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables === undefined ? { query } : { query, variables });
}

/** The image of the warm path (issue #11's table): demo/python, which every server answers. */
export const WARM_IMAGE = {
  namespace: DEMO.namespaces.demo,
  name: `${DEMO.streams.python}@${DEMO.digests.python}`,
} as const;
/** The warm path's request body: {@link SINGLE_IMAGE} of {@link WARM_IMAGE}. */
export const WARM_BODY = body(SINGLE_IMAGE, { ns: WARM_IMAGE.namespace, name: WARM_IMAGE.name });

/**
 * {@link SINGLE_IMAGE} of each of the 50 demo/many-tags images, to send in rotation: concurrent
 * cold queries never share an in-flight GET, and every query pays one.
 */
export const DISTINCT_BODIES = DEMO.manyTagsDigests.map((digest) =>
  body(SINGLE_IMAGE, { ns: DEMO.namespaces.demo, name: `${DEMO.streams.manyTags}@${digest}` }),
);

/**
 * The arguments of a `bench/serve.ts` role that serves the warm path against `simulator`: the
 * gateway in front of it, or a reference server (Apollo Server 5, Mercurius, the node:http floor)
 * that reads {@link WARM_IMAGE} from it once and answers from memory.
 */
export function warmServeArgs(
  role: 'gateway' | 'apollo' | 'mercurius' | 'floor',
  simulator: ServeProcess,
): string[] {
  const common = ['--upstream', simulator.url, '--mem-interval-ms', '5000'];
  if (role === 'gateway') return common;
  return [
    ...common,
    '--token',
    String(simulator.ready.developerToken),
    '--image',
    `${WARM_IMAGE.namespace}/${WARM_IMAGE.name}`,
  ];
}

/** A GraphQL response as the checks read it. */
export interface CheckedResponse {
  status: number;
  data: unknown;
  errors: { message: string; extensions?: { code?: string } }[] | undefined;
  extensions: Record<string, unknown> | undefined;
}

/** POSTs one body (asking for `extensions.stats`) and returns the parsed response. */
export async function postOnce(
  url: string,
  requestBody: string,
  token?: string,
): Promise<CheckedResponse> {
  if (new URL(url).hostname !== '127.0.0.1') {
    throw new Error(`the benchmark targets only 127.0.0.1, but got: ${url}`);
  }
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-gateway-stats': '1',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: requestBody,
    signal: AbortSignal.timeout(15_000),
  });
  const parsed = (await response.json()) as Omit<CheckedResponse, 'status'>;
  return {
    status: response.status,
    data: parsed.data,
    errors: parsed.errors,
    extensions: parsed.extensions,
  };
}

/** Throws unless the response has data and no errors (a benchmark of errors measures nothing). */
export function expectData(what: string, response: CheckedResponse): void {
  if (
    response.status !== 200 ||
    response.data === null ||
    response.data === undefined ||
    response.errors !== undefined
  ) {
    throw new Error(
      `${what}: expected HTTP 200 with data and no errors, but got ${response.status}: ${JSON.stringify(
        {
          data: response.data,
          errors: response.errors,
        },
      ).slice(0, 500)}`,
    );
  }
}
