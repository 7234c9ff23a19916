import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import type { OpenShiftClient } from '../../src/upstream/client.js';
import { createOpenShiftClient } from '../../src/upstream/openshift-client.js';
import type { ImageStreamImageResource } from '../../src/model/resources.js';
import { exampleFixture } from './fixtures.js';

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

/**
 * A fresh MockAgent (no real connections) and a client over it, without retries, for every test;
 * after each test no interceptor may be left unused. `use` receives the pair of the current test.
 */
export function mockUpstreamPerTest(
  use: (agent: MockAgent, client: OpenShiftClient) => void,
): void {
  let agent: MockAgent;
  let client: OpenShiftClient;
  beforeEach(() => {
    agent = createMockAgent();
    client = createOpenShiftClient({ baseUrl: BASE_URL, dispatcher: agent, retries: 0 });
    use(agent, client);
  });
  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await client.close();
    await agent.close();
  });
}
