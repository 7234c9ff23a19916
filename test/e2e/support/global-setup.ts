/**
 * The e2e project's globalSetup: builds the server once per run (`npm run build`, tsc to `dist/`),
 * so every e2e test starts the same `node dist/main.js` that `npm start` runs.
 */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

/** Runs `npm run build` in the repository; rejects with tsc's output when it fails. */
export default async function setup(): Promise<void> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output: Buffer[] = [];
  const child = spawn(npm, ['run', 'build'], {
    cwd: REPO_ROOT,
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
      `e2e globalSetup: 'npm run build' exited with ${String(code)}; the e2e tests need dist/main.js:\n` +
        Buffer.concat(output).toString('utf8'),
    );
  }
}
