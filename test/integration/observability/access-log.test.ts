/**
 * Issue #6 (2): one structured access log line per request, the request id end to end (client,
 * log, upstream), levels, and no token, `Bearer` or upstream body text in any line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startObservedStack, type ObservedStack } from '../../support/observed-stack.js';

const { demo, teamB } = DEMO.namespaces;
const d = DEMO.digests;
const LIST_QUERY = `query ManifestList {
  imageStreamImage(namespace: "${demo}", name: "ubuntu@${d.manifestList}") {
    image { dockerImageManifests { image { digest } } }
  }
}`;
const isi = (alias: string, namespace: string, name: string) =>
  `${alias}: imageStreamImage(namespace: ${JSON.stringify(namespace)}, name: ${JSON.stringify(name)}) { image { digest } }`;
const isiPath = (namespace: string, name: string) =>
  `/apis/image.openshift.io/v1/namespaces/${namespace}/imagestreamimages/${name}`;

let stack: ObservedStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** The access line of a request; it is written when the response closes, so wait for it. */
async function accessLine(s: ObservedStack, requestId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const lines = s
      .logs()
      .filter((l) => l.msg === 'request completed' && l.requestId === requestId);
    if (lines.length > 1) throw new Error(`${lines.length} access lines for ${requestId}`);
    if (lines[0] !== undefined) return lines[0];
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no access line for ${requestId}`);
}

describe('access log', () => {
  it('writes one line per request with the request id, method, path, status, duration, operation, upstream requests and cache hits', async () => {
    stack = await startObservedStack();
    const cold = await stack.query(LIST_QUERY);
    expect(cold.errors).toBeUndefined();
    const coldId = cold.headers.get('x-request-id');
    expect(coldId).toMatch(/^[0-9a-f-]{36}$/);
    const line = await accessLine(stack, coldId!);
    expect(line).toMatchObject({
      level: 30,
      requestId: coldId,
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'ManifestList',
      upstreamRequests: 3,
      cacheHits: 0,
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line).not.toHaveProperty('errorCodes');

    const warm = await stack.query(LIST_QUERY);
    const warmLine = await accessLine(stack, warm.headers.get('x-request-id')!);
    expect(warmLine).toMatchObject({ upstreamRequests: 0, cacheHits: 3 });
    expect(warm.headers.get('x-request-id')).not.toBe(coldId);
  });

  it('keeps a client x-request-id, logs it and sends it upstream as X-Request-Id and Audit-ID on every GET', async () => {
    stack = await startObservedStack({ proxy: true });
    const requestId = 'client-trace.42:abc';
    const result = await stack.query(LIST_QUERY, { headers: { 'x-request-id': requestId } });
    expect(result.errors).toBeUndefined();
    expect(result.headers.get('x-request-id')).toBe(requestId);
    expect((await accessLine(stack, requestId)).upstreamRequests).toBe(3);
    const gets = stack.upstreamHeaders.filter((h) => h['x-request-id'] !== undefined);
    expect(stack.upstreamHeaders).toHaveLength(3);
    expect(gets.map((h) => [h['x-request-id'], h['audit-id']])).toEqual([
      [requestId, requestId],
      [requestId, requestId],
      [requestId, requestId],
    ]);
  });

  it('replaces an unsafe x-request-id with a generated one, used in the answer, the log and upstream alike', async () => {
    stack = await startObservedStack({ proxy: true });
    const result = await stack.query(`{ ${isi('a', demo, `python@${d.python}`)} }`, {
      headers: { 'x-request-id': 'evil\tid with spaces' },
    });
    const id = result.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await accessLine(stack, id!);
    expect(stack.upstreamHeaders.map((h) => h['x-request-id'])).toEqual([id]);
  });

  it('lists the error codes of a request, and every operation name of a batch in one line', async () => {
    stack = await startObservedStack();
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.simulator.token('developer')}`,
        'x-request-id': 'batch-1',
      },
      body: JSON.stringify([
        { query: `query Good { ${isi('a', demo, `python@${d.python}`)} }` },
        { query: `query Forbidden { ${isi('b', teamB, `python@${d.python}`)} }` },
        { query: `query Gone { ${isi('c', demo, `nosuch@${d.python}`)} }` },
      ]),
    });
    expect(response.status).toBe(200);
    await response.text();
    const line = await accessLine(stack, 'batch-1');
    expect(line.operationNames).toEqual(['Good', 'Forbidden', 'Gone']);
    expect(line.errorCodes).toEqual(['FORBIDDEN', 'NOT_FOUND']);
    expect(line.upstreamRequests).toBe(3);
    expect(line).not.toHaveProperty('operationName');
  });

  it('follows the log level: probes at debug, GraphQL requests at info, nothing below warn at LOG_LEVEL=warn', async () => {
    stack = await startObservedStack({ logLevel: 'info' });
    await fetch(`${stack.url}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
    const q = await stack.query(`{ ${isi('a', demo, `python@${d.python}`)} }`);
    await accessLine(stack, q.headers.get('x-request-id')!);
    expect(stack.logs().filter((l) => l.requestId === 'probe-1')).toEqual([]);
    await stack.close();

    stack = await startObservedStack({ logLevel: 'debug' });
    await fetch(`${stack.url}/healthz`, { headers: { 'x-request-id': 'probe-2' } });
    expect(await accessLine(stack, 'probe-2')).toMatchObject({ level: 20, path: '/healthz' });
    await stack.close();

    stack = await startObservedStack({ logLevel: 'warn' });
    const warnQuery = await stack.query(`{ ${isi('a', demo, `python@${d.python}`)} }`);
    expect(warnQuery.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stack.logs().filter((l) => l.msg === 'request completed')).toEqual([]);
  });

  it('writes no token, no "Bearer" and no upstream body text in any line, across successes and failures', async () => {
    stack = await startObservedStack({ env: { UPSTREAM_RETRIES: '1' }, logLevel: 'debug' });
    const s = stack;
    const developer = s.simulator.token('developer');
    const unknownToken = 'sha256~ThisTokenIsNotKnownToTheSimulator0123456789';
    const malformedToken = 'sha256~has"quotes"and{braces}';
    const upstreamTexts = new Set<string>();

    /** Asks the simulator directly, to learn the body text a failure carries. */
    const rawBody = async (path: string, token: string): Promise<void> => {
      const response = await fetch(`${s.simulator.url}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await response.text();
      if (response.status === 200) return;
      try {
        const status = JSON.parse(text) as { message?: string };
        if (status.message !== undefined) upstreamTexts.add(status.message);
      } catch {
        if (text.trim() !== '') upstreamTexts.add(text.trim());
      }
    };

    const python = `python@${d.python}`;
    const scenarios: {
      query: string;
      token?: string;
      fault?: Parameters<typeof s.simulator.injectFault>[0];
    }[] = [
      { query: LIST_QUERY },
      { query: `{ ${isi('a', demo, `nosuch@${d.python}`)} }` },
      { query: `{ ${isi('a', demo, `ubuntu@${d.python}`)} }` },
      { query: `{ ${isi('a', teamB, python)} }` },
      { query: `{ ${isi('a', demo, python)} }`, token: unknownToken },
      { query: `{ ${isi('a', demo, python)} }`, token: malformedToken },
      { query: `{ ${isi('a', demo, 'no-at-sign')} }` },
      { query: '{ imageStreamImage(' },
    ];
    const faulty = `python-app@${d.ociPushed}`;
    for (const fault of [
      { kind: 'internal-error' },
      { kind: 'server-timeout', retryAfterSeconds: 0 },
      { kind: 'service-unavailable' },
      { kind: 'too-many-requests', retryAfterSeconds: 0 },
      { kind: 'truncated' },
      { kind: 'reset' },
    ] as const) {
      scenarios.push({
        query: `{ ${isi('a', demo, faulty)} }`,
        fault: { path: isiPath(demo, faulty), times: 2, fault },
      });
    }

    for (const scenario of scenarios) {
      const token = scenario.token ?? developer;
      const match = /namespace: "([^"]+)", name: "([^"]+)"/.exec(scenario.query);
      if (scenario.fault !== undefined) {
        s.simulator.injectFault({ ...scenario.fault, times: 1 });
        await rawBody(scenario.fault.path as string, token);
      } else if (match !== null) {
        await rawBody(isiPath(match[1]!, match[2]!), token);
      }
      if (scenario.fault !== undefined) s.simulator.injectFault(scenario.fault);
      const result = await s.query(scenario.query, { token });
      await accessLine(s, result.headers.get('x-request-id')!);
    }

    const lines = s.rawLogs();
    const accessLines = s.logs().filter((l) => l.msg === 'request completed');
    expect(accessLines).toHaveLength(scenarios.length);
    // The scan must have something to find: failures happened and their upstream texts are known.
    expect(accessLines.filter((l) => l.errorCodes !== undefined).length).toBeGreaterThanOrEqual(10);
    expect(upstreamTexts.size).toBeGreaterThanOrEqual(5);
    for (const line of lines) {
      for (const secret of [developer, unknownToken, malformedToken, 'Bearer']) {
        expect(line).not.toContain(secret);
      }
      for (const text of upstreamTexts) expect(line).not.toContain(text);
    }
  });
});
