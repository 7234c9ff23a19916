import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import {
  createOpenShiftClient,
  type OpenShiftClientOptions,
  type OpenShiftHttpClient,
} from '../../src/upstream/openshift-client.js';
import type { ImageStreamImageResource } from '../../src/model/resources.js';
import { exampleFixture, statusAnswer, type StatusAnswer } from './fixtures.js';

export const BASE_URL = 'https://api.cluster.example.test:6443';
export const TOKEN = 'sha256~s3cr3t-t0ken-never-in-errors-AAAAAAAAAAAAAAAAAAAAAAAA';

export { statusAnswer as statusFixture, STATUS_FIXTURE_NAMES } from './fixtures.js';
export type { StatusAnswer as StatusFixture } from './fixtures.js';

const imageStreamImage = exampleFixture<ImageStreamImageResource>(
  'imagestreamimage-partial-digest.synthesized',
);

/** A valid ImageStreamImage body, with overrides applied on a deep copy. */
export function buildPartialDigestBody(
  overrides: (
    body: Record<string, unknown> & { image: Record<string, unknown> },
  ) => void = () => {},
): Record<string, unknown> {
  const copy = structuredClone(imageStreamImage) as unknown as Record<string, unknown> & {
    image: Record<string, unknown>;
  };
  overrides(copy);
  return copy;
}

/** A MockAgent that refuses real connections. */
export function createMockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

/** The path of the fixture image, as the client must build it. */
export const FIXTURE_PATH =
  '/apis/image.openshift.io/v1/namespaces/demo/imagestreamimages/ubuntu@sha256%3A1a06d68cb911';

export const FIXTURE_REF = { namespace: 'demo', stream: 'ubuntu', id: 'sha256:1a06d68cb911' };

/** An interceptor for a GET of the fixture image, to answer with `.reply(...)` or `.replyWithError(...)`. */
export const atFixturePath = (agent: MockAgent) =>
  agent.get(BASE_URL).intercept({ path: FIXTURE_PATH });

/** Answers the next GET of the fixture image with the fixture body (chain `.delay`, `.times`). */
export const replyImage = (agent: MockAgent) =>
  atFixturePath(agent).reply(200, buildPartialDigestBody());

/** Answers the next `times` GETs of the fixture image with a status example, byte for byte. */
export function replyStatus(agent: MockAgent, fixture: StatusAnswer | string, times = 1): void {
  const answer = typeof fixture === 'string' ? statusAnswer(fixture) : fixture;
  atFixturePath(agent)
    .reply(answer.statusCode, answer.wire, { headers: answer.headers })
    .times(times);
}

/** Another client over the current test's agent, with the test file's options under `overrides`; closed after the test. */
export type MakeClient = (overrides?: Partial<OpenShiftClientOptions>) => OpenShiftHttpClient;

/**
 * A fresh MockAgent (no real connections) and a client over it for every test; after each test no
 * interceptor may be left unused and every client made is closed. `use` receives the agent, the
 * test's client and a `makeClient` for more clients over the same agent. `clientOptions` (read at
 * each client made) go over the base URL and the agent: by default no retries.
 */
export function mockUpstreamPerTest(
  use: (agent: MockAgent, client: OpenShiftHttpClient, makeClient: MakeClient) => void,
  clientOptions: () => Partial<OpenShiftClientOptions> = () => ({ retries: 0 }),
): void {
  let agent: MockAgent;
  let clients: OpenShiftHttpClient[] = [];
  const makeClient: MakeClient = (overrides = {}) => {
    const client = createOpenShiftClient({
      baseUrl: BASE_URL,
      dispatcher: agent,
      ...clientOptions(),
      ...overrides,
    });
    clients.push(client);
    return client;
  };
  beforeEach(() => {
    agent = createMockAgent();
    clients = [];
    use(agent, makeClient(), makeClient);
  });
  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await Promise.all(clients.map((client) => client.close()));
    await agent.close();
  });
}
