/**
 * A gateway over a fake upstream client, queried through `yoga.fetch` (no sockets): every upstream
 * call is recorded with its ref and credential, and answered by `answer`. Navigation calls
 * (streams, pages, istags) are recorded in `navigationCalls` and answered as by an API server whose
 * namespaces hold no image streams: NOT_FOUND for a stream or istag, an empty page for a list.
 */
import { GatewayError } from '../../src/errors/gateway-error.js';
import { createGateway } from '../../src/server/create-gateway.js';
import type { GatewayServer } from '../../src/server/create-gateway-server.js';
import type { Logger } from '../../src/server/logger.js';
import type { ImageStreamImageRef } from '../../src/model/refs.js';
import type {
  OpenShiftClient,
  RequestCredential,
  UpstreamCallOptions,
} from '../../src/upstream/client.js';
import type { ImageStreamImageResource } from '../../src/model/resources.js';
import { testConfig } from './config.js';
import { buildImageStreamImage } from './factories.js';
import { captureLogs } from './logs.js';
import { noNavigation } from './no-navigation.js';

/** How {@link createClientGateway} builds the gateway around the client. */
export interface ClientGatewayOptions {
  /** Configuration on top of the test defaults. */
  readonly env?: Record<string, string>;
  /** The gateway's own credential (AUTH_MODE=service). @default 'sha256~service' */
  readonly serviceToken?: string | undefined;
  /** @default a captured, silent logger */
  readonly logger?: Logger;
}

/**
 * The gateway as the one composition root (`createGateway(config, deps)`) builds it, over a
 * ready-made upstream client and without tracing; query it through `yoga.fetch` (no sockets) or
 * listen on port 0.
 */
export async function createClientGateway(
  client: OpenShiftClient,
  options: ClientGatewayOptions = {},
): Promise<GatewayServer> {
  const token = 'serviceToken' in options ? options.serviceToken : 'sha256~service';
  const gateway = await createGateway(testConfig(options.env), {
    logger: options.logger ?? captureLogs().logger,
    tracing: false,
    upstream: { client, serviceCredential: () => Promise.resolve({ token }) },
  });
  return gateway.server;
}

/**
 * A fake client that answers every ImageStreamImage GET with an image built for the ref (with
 * `digest`), once `onGet` is done (it may wait); it serves no navigation (see no-navigation.ts).
 */
export function imageClient(
  digest?: string,
  onGet: (
    ref: ImageStreamImageRef,
    credential: RequestCredential,
    options?: UpstreamCallOptions,
  ) => void | Promise<void> = () => {},
): OpenShiftClient {
  return {
    async getImageStreamImage(ref, credential, options) {
      options?.onAttempt?.();
      await onGet(ref, credential, options);
      return buildImageStreamImage({
        ...(digest === undefined ? {} : { digest }),
        namespace: ref.namespace,
        stream: ref.stream,
        id: ref.id,
      });
    },
    ...noNavigation,
    probe: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** A fake client for tests that must not reach the API: every call fails the test. */
export const noUpstreamClient: OpenShiftClient = {
  getImageStreamImage: () => Promise.reject(new Error('no upstream in this test')),
  ...noNavigation,
  probe: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

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
export async function createFakeGateway(
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
  const server = await createClientGateway(
    {
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
    { env, logger: logs.logger },
  );
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
