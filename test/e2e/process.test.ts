/**
 * Issues #3 and #6: the built server (`node dist/main.js`) as a process, with no cluster configured.
 * It keeps the README's promise (GraphiQL at /graphql, the pre-filled query answered without a
 * token from the embedded simulator's demo data) and shuts down gracefully on SIGTERM.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRAPHIQL_QUERY } from '../../src/server/graphiql.js';
import { DEMO, DEMO_USERS } from '../../src/simulator/index.js';
import { expectDemoManifestList, type ManifestListResponse } from './support/demo-manifest-list.js';
import { startGateway, type GatewayProcess, type LogLine } from './support/gateway-process.js';
import { startSlowUpload } from './support/slow-upload.js';

const PINO_ERROR = 50;

/** Every secret the demo could leak: the simulator users' tokens, or any bearer value. */
function expectNoToken(stdout: readonly string[], stderr: readonly string[]): void {
  const text = [...stdout, ...stderr].join('\n');
  for (const user of DEMO_USERS) {
    expect(text, `the token of demo user ${user.name} was logged`).not.toContain(user.token);
  }
  expect(text).not.toMatch(/sha256~/);
  expect(text).not.toMatch(/Bearer\s+[^\s"]/i);
}

const isShuttingDown = (line: LogLine): boolean => line.msg?.startsWith('shutting down') === true;
const isStopped = (line: LogLine): boolean => line.msg === 'stopped';

/**
 * "shutting down" once, then "stopped" once. Not asserted: that "stopped" is the very last line.
 * src/main.ts exits right after an asynchronous `logger.flush()`, so a line logged just before
 * (a drained request's access log) can still be in flight and is written after it, or lost.
 */
function expectShutdownLogged(lines: readonly LogLine[]): void {
  expect(lines.filter(isShuttingDown)).toHaveLength(1);
  expect(lines.filter(isStopped)).toHaveLength(1);
  expect(lines.findIndex(isShuttingDown)).toBeLessThan(lines.findIndex(isStopped));
}

describe('the built gateway with no cluster configured (README quick start)', () => {
  let gateway: GatewayProcess | undefined;
  beforeAll(async () => {
    gateway = await startGateway({ label: 'process-demo' });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('logs the loud embedded-simulator warning and its GraphiQL URL at start-up, as JSON on stdout', () => {
    const { logs, stdout, stderr, graphqlUrl } = gateway!;
    const lines = logs(); // throws on a line that is not JSON
    const warning = lines.find((line) => line.msg?.includes('NO CLUSTER CONFIGURED'));
    expect(warning, stdout.join('\n')).toBeDefined();
    expect(warning?.level).toBe(40); // warn
    expect(warning?.msg).toContain('EMBEDDED OPENSHIFT SIMULATOR with DEMO DATA');
    expect(warning?.msg).toContain('Do not use this in production');
    const listening = lines.find((line) => line.graphql === graphqlUrl);
    expect(listening?.msg).toBe(`openshift-image-graphql listening: GraphiQL at ${graphqlUrl}`);
    expect(listening?.upstream).toMatch(/^embedded simulator/);
    expect(stderr).toEqual([]);
    expectNoToken(stdout, stderr);
  });

  it('serves GraphiQL at /graphql, every asset from its own /graphiql/assets/', async () => {
    const { graphqlUrl, baseUrl } = gateway!;
    const response = await fetch(graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    const assets = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(3); // favicon, CSS, JS
    for (const asset of assets) {
      expect(asset).toMatch(/^\/graphiql\/assets\/[\w.-]+$/);
      expect((await fetch(`${baseUrl}${asset}`)).status, asset).toBe(200);
    }
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('answers the pre-filled GraphiQL query without a token: the demo manifest list and both children, no errors', async () => {
    const { graphqlUrl, stdout, stderr } = gateway!;
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: DEFAULT_GRAPHIQL_QUERY }),
    });
    expect(response.status).toBe(200);
    expectDemoManifestList((await response.json()) as ManifestListResponse);
    expectNoToken(stdout, stderr);
    expect(gateway!.logs().filter((line) => (line.level ?? 0) >= PINO_ERROR)).toEqual([]);
  });

  it("never logs a caller's bearer token", async () => {
    const { graphqlUrl, stdout, stderr } = gateway!;
    const developer = DEMO_USERS.find((user) => user.name === DEMO.users.developer);
    const requestId = `e2e-token-${Date.now()}`;
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${developer!.token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query: DEFAULT_GRAPHIQL_QUERY }),
    });
    expect(response.status).toBe(200);
    expectDemoManifestList((await response.json()) as ManifestListResponse);
    // Its access log line (written when the response closes) is in, and carries no token.
    await gateway!.waitForLog((line) => line.requestId === requestId, 10_000);
    expectNoToken(stdout, stderr);
  });
});

