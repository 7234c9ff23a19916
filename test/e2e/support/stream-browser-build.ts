/**
 * Builds examples/stream-browser for the e2e test: `npm ci` there when its node_modules is missing
 * (its own package.json and lock), then `npm run build` (tsc + vite build into dist/).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** The example's directory and its build output. */
export const STREAM_BROWSER_ROOT = path.join(REPO_ROOT, 'examples', 'stream-browser');
export const STREAM_BROWSER_DIST = path.join(STREAM_BROWSER_ROOT, 'dist');

async function run(args: readonly string[]): Promise<void> {
  const output: Buffer[] = [];
  const child = spawn('npm', [...args], {
    cwd: STREAM_BROWSER_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `examples/stream-browser: 'npm ${args.join(' ')}' exited with ${String(code)}:\n${Buffer.concat(output).toString('utf8')}`,
    );
  }
}

/** Installs (when needed) and builds the app; resolves to the dist directory. */
export async function buildStreamBrowser(): Promise<string> {
  if (!existsSync(path.join(STREAM_BROWSER_ROOT, 'node_modules'))) {
    await run(['ci', '--no-audit', '--no-fund']);
  }
  await run(['run', 'build']);
  return STREAM_BROWSER_DIST;
}
