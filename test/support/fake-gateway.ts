/**
 * A gateway over a fake upstream client, queried through `yoga.fetch` (no sockets): every upstream
 * call is recorded with its ref and credential, and answered by `answer`. Navigation calls
 * (streams, pages, istags) are recorded in `navigationCalls` and answered as by an API server whose
 * namespaces hold no image streams: NOT_FOUND for a stream or istag, an empty page for a list.
 */
import { GatewayError } from '../../src/errors/gateway-error.js';
import { createGatewayServer } from '../../src/server/create-gateway-server.js';
import type { ImageStreamImageRef } from '../../src/model/refs.js';
import type { RequestCredential } from '../../src/upstream/client.js';
import type { ImageStreamImageResource } from '../../src/model/resources.js';
import { testConfig } from './config.js';
import { captureLogs } from './logs.js';

/** A GraphQL response body as the tests read it. */
export interface Body {
  data?: unknown;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** One upstream call the fake client received. */
export interface FakeCall {
  readonly ref: ImageStreamImageRef;
  readonly token: string | undefined;
}

/** Builds the gateway; `answer` resolves or rejects each upstream GET. */
export function createFakeGateway(
  answer: (
    ref: ImageStreamImageRef,
    credential: RequestCredential,
  ) => Promise<ImageStreamImageResource>,
  env: Record<string, string> = {},
) {
  const calls: FakeCall[] = [];
  /** Navigation GETs: the resource and the namespace. */
  const navigationCalls: { resource: string; namespace: string }[] = [];
  const notFound = (resource: string) =>
    Promise.reject(new GatewayError('NOT_FOUND', `no ${resource} in this fake upstream`));
  const logs = captureLogs();
  const server = createGatewayServer({
    config: testConfig(env),
    client: {
      getImageStreamImage(ref, credential, options) {
        calls.push({ ref, token: credential.token });
        options?.onAttempt?.();
        return answer(ref, credential);
      },
      listImageStreams(query, _credential, options) {
        navigationCalls.push({ resource: 'imagestreamlist', namespace: query.namespace });
        options?.onAttempt?.();
        return Promise.resolve({ kind: 'ImageStreamList', metadata: {}, items: [] });
      },
      getImageStream(ref, _credential, options) {
        navigationCalls.push({ resource: 'imagestreams', namespace: ref.namespace });
        options?.onAttempt?.();
        return notFound('imagestreams');
      },
      getImageStreamTag(ref, _credential, options) {
        navigationCalls.push({ resource: 'imagestreamtags', namespace: ref.namespace });
        options?.onAttempt?.();
        return notFound('imagestreamtags');
      },
      probe: () => Promise.resolve(),
      close: () => Promise.resolve(),
    },
    logger: logs.logger,
    serviceCredential: () => Promise.resolve({ token: 'sha256~service' }),
  });
  /** POSTs any JSON payload; the caller is `sha256~alice` unless `headers` says otherwise. */
  const post = async (
    payload: unknown,
    headers: Record<string, string> = { authorization: 'Bearer sha256~alice' },
  ): Promise<{ response: Response; body: Body }> => {
    const response = await server.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });
    return { response, body: JSON.parse(await response.text()) as Body };
  };
  return { server, post, calls, navigationCalls, logs };
}
