import { describe, expect, it } from 'vitest';

import { decodeContinue, encodeContinue } from '../../../src/simulator/list.js';
import {
  SelectorError,
  parseLabelSelector,
  parseStreamFieldSelector,
} from '../../../src/simulator/selectors.js';
import { buildImageStream } from '../../../src/simulator/index.js';

const stream = buildImageStream({
  namespace: 'ns',
  name: 'web',
  labels: { tier: 'frontend', team: 'a', size: '10' },
  tags: [],
});

const labelError = (selector: string): string => {
  try {
    parseLabelSelector(selector);
  } catch (err) {
    if (err instanceof SelectorError) return err.message;
    throw err;
  }
  throw new Error(`expected ${selector} to be rejected`);
};

describe('label selectors', () => {
  it.each([
    ['', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['tier=frontend', true],
    ['tier==frontend', true],
    ['tier!=frontend', false],
    ['missing!=x', true],
    ['tier in (backend,frontend)', true],
    ['tier notin (frontend)', false],
    ['missing notin (x)', true],
    ['size>9', true],
    ['size<10', false],
    ['tier=frontend,team=b', false],
    ['tier=frontend, team in (a)', true],
    ['tier in (in)', false],
  ])('matches %j: %s', (selector, expected) => {
    expect(parseLabelSelector(selector).matches(stream.metadata.labels)).toBe(expected);
  });

  it.each([
    ['tier in frontend', "unable to parse requirement: found 'frontend' expected: '('"],
    ['tier in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['tier=a,', "found '', expected: identifier after ','"],
    ['tier=a b', "found 'b', expected: ',' or 'end of string'"],
    [',tier', "found ',', expected: !, identifier, or 'end of string'"],
    ['tier ~ a', "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt"],
    ['tier=(a)', "unable to parse requirement: found '(', expected: identifier"],
  ])('rejects %j with the parser text', (selector, message) => {
    expect(labelError(selector)).toBe(message);
  });

  it('validates keys as qualified names', () => {
    expect(labelError('a/b/c=x')).toMatch(
      /^unable to parse requirement: <nil>: Invalid value: "a\/b\/c": a qualified name must consist/,
    );
    expect(labelError('Example.com/x=y')).toMatch(/prefix part a lowercase RFC 1123 subdomain/);
    expect(parseLabelSelector('example.com/x=y').empty).toBe(false);
  });
});

describe('ImageStream field selectors', () => {
  it('matches the four fields with =, == and !=, and pins metadata.name', () => {
    const byName = parseStreamFieldSelector('metadata.name=web');
    expect(byName.matches(stream)).toBe(true);
    expect(byName.name).toBe('web');
    expect(parseStreamFieldSelector('metadata.namespace!=ns').matches(stream)).toBe(false);
    expect(
      parseStreamFieldSelector(
        'status.dockerImageRepository==image-registry.openshift-image-registry.svc:5000/ns/web',
      ).matches(stream),
    ).toBe(true);
    expect(parseStreamFieldSelector('spec.dockerImageRepository=').matches(stream)).toBe(true);
    expect(parseStreamFieldSelector('metadata.name!=web').name).toBeUndefined();
  });

  it('unescapes values and reports the first unknown field in sorted order', () => {
    expect(() => parseStreamFieldSelector('metadata.name=a\\,b')).not.toThrow();
    expect(() => parseStreamFieldSelector('metadata.name=a\\x')).toThrow(
      'invalid field selector: invalid escape sequence: \\x',
    );
    expect(() => parseStreamFieldSelector('z.field=1,b.field=2')).toThrow(
      '"b.field" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });
});

describe('continue tokens', () => {
  it('encodes as storage.EncodeContinue does and decodes back', () => {
    const token = encodeContinue(1139216, 'service-09\u0000');
    expect(Buffer.from(token, 'base64url').toString()).toBe(
      '{"v":"meta.k8s.io/v1","rv":1139216,"start":"service-09\\u0000"}',
    );
    expect(token).not.toContain('=');
    expect(decodeContinue(token)).toStrictEqual({ rv: 1139216, start: 'service-09\u0000' });
    expect(decodeContinue(encodeContinue(-1, 'a\u0000')).rv).toBe(-1);
  });

  it('rejects malformed tokens with the server texts', () => {
    expect(() => decodeContinue('not base64!')).toThrow(
      /^continue key is not valid: illegal base64 data/,
    );
    const v2 = Buffer.from('{"v":"meta.k8s.io/v2","rv":1,"start":"a"}').toString('base64url');
    expect(() => decodeContinue(v2)).toThrow(
      'continue key is not valid: server does not recognize this encoded version "meta.k8s.io/v2"',
    );
    const rv0 = Buffer.from('{"v":"meta.k8s.io/v1","rv":0,"start":"a"}').toString('base64url');
    expect(() => decodeContinue(rv0)).toThrow(/incorrect encoded start resourceVersion/);
  });
});
