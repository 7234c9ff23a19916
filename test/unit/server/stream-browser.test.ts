import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStreamBrowserFile } from '../../../src/server/stream-browser.js';

const root = path.resolve('/srv/app');

describe('resolveStreamBrowserFile', () => {
  it('maps paths under /browser/ to files under the root, and routes without an extension to index.html', () => {
    expect(resolveStreamBrowserFile(root, '/browser/')).toBe(path.join(root, 'index.html'));
    expect(resolveStreamBrowserFile(root, '/browser/ns/demo')).toBe(path.join(root, 'index.html'));
    expect(resolveStreamBrowserFile(root, '/browser/assets/index-1.js')).toBe(
      path.join(root, 'assets', 'index-1.js'),
    );
  });

  it('refuses traversal, encoded traversal, backslashes, NUL and dot files', () => {
    for (const bad of [
      '/browser/../package.json',
      '/browser/assets/../../x.js',
      '/browser/%2e%2e/secret.txt',
      '/browser/%2e%2e%2fsecret.txt',
      '/browser/..%5csecret.txt',
      '/browser/a%00.js',
      '/browser/.env.json',
      '/browser/assets/.hidden.js',
      '/browser/%E0%A4%A.js',
    ]) {
      expect(resolveStreamBrowserFile(root, bad), bad).toBeUndefined();
    }
  });
});
