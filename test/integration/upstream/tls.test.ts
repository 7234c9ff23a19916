import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenShiftClient } from '../../../src/upstream/openshift-client.js';

const REF = { namespace: 'demo', stream: 'ubuntu', id: 'sha256:ab12' };
const BODY = JSON.stringify({
  kind: 'ImageStreamImage',
  metadata: { name: 'ubuntu@sha256:ab12' },
  image: { metadata: { name: `sha256:ab12${'0'.repeat(60)}` } },
});

let server: Server;
let baseUrl: string;
let ca: string;

beforeAll(async () => {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'api.test' }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(now - 3_600_000),
    notAfterDate: new Date(now + 3_600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  ca = pems.cert;
  server = createServer({ key: pems.private, cert: pems.cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(BODY);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('TLS to the API server', () => {
  it('trusts the cluster CA it is given', async () => {
    const client = createOpenShiftClient({ baseUrl, tls: { ca, rejectUnauthorized: true } });
    try {
      const result = await client.getImageStreamImage(REF, { token: 'abc' });
      expect(result.metadata.name).toBe('ubuntu@sha256:ab12');
    } finally {
      await client.close();
    }
  });

  it('refuses a server its CA did not sign, as UPSTREAM_UNAVAILABLE without retrying forever', async () => {
    const client = createOpenShiftClient({
      baseUrl,
      tls: { rejectUnauthorized: true },
      retries: 0,
    });
    try {
      await expect(client.getImageStreamImage(REF, { token: 'abc' })).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
      });
    } finally {
      await client.close();
    }
  });
});
