import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import { createOpenShiftClient } from '../../../src/upstream/openshift-client.js';
import { rejectionOf } from '../../support/rejection.js';

const REF = { namespace: 'demo', stream: 'ubuntu', id: 'sha256:ab12' };
const BODY = JSON.stringify({
  kind: 'ImageStreamImage',
  apiVersion: 'image.openshift.io/v1',
  metadata: { name: 'ubuntu@sha256:ab12', namespace: 'demo' },
  image: { metadata: { name: `sha256:ab12${'0'.repeat(60)}` } },
});

let server: Server | undefined;
let client: OpenShiftClient | undefined;

afterEach(async () => {
  await client?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
  client = undefined;
});

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createOpenShiftClient over real HTTP', () => {
  it('reads an ImageStreamImage through its own keep-alive pool', async () => {
    const paths: string[] = [];
    const baseUrl = await listen((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(BODY);
    });
    client = createOpenShiftClient({ baseUrl });
    const result = await client.getImageStreamImage(REF, { token: 'abc' });
    expect(result.metadata.name).toBe('ubuntu@sha256:ab12');
    expect(paths).toEqual([
      '/apis/image.openshift.io/v1/namespaces/demo/imagestreamimages/ubuntu@sha256%3Aab12',
    ]);
  });

  it('answers UPSTREAM_BAD_RESPONSE for a body shorter than its Content-Length', async () => {
    let requests = 0;
    const baseUrl = await listen((req, res) => {
      requests++;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(BODY.length + 100),
      });
      res.write(BODY.slice(0, 40));
      // Close the socket after the short body: the client sees fewer bytes than announced.
      setTimeout(() => req.socket.destroy(), 10);
    });
    client = createOpenShiftClient({ baseUrl });
    const error = await rejectionOf(client.getImageStreamImage(REF, { token: 'abc' }));
    expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(error.details.problem).toBe('the body was truncated');
    // The server had answered: a body cut short is not retried (client-go does not either).
    expect(requests).toBe(1);
  });

  it('lets one attempt use the whole deadline: an answer after 2 s with timeoutMs 3000 takes one GET', async () => {
    let requests = 0;
    const baseUrl = await listen((_req, res) => {
      requests++;
      // More than half of the deadline (the old per-attempt share), with a second to spare.
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(BODY), 2_000);
    });
    client = createOpenShiftClient({ baseUrl, timeoutMs: 3_000, retries: 2 });
    const result = await client.getImageStreamImage(REF, { token: 'abc' });
    expect(result.metadata.name).toBe('ubuntu@sha256:ab12');
    expect(requests).toBe(1);
  });

  it('answers UPSTREAM_TIMEOUT when the deadline passes, and does not retry the attempt that timed out', async () => {
    let requests = 0;
    const baseUrl = await listen(() => {
      requests++;
    });
    client = createOpenShiftClient({ baseUrl, timeoutMs: 200, retries: 2 });
    const error = await rejectionOf(client.getImageStreamImage(REF, { token: 'abc' }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.details.cancelled).toBeUndefined();
    expect(requests).toBe(1);
  });

  it("ends a call at its deadline, never before it and not long after, whatever the phase of undici's coarse timer", async () => {
    // undici runs headersTimeout/bodyTimeout on a shared 499 ms tick (lib/util/timers.js): with
    // another request's timer already ticking, a 600 ms timeout fired after 500-1000 ms and a
    // 100 ms one after 500-1000 ms too. The deadline has its own timer, so it is exact.
    const baseUrl = await listen(() => {});
    const background = createOpenShiftClient({ baseUrl, timeoutMs: 20_000, retries: 0 });
    const pending = rejectionOf(background.getImageStreamImage(REF, { token: 'bg' }));
    try {
      for (const [phaseMs, timeoutMs] of [
        [450, 600],
        [200, 100],
        [300, 1_200],
      ] as const) {
        await new Promise((resolve) => setTimeout(resolve, phaseMs));
        client = createOpenShiftClient({ baseUrl, timeoutMs, retries: 2 });
        const started = performance.now();
        const error = await rejectionOf(client.getImageStreamImage(REF, { token: 'abc' }));
        const elapsed = performance.now() - started;
        expect(error.code).toBe('UPSTREAM_TIMEOUT');
        expect({ timeoutMs, early: elapsed < timeoutMs - 3 }).toEqual({ timeoutMs, early: false });
        expect({ timeoutMs, late: elapsed > timeoutMs + 350 }).toEqual({ timeoutMs, late: false });
        await client.close();
        client = undefined;
      }
    } finally {
      await background.close();
      await pending;
    }
  });

  it('ends a body that trickles past the deadline with UPSTREAM_TIMEOUT, without a retry', async () => {
    let requests = 0;
    const baseUrl = await listen((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      // One byte every 50 ms: never idle for long, but never done within 300 ms.
      let sent = 0;
      const drip = setInterval(() => {
        if (sent >= BODY.length || res.destroyed) {
          clearInterval(drip);
          res.end();
          return;
        }
        res.write(BODY[sent++]);
      }, 50);
      res.on('close', () => clearInterval(drip));
    });
    client = createOpenShiftClient({ baseUrl, timeoutMs: 300, retries: 2 });
    const error = await rejectionOf(client.getImageStreamImage(REF, { token: 'abc' }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(requests).toBe(1);
  });

  it('ends a call that waits for a pool connection at its own deadline, while the connection is still busy', async () => {
    // One connection, held by a GET the server never answers: the second GET waits in the pool's
    // queue. It must end at its deadline, not when the first GET gives the connection back.
    let requests = 0;
    const baseUrl = await listen(() => {
      requests++;
    });
    client = createOpenShiftClient({ baseUrl, connections: 1, timeoutMs: 20_000, retries: 0 });
    let firstSettled = false;
    const first = client
      .getImageStreamImage(REF, { token: 'abc' })
      .catch(() => undefined)
      .finally(() => (firstSettled = true));
    const error = await rejectionOf(
      client.getImageStreamImage(REF, { token: 'abc' }, { deadline: Date.now() + 200 }),
    );
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(firstSettled).toBe(false);
    // The queued GET never reached the server.
    expect(requests).toBe(1);
    // afterEach destroys the pool, which ends the first GET.
    void first;
  });

  it('answers UPSTREAM_UNAVAILABLE when nothing listens', async () => {
    const baseUrl = await listen(() => {});
    await new Promise((resolve) => server!.close(resolve));
    client = createOpenShiftClient({ baseUrl, retries: 0 });
    const error = await rejectionOf(client.getImageStreamImage(REF, { token: 'abc' }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.details.transport).toBe('ECONNREFUSED');
  });
});
