/**
 * Builds examples/stream-browser for the e2e test: `npm ci` there when its node_modules is missing
 * (its own package.json and lock), then `npm run build` (tsc + vite build into dist/).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runNpm } from './npm.js';
import { REPO_ROOT } from './paths.js';

/** The example's directory and its build output. */
export const STREAM_BROWSER_ROOT = path.join(REPO_ROOT, 'examples', 'stream-browser');
export const STREAM_BROWSER_DIST = path.join(STREAM_BROWSER_ROOT, 'dist');

const run = (args: readonly string[]): Promise<void> =>
  runNpm(args, STREAM_BROWSER_ROOT, 'examples/stream-browser');

/** Installs (when needed) and builds the app; resolves to the dist directory. */
export async function buildStreamBrowser(): Promise<string> {
  if (!existsSync(path.join(STREAM_BROWSER_ROOT, 'node_modules'))) {
    await run(['ci', '--no-audit', '--no-fund']);
  }
  await run(['run', 'build']);
  return STREAM_BROWSER_DIST;
}
