/**
 * A GraphQL POST that stays in flight until the test lets it finish: the body is sent in two parts.
 * Used to show that SIGTERM drains requests in flight (test/e2e/process.test.ts for the process,
 * test/e2e/container.test.ts for `podman stop`).
 */
import { once } from 'node:events';
import { request, type IncomingHttpHeaders } from 'node:http';

/** A POST whose body is sent in two parts, so that the request stays in flight in between. */
export interface SlowUpload {
  /** Sends the rest of the body. */
  finish(): void;
  /** The response, read to the end; rejects when the connection is cut. */
  readonly response: Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>;
}

/**
 * Starts a JSON POST to /graphql on its own connection with `Expect: 100-continue` and sends half
 * of the body. Resolves once the server answered `100 Continue`: node:http writes that right before
 * it emits 'request', so the gateway is then handling the request (and counts it as in flight)
 * while it waits for the rest of the body.
 */
export async function startSlowUpload(port: number, query: string): Promise<SlowUpload> {
  const body = Buffer.from(JSON.stringify({ query }), 'utf8');
  const half = Math.floor(body.length / 2);
  const req = request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'content-length': String(body.length),
      expect: '100-continue',
    },
  });
  const response = new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('error', reject);
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
    },
  );
  response.catch(() => undefined); // observed by the caller; never an unhandled rejection
  req.flushHeaders();
  await once(req, 'continue');
  req.write(body.subarray(0, half));
  return { response, finish: () => req.end(body.subarray(half)) };
}
