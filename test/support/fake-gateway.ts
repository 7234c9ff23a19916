/**
 * A gateway over a fake upstream client, queried through `yoga.fetch` (no sockets): every upstream
 * call is recorded with its ref and credential, and answered by `answer`.
 */
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
  const logs = captureLogs();
  const server = createGatewayServer({
    config: testConfig(env),
    client: {
      getImageStreamImage(ref, credential, options) {
        calls.push({ ref, token: credential.token });
        options?.onAttempt?.();
        return answer(ref, credential);
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
  return { server, post, calls, logs };
}
