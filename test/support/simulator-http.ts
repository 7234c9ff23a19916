/** Shared helpers of the simulator's integration tests: fixtures and a raw HTTP client. */

import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../src/simulator/index.js';

export { readStatusFixture as statusFixture, exampleFixture } from './fixtures.js';
export type { StatusFixtureFile as StatusFixture } from './fixtures.js';

/** The image API path of a namespaced resource. */
export function apiPath(namespace: string, resource: string, name: string): string {
  return `/apis/image.openshift.io/v1/namespaces/${namespace}/${resource}/${name}`;
}

/** A response as raw bytes. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: () => Record<string, unknown>;
}

/** GET (or another method) with an optional bearer token, returning the raw body text. */
export async function fetchRaw(
  baseUrl: string,
  path: string,
  options: {
    token?: string;
    method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    userAgent?: string;
  } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.userAgent !== undefined) headers['user-agent'] = options.userAgent;
  const res = await request(`${baseUrl}${path}`, { method: options.method ?? 'GET', headers });
  const text = await res.body.text();
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) {
    if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return {
    status: res.statusCode,
    headers: flat,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

/** Asserts nothing; returns the standard headers every Status response carries. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A simulator on port 0 for every test (`'each'`: tests that change its data or faults) or one for
 * the whole file (`'all'`: tests that only read), closed after. `use` receives each one started;
 * `options` are read at each start.
 */
export function simulatorFor(
  scope: 'each' | 'all',
  use: (sim: Simulator) => void,
  options: () => SimulatorOptions = () => ({}),
): void {
  let sim: Simulator | undefined;
  const start = async (): Promise<void> => {
    sim = await startSimulator(options());
    use(sim);
  };
  const close = async (): Promise<void> => {
    await sim?.close();
    sim = undefined;
  };
  if (scope === 'each') {
    beforeEach(start);
    afterEach(close);
  } else {
    beforeAll(start);
    afterAll(close);
  }
}

/** The names of the image streams of namespace `demo` in the demo dataset, sorted. */
export const DEMO_STREAM_NAMES: readonly string[] = [
  'app',
  'bigdata',
  'many-tags',
  'origin-ruby-sample',
  'pruned',
  'python',
  'python-app',
  'ubuntu',
];

/**
 * A 403 Forbidden Status body as the API server writes it. Written out here on purpose: the expected
 * body must not come from the simulator's own builder (src/simulator/status.ts) that it checks.
 */
export function forbiddenStatus(
  message: string,
  details: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details,
    code: 403,
  };
}
