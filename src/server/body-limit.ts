/**
 * MAX_REQUEST_BODY_BYTES in the HTTP front: a declared Content-Length over the limit is refused at
 * once; a body without one (chunked transfer encoding) is counted as it streams and refused as soon
 * as it passes the limit, so no body larger than the limit is ever held in memory or parsed. A
 * body the fast lane reads whole is taken straight from the stream's buffer when all of it came
 * with the headers (most POSTs), which skips the stream's 'data' and 'end' ticks: on a cached query
 * 0.87x the instructions (bench/README.md, issue #11, twelfth pass).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The 413 answer: a GraphQL-shaped error with the public code BAD_REQUEST. */
function refuse(res: ServerResponse, maxBytes: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // The rest of the body is not read: close the connection instead of keeping it alive.
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(
    JSON.stringify({
      errors: [
        {
          message: `Request body is larger than ${maxBytes} bytes (MAX_REQUEST_BODY_BYTES)`,
          extensions: { code: 'BAD_REQUEST', limit: 'MAX_REQUEST_BODY_BYTES', max: maxBytes },
        },
      ],
    }),
  );
}

/**
 * Reads a body of unknown length, up to `maxBytes`. Resolves to the bytes, to `'too-large'` as
 * soon as the count passes the limit (what is still arriving is discarded), or to `'aborted'` when
 * the client went away.
 */
function readWithin(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | 'too-large' | 'aborted'> {
  // Gone before it was read (after bufferedBody's yield): its 'error' and 'end' will never come.
  if (req.destroyed) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        chunks.length = 0;
        // Keep draining (and dropping) so the 413 can be written; the connection closes after it.
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = () => {
      cleanup();
      resolve('aborted');
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * The whole body of a request with a Content-Length when all of it is already buffered, read at
 * once: a small POST usually arrives with its headers, and node's parser has pushed it by the
 * time the handler's first await resumes. Otherwise undefined, with nothing read: the stream is
 * read as it arrives ({@link readWithin}). The declared length is the whole body: node's parser
 * never delivers more, and refusedAsDeclared has checked it against the limit.
 */
async function bufferedBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const declared = req.headers['content-length'];
  if (declared === undefined) return undefined;
  await Promise.resolve();
  const length = Number(declared);
  if (req.readableLength !== length || req.readableFlowing === true) return undefined;
  if (length === 0) return Buffer.alloc(0);
  const body = req.read() as Buffer | null;
  return body ?? undefined;
}

/**
 * Answers 413 when the request declares a Content-Length over `maxBytes`; true when it did.
 * Node's parser already refuses a malformed Content-Length and never reads past a valid one.
 */
function refusedAsDeclared(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined || Number(declared) <= maxBytes) return false;
  refuse(res, maxBytes);
  return true;
}

/**
 * Reads the whole body of one request within MAX_REQUEST_BODY_BYTES. Resolves to the bytes, or to
 * undefined when the request has been answered (413 `BAD_REQUEST`) or the client went away.
 */
export async function readBodyWithin(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (refusedAsDeclared(req, res, maxBytes)) return undefined;
  const body = (await bufferedBody(req)) ?? (await readWithin(req, maxBytes));
  if (body === 'aborted') {
    res.destroy();
    return undefined;
  }
  if (body === 'too-large') {
    refuse(res, maxBytes);
    return undefined;
  }
  return body;
}

/**
 * Enforces MAX_REQUEST_BODY_BYTES on one request before yoga sees it. Returns true when the request
 * may go on; false when it has been answered (413 `BAD_REQUEST`) or the client went away.
 *
 * A body without Content-Length is buffered (it is at most `maxBytes`) and handed to yoga as
 * `req.body`, which @whatwg-node/server takes as the already-read body, like an Express body.
 */
export async function enforceBodyLimit(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<boolean> {
  // A declared length is checked and the body streams to yoga; node never reads past it.
  if (req.headers['content-length'] !== undefined) return !refusedAsDeclared(req, res, maxBytes);
  if (req.headers['transfer-encoding'] === undefined) return true; // no body at all
  const body = await readBodyWithin(req, res, maxBytes);
  if (body === undefined) return false;
  handBodyToYoga(req, body);
  return true;
}

/** Hands yoga a body already read: @whatwg-node/server takes `req.body` as it takes an Express body. */
export function handBodyToYoga(req: IncomingMessage, body: Buffer): void {
  (req as IncomingMessage & { body?: Buffer }).body = body;
}
