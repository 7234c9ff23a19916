/**
 * STREAM_BROWSER_DIR (issue #15): the gateway serves a built frontend at /browser/ with correct
 * content types and a same-origin CSP, never a file outside the directory, and nothing at all
 * when the variable is unset.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';

/** A raw GET, so that `..` segments reach the server as sent (fetch would normalise them). */
function rawGet(
  url: string,
  rawPath: string,
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

describe('STREAM_BROWSER_DIR', () => {
  let stack: Stack | undefined;
  let unset: Stack | undefined;
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stream-browser-'));
    const dist = path.join(dir, 'dist');
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><p>app</p>');
    writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(path.join(dist, 'assets', 'index-abc.css'), 'p{}');
    writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
    symlinkSync(path.join(dir, 'secret.txt'), path.join(dist, 'assets', 'link.txt'));
    stack = await startStack({ env: { STREAM_BROWSER_DIR: dist } });
    unset = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
    await unset?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html, assets with their types, and client routes, under a same-origin CSP', async () => {
    const index = await rawGet(stack!.url, '/browser/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<p>app</p>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['cache-control']).toBe('no-cache');

    const js = await rawGet(stack!.url, '/browser/assets/index-abc.js');
    expect([js.status, js.headers['content-type'], js.body]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'console.log(1)',
    ]);
    expect(js.headers['cache-control']).toContain('immutable');
    expect(
      (await rawGet(stack!.url, '/browser/assets/index-abc.css')).headers['content-type'],
    ).toBe('text/css; charset=utf-8');
    expect((await rawGet(stack!.url, '/browser/ns/demo')).body).toContain('<p>app</p>');
    const redirect = await rawGet(stack!.url, '/browser');
    expect([redirect.status, redirect.headers['location']]).toEqual([308, '/browser/']);
  });

  it('never serves a file outside the directory', async () => {
    for (const bad of [
      '/browser/../secret.txt',
      '/browser/%2e%2e/secret.txt',
      '/browser/%2e%2e%2fsecret.txt',
      '/browser/assets/..%2f..%2fsecret.txt',
      '/browser/assets/link.txt',
      '/browser/missing.js',
    ]) {
      const answer = await rawGet(stack!.url, bad);
      expect(answer.status, bad).toBe(404);
      expect(answer.body, bad).not.toContain('SECRET');
    }
    expect((await rawGet(stack!.url, '/browser/', 'POST')).status).toBe(405);
  });

  it('serves nothing at /browser/ when unset', async () => {
    const answer = await rawGet(unset!.url, '/browser/');
    expect(answer.body).not.toContain('<p>app</p>');
    expect(answer.headers['content-security-policy']).toBeUndefined();
  });
});
