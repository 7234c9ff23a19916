/**
 * readBodyWithin on a real node:http server, fed by a raw socket so that the test decides how the
 * bytes arrive: with the headers in one write (read at once from the stream's buffer), or in pieces
 * after the headers (read as the stream delivers them). Both give exactly the bytes sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBodyWithin } from '../../../src/server/body-limit.js';

/** What the server saw of one request. */
interface Seen {
  readonly body: Buffer | undefined;
  /** 'data' listeners left on the request once the body was read (none: nothing stays attached). */
  readonly dataListeners: number;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A server answering each request with the length it read; `seen` gets what it read. */
async function bodyServer(maxBytes: number): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    void readBodyWithin(req, res, maxBytes).then((body) => {
      seen.push({ body, dataListeners: req.listenerCount('data') });
      if (body === undefined) return;
      const answer = `${body.length}\n`;
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': answer.length });
      res.end(answer);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

const head = (length: number): string =>
  `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

/**
 * Writes `writes` to a new connection, `gapMs` apart, and resolves with everything the server
 * sent once it has answered `answers` requests (each answer is the length read and a newline),
 * or closed the connection.
 */
function exchange(
  port: number,
  writes: readonly (string | Buffer)[],
  gapMs: number,
  answers = 1,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let received = '';
    const done = (): void => {
      socket.destroy();
      resolve(received);
    };
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if ((received.match(/\r\n\r\n\d+\n/g) ?? []).length >= answers) done();
    });
    socket.on('close', done);
    socket.on('error', reject);
    const next = (index: number): void => {
      if (index >= writes.length) return;
      socket.write(writes[index]!, () => setTimeout(() => next(index + 1), gapMs));
    };
    socket.on('connect', () => next(0));
  });
}

describe('reading a request body within MAX_REQUEST_BODY_BYTES', () => {
  it('reads a body sent with its headers in one write, byte for byte', async () => {
    const { port, seen } = await bodyServer(1 << 20);
    const body = JSON.stringify({ query: '{ hello }', variables: { name: 'é€😀' } });
    const bytes = Buffer.byteLength(body);
    const answer = await exchange(port, [head(bytes) + body], 0);
    expect(answer).toMatch(new RegExp(`\\r\\n\\r\\n${bytes}\\n$`));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body?.toString('utf8')).toBe(body);
    expect(seen[0]!.dataListeners).toBe(0);
  });

  it('reads a body that arrives in pieces after its headers, byte for byte', async () => {
    const { port, seen } = await bodyServer(1 << 20);
    const body = Buffer.from(JSON.stringify({ query: `{ hello } ${'#'.repeat(3000)}` }));
    const pieces = [body.subarray(0, 1000), body.subarray(1000, 2000), body.subarray(2000)];
    const answer = await exchange(port, [head(body.length), ...pieces], 20);
    expect(answer).toMatch(new RegExp(`\\r\\n\\r\\n${body.length}\\n$`));
    expect(seen[0]!.body?.equals(body)).toBe(true);
    expect(seen[0]!.dataListeners).toBe(0);
  });

  it('reads a body whose first part came with the headers and the rest later', async () => {
    const { port, seen } = await bodyServer(1 << 20);
    const body = Buffer.from('x'.repeat(5000));
    const answer = await exchange(
      port,
      [Buffer.concat([Buffer.from(head(body.length)), body.subarray(0, 10)]), body.subarray(10)],
      20,
    );
    expect(answer).toMatch(/\r\n\r\n5000\n$/);
    expect(seen[0]!.body?.equals(body)).toBe(true);
  });

  it('reads an empty body declared with Content-Length: 0', async () => {
    const { port, seen } = await bodyServer(1 << 20);
    const answer = await exchange(port, [head(0)], 0);
    expect(answer).toMatch(/\r\n\r\n0\n$/);
    expect(seen[0]!.body?.length).toBe(0);
  });

  it('gives each of two pipelined requests in one write its own body', async () => {
    const { port, seen } = await bodyServer(1 << 20);
    const first = '{"query":"{ a }"}';
    const second = '{"query":"{ bb }","variables":{"x":1}}';
    const answer = await exchange(
      port,
      [head(first.length) + first + head(second.length) + second],
      0,
      2,
    );
    expect(answer.match(/\r\n\r\n\d+/g)).toEqual([
      `\r\n\r\n${first.length}`,
      `\r\n\r\n${second.length}`,
    ]);
    expect(seen.map((s) => s.body?.toString('utf8'))).toEqual([first, second]);
  });

  it('gives up on a body whose client goes away before sending all of it', async () => {
    const { port, seen } = await bodyServer(1 << 20);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(`${head(100)}{"query":`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    socket.destroy();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]!.body).toBeUndefined();
  });

  it('resolves at once for a request whose client went away before the body was read', async () => {
    // The handler reads only after the request is gone: no 'data', 'end' or 'error' will follow.
    const outcome = new Promise<Buffer | undefined>((resolve) => {
      const server = createServer((req, res) => {
        req.once('close', () => void readBodyWithin(req, res, 1 << 20).then(resolve));
      });
      servers.push(server);
      server.listen(0, '127.0.0.1', () => {
        const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
        socket.on('connect', () => {
          socket.write(`${head(100)}{"query":`, () => setTimeout(() => socket.destroy(), 20));
        });
      });
    });
    expect(await outcome).toBeUndefined();
  });

  it('refuses a declared length over the limit with 413 before reading anything', async () => {
    const { port, seen } = await bodyServer(10);
    const answer = await exchange(port, [head(11) + 'x'.repeat(11)], 0);
    expect(answer.startsWith('HTTP/1.1 413 ')).toBe(true);
    expect(seen[0]!.body).toBeUndefined();
  });
});
