/**
 * Limits seen through the real HTTP front on 127.0.0.1:0: the body limit (declared and chunked)
 * and the per-request upstream budget, with the upstream GETs counted on a fake client.
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { limitsGateway, type Body } from '../../support/limits-gateway.js';

const running: { close: (graceMs?: number) => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close(0)));
});

async function start(env: Record<string, string>, children?: number) {
  const gateway = await limitsGateway(env, children);
  const base = await gateway.server.listen(0, '127.0.0.1');
  running.push(gateway.server);
  return { ...gateway, base };
}

/** Sends `chunks` with chunked transfer encoding (no Content-Length), stopping once answered. */
function postChunked(
  base: string,
  chunks: readonly string[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sha256~alice',
        'transfer-encoding': 'chunked',
      },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }),
      );
    });
    // A reset after the answer is the server closing a connection it will not read further.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const writeNext = (index: number): void => {
      if (answered || index >= chunks.length) {
        if (!answered) req.end();
        return;
      }
      req.write(chunks[index], () => setImmediate(() => writeNext(index + 1)));
    };
    writeNext(0);
  });
}

const SMALL = JSON.stringify({
  query: '{ imageStreamImage(namespace: "demo", name: "ubuntu@abc") { kind } }',
});

describe('request body limit in the HTTP front', () => {
  it('answers a chunked body without Content-Length over MAX_REQUEST_BODY_BYTES with 413 BAD_REQUEST', async () => {
    const { base, calls } = await start({ MAX_REQUEST_BODY_BYTES: '4096' });
    // A valid document padded with whitespace: only its size is wrong.
    const padded = `${SMALL.slice(0, -1)}${' '.repeat(10_000)}}`;
    const chunks = padded.match(/[\s\S]{1,1000}/g) ?? [];
    const { status, body } = await postChunked(base, chunks);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({
      errors: [
        {
          message: 'Request body is larger than 4096 bytes (MAX_REQUEST_BODY_BYTES)',
          extensions: { code: 'BAD_REQUEST', limit: 'MAX_REQUEST_BODY_BYTES', max: 4096 },
        },
      ],
    });
    expect(calls).toEqual([]);
  });

  it('serves a chunked body under the limit', async () => {
    const { base, calls } = await start({ MAX_REQUEST_BODY_BYTES: '4096' });
    const { status, body } = await postChunked(base, [SMALL.slice(0, 10), SMALL.slice(10)]);
    expect(status).toBe(200);
    expect((JSON.parse(body) as Body).data).toEqual({
      imageStreamImage: { kind: 'ImageStreamImage' },
    });
    expect(calls).toHaveLength(1);
  });

  it('answers a declared Content-Length over the limit with 413 before reading the body', async () => {
    const { base, calls } = await start({ MAX_REQUEST_BODY_BYTES: '64' });
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: SMALL,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as Body).errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    expect(calls).toEqual([]);
  });
});

describe('one body limit: the HTTP front, not yoga', () => {
  // Yoga's own check (off here) refuses bodies over 25 MB; MAX_REQUEST_BODY_BYTES alone decides.
  const YOGA_DEFAULT_LIMIT = 25_000_000;
  const padded = (bytes: number): string =>
    JSON.stringify({
      query: '{ imageStreamImage(namespace: "demo", name: "ubuntu@abc") { kind } }',
      variables: { padding: 'x'.repeat(bytes) },
    });

  it('serves a body larger than yoga default limit when MAX_REQUEST_BODY_BYTES allows it', async () => {
    const { base, calls } = await start({ MAX_REQUEST_BODY_BYTES: String(32 * 1024 * 1024) });
    const body = padded(YOGA_DEFAULT_LIMIT + 1_000_000);
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sha256~alice' },
      body,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Body).data).toEqual({
      imageStreamImage: { kind: 'ImageStreamImage' },
    });
    expect(calls).toHaveLength(1);
  });

  it('still answers 413 for the same body sent chunked when it passes MAX_REQUEST_BODY_BYTES', async () => {
    const { base, calls } = await start({ MAX_REQUEST_BODY_BYTES: String(1024 * 1024) });
    const body = padded(2 * 1024 * 1024);
    const chunks = Array.from({ length: Math.ceil(body.length / 65536) }, (_, i) =>
      body.slice(i * 65536, (i + 1) * 65536),
    );
    const { status, body: answer } = await postChunked(base, chunks);
    expect(status).toBe(413);
    expect((JSON.parse(answer) as Body).errors?.[0]?.extensions?.['limit']).toBe(
      'MAX_REQUEST_BODY_BYTES',
    );
    expect(calls).toEqual([]);
  });
});

describe('per-request upstream budget through the server', () => {
  it('reads at most MAX_UPSTREAM_CALLS_PER_REQUEST and answers the rest with QUERY_TOO_COMPLEX', async () => {
    // The cost estimate is raised out of the way so that the runtime budget is what stops it.
    const { base, calls } = await start(
      { MAX_UPSTREAM_CALLS_PER_REQUEST: '3', MAX_QUERY_COST: '100000' },
      4,
    );
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sha256~alice' },
      body: JSON.stringify({
        query:
          '{ imageStreamImage(namespace: "demo", name: "ubuntu@cafe") { image { dockerImageManifests { image { digest } } } } }',
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    // The list, then two of its four children: three GETs in all.
    expect(calls).toHaveLength(3);
    const budgetErrors = body.errors ?? [];
    expect(budgetErrors).toHaveLength(2);
    for (const error of budgetErrors) {
      expect(error.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'MAX_UPSTREAM_CALLS_PER_REQUEST',
        max: 3,
      });
      expect(error.path).toEqual([
        'imageStreamImage',
        'image',
        'dockerImageManifests',
        expect.any(Number),
        'image',
      ]);
    }
  });
});
