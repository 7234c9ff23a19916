/**
 * The README is part of the public contract: every error code clients may match on and every
 * environment variable the gateway reads must be documented there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/codes.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const configSource = readFileSync(
  new URL('../../../src/server/config.ts', import.meta.url),
  'utf8',
);

/** Names passed to the config reader (`r.int('PORT', ...)`, `r.string('HOST')`, ...). */
function variablesRead(source: string): string[] {
  return [...source.matchAll(/\br\.(?:string|int|bool|oneOf|url|list)\(\s*'([A-Z0-9_]+)'/g)].map(
    (m) => m[1]!,
  );
}

describe('README', () => {
  it('documents every public error code in its errors table', () => {
    const undocumented = ERROR_CODES.filter((code) => !readme.includes(`| \`${code}\` |`));
    expect(undocumented).toEqual([]);
  });

  it('documents every environment variable the configuration reads', () => {
    const variables = variablesRead(configSource);
    expect(variables.length).toBeGreaterThan(20);
    const internal = new Set(['HOME', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT']);
    const undocumented = variables.filter(
      (name) => !internal.has(name) && !readme.includes(`\`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });
});
