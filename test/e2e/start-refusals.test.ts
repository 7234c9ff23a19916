/**
 * Issue #16: the built server (`node dist/main.js`) refuses configurations that cannot work, before
 * listening, with a message naming the variable: a set but empty OPENSHIFT_API_URL (which used to
 * start the demo simulator) and AUTH_MODE=service without a gateway credential (which used to send
 * every upstream request without Authorization).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN_JS } from './support/paths.js';

/** Runs the built server with a clean environment plus `env`; resolves when it exits. */
function run(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const home = mkdtempSync(path.join(tmpdir(), 'oig-e2e-refusal-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN_JS], {
      cwd: home,
      env: { HOME: home, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // A server that started instead of refusing would never exit: stop it and fail.
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stderr, stdout });
    });
  });
}

describe('start-up refuses configurations that cannot work', () => {
  it('exits non-zero for a set but empty OPENSHIFT_API_URL, naming it, and never starts the simulator', async () => {
    const { code, stderr, stdout } = await run({ OPENSHIFT_API_URL: '' });
    expect(code).toBe(78);
    expect(stderr).toContain('OPENSHIFT_API_URL is set but empty');
    expect(stdout).not.toContain('listening');
    expect(stdout).not.toContain('SIMULATOR');
  });

  it('exits non-zero for AUTH_MODE=service without a gateway credential, naming both', async () => {
    const { code, stderr, stdout } = await run({
      AUTH_MODE: 'service',
      OPENSHIFT_API_URL: 'https://127.0.0.1:1',
    });
    expect(code).toBe(78);
    expect(stderr).toMatch(/AUTH_MODE=service .*OPENSHIFT_TOKEN or OPENSHIFT_TOKEN_FILE/);
    expect(stdout).not.toContain('listening');
  });
});
