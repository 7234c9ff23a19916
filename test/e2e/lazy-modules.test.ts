/**
 * Issue #11 (memory): the built gateway loads the code of a configuration only when it runs with
 * it. In front of an API server it never loads @kubernetes/client-node (whose index holds about
 * 30 MB of generated API code), the Redis client, the OpenTelemetry SDK and exporter, or the
 * simulator and its certificate generator. Each process records every module URL it resolves
 * (support/record-modules.mjs, preloaded through NODE_OPTIONS); the controls show that the
 * recorder sees the same packages when a configuration does import them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { startGateway } from './support/gateway-process.js';
import { REPO_ROOT } from './support/paths.js';

const RECORDER = path.join(REPO_ROOT, 'test', 'e2e', 'support', 'record-modules.mjs');

/** Packages (and our own modules) that only some configurations need. */
const OPTIONAL = {
  kubeconfig: '/node_modules/@kubernetes/client-node/',
  redis: '/node_modules/@redis/client/',
  tracingSdk: '/node_modules/@opentelemetry/sdk-trace-base/',
  tracingExporter: '/node_modules/@opentelemetry/exporter-trace-otlp-http/',
  certificates: '/node_modules/selfsigned/',
  simulator: '/dist/simulator/',
} as const;

let dir: string;
let simulator: Simulator;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'oig-e2e-modules-'));
  simulator = await startSimulator();
});

afterAll(async () => {
  await simulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts the built gateway with `env`, answers one query through it (as the developer of the
 * test's simulator, or with no token as the embedded simulator's demo user), stops it with SIGTERM (so
 * its exit handlers run) and returns the module URLs it resolved.
 */
async function modulesOf(
  label: string,
  env: Record<string, string>,
  asDeveloper = true,
): Promise<string[]> {
  const file = path.join(dir, `${label}.txt`);
  const gateway = await startGateway({
    label: `modules-${label}`,
    env: { ...env, NODE_OPTIONS: `--import ${RECORDER}`, RECORD_MODULES_FILE: file },
  });
  try {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(asDeveloper
          ? { authorization: `Bearer ${simulator.token(DEMO.users.developer)}` }
          : {}),
      },
      body: JSON.stringify({
        query:
          'query($ns: String!, $name: String!) { imageStreamImage(namespace: $ns, name: $name) { image { digest } } }',
        variables: {
          ns: DEMO.namespaces.demo,
          name: `${DEMO.streams.python}@${DEMO.digests.python}`,
        },
      }),
    });
    const result = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(result.errors, gateway.tail()).toBeUndefined();
    expect(result.data).toEqual({
      imageStreamImage: { image: { digest: DEMO.digests.python } },
    });
    gateway.signal('SIGTERM');
    const exit = await gateway.exited;
    expect(exit.code, gateway.tail()).toBe(0);
  } finally {
    await gateway.stop();
  }
  return readFileSync(file, 'utf8').split('\n');
}

const loaded = (urls: readonly string[], fragment: string): boolean =>
  urls.some((url) => url.includes(fragment));

describe('the built gateway imports optional code only for the configuration that uses it', () => {
  it('in front of an API server (OPENSHIFT_API_URL): none of the optional packages', async () => {
    const urls = await modulesOf('api-url', { OPENSHIFT_API_URL: simulator.url });
    // The recorder saw the gateway's own modules.
    expect(loaded(urls, '/dist/server/create-gateway.js')).toBe(true);
    expect(loaded(urls, '/node_modules/graphql-yoga/')).toBe(true);
    for (const [what, fragment] of Object.entries(OPTIONAL)) {
      expect(loaded(urls, fragment), `${what}: ${fragment}`).toBe(false);
    }
  });

  it('with a kubeconfig: @kubernetes/client-node, and still none of the others', async () => {
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{ name: sim, cluster: { server: "' + simulator.url + '" } }]',
        'users: [{ name: dev, user: {} }]',
        'contexts: [{ name: sim, context: { cluster: sim, user: dev } }]',
        'current-context: sim',
        '',
      ].join('\n'),
    );
    const urls = await modulesOf('kubeconfig', { KUBECONFIG: kubeconfig });
    expect(loaded(urls, OPTIONAL.kubeconfig)).toBe(true);
    expect(loaded(urls, OPTIONAL.redis)).toBe(false);
    expect(loaded(urls, OPTIONAL.simulator)).toBe(false);
  });

  it('without an upstream: the embedded simulator, and not client-node', async () => {
    const urls = await modulesOf('simulator', {}, false);
    expect(loaded(urls, OPTIONAL.simulator)).toBe(true);
    expect(loaded(urls, OPTIONAL.kubeconfig)).toBe(false);
    expect(loaded(urls, OPTIONAL.redis)).toBe(false);
  });
});
