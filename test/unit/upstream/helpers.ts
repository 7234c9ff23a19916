import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import type { ImageStreamImageResource } from '../../../src/model/resources.js';

export const BASE_URL = 'https://api.cluster.example.test:6443';
export const TOKEN = 'sha256~s3cr3t-t0ken-never-in-errors-AAAAAAAAAAAAAAAAAAAAAAAA';

/** One captured upstream answer, copied from ../shared/upstream/status (see fixtures/). */
export interface StatusFixture {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly wire: string;
}

const statusFixtures = JSON.parse(
  readFileSync(new URL('./fixtures/status-responses.json', import.meta.url), 'utf8'),
) as Record<string, StatusFixture>;

/** A fixture by its file name (without `.json`). */
export function statusFixture(name: string): StatusFixture {
  const fixture = statusFixtures[name];
  if (fixture === undefined) throw new Error(`no status fixture ${name}`);
  return fixture;
}

/** All fixture names. */
export const STATUS_FIXTURE_NAMES = Object.keys(statusFixtures);

const imageStreamImage = JSON.parse(
  readFileSync(new URL('./fixtures/imagestreamimage-partial-digest.json', import.meta.url), 'utf8'),
) as ImageStreamImageResource;

/** A valid ImageStreamImage body, with overrides applied on a deep copy. */
export function buildImageStreamImage(
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