/** Tries a new TCP connection: 'connected', or the error code (ECONNREFUSED when nothing listens). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/**
 * Polls briefly until a new connection is no longer accepted; returns the last outcome. A
 * connection that lands in the listener's accept queue just as the listener closes is reset by
 * the kernel (ECONNRESET): it raced the close, so the next attempt decides.
 */
async function connectOutcomeAfterClose(port: number): Promise<string> {
  const deadline = performance.now() + 2_000;
  let outcome = await tryConnect(port);
  while ((outcome === 'connected' || outcome === 'ECONNRESET') && performance.now() < deadline) {
    await sleep(50);
    outcome = await tryConnect(port);
  }
  return outcome;
}

describe('SIGTERM', () => {
  let gateway: GatewayProcess | undefined;
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });

  it('lets requests in flight finish with 200, refuses new connections, logs "shutting down" then "stopped", and exits 0 as soon as they are done', async () => {
    const graceMs = 20_000;
    gateway = await startGateway({
      label: 'process-sigterm-drain',
      env: { SHUTDOWN_GRACE_MS: String(graceMs) },
    });
    const { port } = gateway;
    const uploads = await Promise.all(
      [1, 2, 3].map(() => startSlowUpload(port, DEFAULT_GRAPHIQL_QUERY)),
    );

    const sigtermAt = performance.now();
    gateway.signal('SIGTERM');
    const shuttingDown = await gateway.waitForLog(isShuttingDown, 10_000);
    expect(shuttingDown).toMatchObject({ signal: 'SIGTERM', graceMs });
    expect(await connectOutcomeAfterClose(port)).toBe('ECONNREFUSED');

    // Still draining: the three requests are waiting for the rest of their bodies.
    await sleep(500);
    expect(gateway.logs().some(isStopped), gateway.tail()).toBe(false);
    const exitedEarly = await Promise.race([gateway.exited, sleep(0, 'running' as const)]);
    expect(exitedEarly).toBe('running');

    for (const upload of uploads) upload.finish();
    const responses = await Promise.all(uploads.map((upload) => upload.response));
    for (const response of responses) {
      expect(response.status, response.body).toBe(200);
      expectDemoManifestList(JSON.parse(response.body) as ManifestListResponse);
    }

    const exit = await gateway.exited;
    expect(exit, gateway.tail()).toMatchObject({ code: 0, signal: null });
    // Done when the last request finished, not when the grace period ran out.
    expect(exit.at - sigtermAt).toBeLessThan(graceMs);

    const lines = gateway.logs();
    expectShutdownLogged(lines);
    expect(lines.filter((line) => (line.level ?? 0) >= PINO_ERROR)).toEqual([]);
    expect(gateway.stderr).toEqual([]);
  });

  it('cuts off a request still in flight when SHUTDOWN_GRACE_MS runs out, and still exits 0', async () => {
    const graceMs = 1_000;
    gateway = await startGateway({
      label: 'process-sigterm-grace',
      env: { SHUTDOWN_GRACE_MS: String(graceMs) },
    });
    const stuck = await startSlowUpload(gateway.port, DEFAULT_GRAPHIQL_QUERY); // never finished

    const sigtermAt = performance.now();
    gateway.signal('SIGTERM');
    const exit = await gateway.exited;
    expect(exit, gateway.tail()).toMatchObject({ code: 0, signal: null });
    expect(exit.at - sigtermAt).toBeGreaterThanOrEqual(graceMs - 50);
    expect(exit.at - sigtermAt).toBeLessThan(graceMs + 5_000);
    await expect(stuck.response).rejects.toThrow();

    expectShutdownLogged(gateway.logs());
  });
});
