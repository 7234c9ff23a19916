/**
 * Raw HTTP clients for abuse tests: a JSON batch POST, and a socket that sends a request as slowly
 * as an attacker would, reporting how the server ended it.
 */
import { connect, type Socket } from 'node:net';

/** One GraphQL result of a batch. */
export interface BatchResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** POSTs a batch (a JSON array of operations) and returns the HTTP status and each result. */
export async function postBatch(
  url: string,
  operations: readonly { query: string; variables?: Record<string, unknown> }[],
  headers: Record<string, string> = {},
): Promise<{ status: number; results: BatchResult[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(operations),
  });
  const body = (await response.json()) as BatchResult[] | BatchResult;
  return { status: response.status, results: Array.isArray(body) ? body : [body] };
}

/** How the server ended a slow request. */
export interface SlowOutcome {
  /** The status line's code when the server answered (408), else undefined. */
  readonly status: number | undefined;
  /** Whether the socket was closed by the server before the client finished sending. */
  readonly closedBeforeDone: boolean;
  /** Pieces the client had sent when it ended. */
  readonly piecesSent: number;
  /** Milliseconds from connecting to the end of the socket. */
  readonly elapsedMs: number;
}

/**
 * Connects to `url`'s host and port and sends `head` (request line and the headers that go out at
 * once), then `pieces` one at a time, `intervalMs` apart, until the server answers or closes.
 */
export function sendSlowly(
  url: string,
  head: string,
  pieces: readonly string[],
  intervalMs: number,
): Promise<SlowOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket: Socket = connect(Number(port), hostname);
    let received = '';
    let sent = 0;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      resolve({
        status: match?.[1] === undefined ? undefined : Number(match[1]),
        closedBeforeDone: sent < pieces.length,
        piecesSent: sent,
        elapsedMs: performance.now() - started,
      });
      socket.destroy();
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('close', finish);
    socket.on('error', finish);
    const next = (): void => {
      if (done || socket.destroyed) return;
      if (sent >= pieces.length) return;
      socket.write(pieces[sent] ?? '');
      sent += 1;
      timer = setTimeout(next, intervalMs);
    };
    socket.on('connect', () => {
      socket.write(head);
      timer = setTimeout(next, intervalMs);
    });
  });
}

/** Opens a TCP connection and keeps it open without sending anything; resolves once connected. */
export function openIdle(url: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    // Flowing, so that the server's FIN is read (a paused socket may never see its 'end').
    socket.resume();
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

/**
 * Sends `request` (the exact bytes of one HTTP/1.1 request, which should say `Connection: close`)
 * and resolves to the exact bytes of the answer, read until the server closes the connection.
 */
export function rawExchange(url: string, request: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.once('connect', () => socket.write(request));
  });
}
