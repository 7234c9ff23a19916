/** Runs npm for the e2e set-up, with its output kept for the error when it fails. */
import { spawn } from 'node:child_process';

/**
 * Runs `npm <args>` in `cwd`; rejects with npm's whole output when it exits non-zero.
 * `what` says in the error who ran it and why (e.g. "e2e globalSetup").
 */
export async function runNpm(args: readonly string[], cwd: string, what: string): Promise<void> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output: Buffer[] = [];
  const child = spawn(npm, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `${what}: 'npm ${args.join(' ')}' exited with ${String(code)}:\n${Buffer.concat(output).toString('utf8')}`,
    );
  }
}
