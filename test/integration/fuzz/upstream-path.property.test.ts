/**
 * No input changes the upstream path: arbitrary namespaces, names and ids go through the whole
 * gateway and the real upstream client to a recording server on 127.0.0.1:0, and every request it
 * receives is exactly `/apis/image.openshift.io/v1/namespaces/<ns>/imagestreamimages/<stream>@<id>`
 * with no query string, decoding back to the inputs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../../../src/server/create-gateway-server.js';
import { createOpenShiftClient } from '../../../src/upstream/openshift-client.js';
import { parseImageStreamImageName } from '../../../src/loaders/keys.js';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import { buildImageStreamImage, digestOf } from '../../support/factories.js';
import { createClientGateway } from '../../support/fake-gateway.js';
import { trickyString, validNamespace, validStream } from '../../support/arbitraries.js';

const PATH =
  /^\/apis\/image\.openshift\.io\/v1\/namespaces\/([^/?#@]+)\/imagestreamimages\/([^/?#@]+)@([^/?#@]+)$/;

let upstream: Server;
let gateway: GatewayServer;
const received: string[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const url = req.url ?? '';
    received.push(url);
    const match = PATH.exec(url);
    if (match === null) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }));
      return;
    }
    const [namespace, stream, id] = match.slice(1).map((s) => decodeURIComponent(s ?? ''));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        buildImageStreamImage({
          digest: digestOf('fuzz'),
          ...(namespace === undefined ? {} : { namespace }),
          ...(stream === undefined ? {} : { stream }),
          ...(id === undefined ? {} : { id }),
        }),
      ),
    );
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  gateway = await createClientGateway(
    createOpenShiftClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 }),
    // Access TTL 0: every request asks the API, so every accepted input is one GET.
    { env: { CACHE_ACCESS_TTL_SECONDS: '0' } },
  );
});

afterAll(async () => {
  await gateway.close(0);
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const QUERY = `query Q($ns: String!, $name: String!) {
  imageStreamImage(namespace: $ns, name: $name) { metadata { name namespace } }
}`;

/** Whether the gateway sends the input upstream: keys.ts accepts it, and so does the path builder,
 * which refuses an id of `.` or `..` (URL parsers would collapse it even encoded). */
function accepted(namespace: string, name: string): boolean {
  try {
    const { id } = parseImageStreamImageName(namespace, name);
    return id !== '.' && id !== '..';
  } catch {
    return false;
  }
}

describe('upstream path under arbitrary input', () => {
  it('sends exactly one well-formed GET per accepted input, decoding back to it, and none otherwise', async () => {
    const namespace = fc.oneof(validNamespace, trickyString);
    const name = fc.oneof(
      fc.tuple(validStream, trickyString).map(([stream, id]) => `${stream}@${id}`),
      fc.tuple(fc.oneof(validStream, trickyString), trickyString).map(([s, id]) => `${s}@${id}`),
      trickyString,
    );
    await fc.assert(
      fc.asyncProperty(namespace, name, async (ns, nm) => {
        received.length = 0;
        const response = await gateway.yoga.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer sha256~fuzz' },
          body: JSON.stringify({ query: QUERY, variables: { ns, name: nm } }),
          signal: AbortSignal.timeout(5000),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as {
          data?: { imageStreamImage: unknown } | null;
          errors?: { extensions?: { code?: string } }[];
        };
        for (const error of body.errors ?? []) {
          expect(ERROR_CODES).toContain(error.extensions?.code);
          expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        }
        if (!accepted(ns, nm)) {
          expect(received).toEqual([]);
          expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
          return;
        }
        expect(received).toHaveLength(1);
        const match = PATH.exec(received[0] ?? '');
        expect(match).not.toBeNull();
        const at = nm.indexOf('@');
        expect(match?.slice(1).map((s) => decodeURIComponent(s ?? ''))).toEqual([
          ns,
          nm.slice(0, at),
          nm.slice(at + 1),
        ]);
        expect(body.data?.imageStreamImage).toEqual({ metadata: { name: nm, namespace: ns } });
      }),
      { numRuns: 300, interruptAfterTimeLimit: 8000 },
    );
  });
});
