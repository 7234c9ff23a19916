/**
 * Serves the built reference frontend (examples/stream-browser, `npm run demo`) under
 * {@link STREAM_BROWSER_PATH} when STREAM_BROWSER_DIR names its build output. Only files inside
 * that directory are served (no traversal: the path is decoded, normalised and must stay under
 * the root; dot files and symlinks out of it are refused), with a content type from a fixed
 * table and a strict Content-Security-Policy (everything from this origin only). Paths without a
 * file extension answer the app's index.html, so that client-side routes survive a reload.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** Where the app is served. */
export const STREAM_BROWSER_PATH = '/browser/';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Same-origin only: scripts, styles, images and GraphQL (fetch and SSE) from the gateway itself. */
export const STREAM_BROWSER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(`${message}\n`);
}

/**
 * The file under `root` that `urlPath` (starting with {@link STREAM_BROWSER_PATH}) names, or
 * undefined when it would leave `root` or names a dot file. Pure: exported for its unit test.
 */
export function resolveStreamBrowserFile(root: string, urlPath: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(STREAM_BROWSER_PATH.length));
  } catch {
    return undefined;
  }
  if (relative.includes('\0') || relative.includes('\\')) return undefined;
  if (relative === '' || path.posix.extname(relative) === '') relative = 'index.html';
  const normalised = path.posix.normalize(relative);
  if (normalised.startsWith('..') || path.posix.isAbsolute(normalised)) return undefined;
  if (normalised.split('/').some((part) => part.startsWith('.'))) return undefined;
  const file = path.resolve(root, normalised);
  const base = path.resolve(root);
  return file.startsWith(base + path.sep) ? file : undefined;
}

/** Answers a GET or HEAD under {@link STREAM_BROWSER_PATH} from the files in `root`. */
export async function serveStreamBrowser(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return refuse(res, 405, 'method not allowed');
  }
  const file = resolveStreamBrowserFile(root, urlPath);
  const type = file === undefined ? undefined : TYPES[path.extname(file)];
  if (file === undefined || type === undefined) return refuse(res, 404, 'not found');
  let size: number;
  try {
    // A symlink inside the build may not lead out of it.
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
    if (!real.startsWith(realRoot + path.sep)) return refuse(res, 404, 'not found');
    const info = await stat(real);
    if (!info.isFile()) return refuse(res, 404, 'not found');
    size = info.size;
  } catch {
    return refuse(res, 404, 'not found');
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(size),
    // Vite names assets by content hash; index.html must be revalidated.
    'cache-control': urlPath.includes('/assets/')
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
    'content-security-policy': STREAM_BROWSER_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.once('error', () => {
      res.destroy();
      resolve();
    });
    stream.once('end', resolve);
    stream.pipe(res);
  });
}
