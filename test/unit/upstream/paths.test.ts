import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import { imageStreamImagePath } from '../../../src/upstream/paths.js';
import {
  BASE_URL,
  TOKEN,
  buildPartialDigestBody,
  mockUpstreamPerTest,
} from '../../support/upstream-mock.js';

const PREFIX = '/apis/image.openshift.io/v1/namespaces/';

/** Checks that a built path has exactly the intended shape and decodes back to the inputs. */
function expectExactPath(path: string, ref: { namespace: string; stream: string; id: string }) {
  expect(path.startsWith(PREFIX)).toBe(true);
  expect(path).not.toMatch(/[?#\s]/);
  const parts = path.split('/');
  expect(parts).toHaveLength(8);
  expect(parts[6]).toBe('imagestreamimages');
  expect(decodeURIComponent(parts[5]!)).toBe(ref.namespace);
  const last = parts[7]!;
  // Exactly one literal '@': the separator. Any '@' in the inputs is encoded.
  expect(last.split('@')).toHaveLength(2);
  const [stream, id] = last.split('@');
  expect(decodeURIComponent(stream!)).toBe(ref.stream);
  expect(decodeURIComponent(id!)).toBe(ref.id);
  // A URL parser neither normalises nor re-splits it: no dot segments, no query, no fragment.
  const url = new URL(path, BASE_URL);
  expect(url.pathname).toBe(path);
  expect(url.search).toBe('');
  expect(url.hash).toBe('');
}

const tricky = [
  '..',
  '.',
  '../../api/v1/secrets',
  'a/b',
  '%2F',
  '%2e%2e',
  'x?watch=true',
  'x#frag',
  '100%',
  'ünïcødé-😀',
  'with space',
  'a@b',
  '@',
  'quote\'"(*)!',
  'line\nbreak',
  'back\\slash',
  ';param',
  '&amp=1',
];

describe('imageStreamImagePath', () => {
  it.each(tricky.filter((v) => v !== '.' && v !== '..'))(
    'keeps %j inside its own segment wherever it appears',
    (value) => {
      for (const ref of [
        { namespace: value, stream: 's', id: 'i' },
        { namespace: 'ns', stream: value, id: 'i' },
        { namespace: 'ns', stream: 's', id: value },
      ]) {
        expectExactPath(imageStreamImagePath(ref), ref);
      }
    },
  );

  // URL parsers collapse `%2E%2E` like `..`, so no encoding makes these safe: they are refused.
  it.each(['', '.', '..'])('refuses %j as a namespace, stream or id', (value) => {
    for (const [argument, ref] of [
      ['namespace', { namespace: value, stream: 's', id: 'i' }],
      ['stream', { namespace: 'ns', stream: value, id: 'i' }],
      ['id', { namespace: 'ns', stream: 's', id: value }],
    ] as const) {
      expect(() => imageStreamImagePath(ref)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument } }),
      );
    }
  });

  it('leaves ordinary names readable', () => {
    expect(
      imageStreamImagePath({ namespace: 'demo', stream: 'ubuntu.v2', id: 'sha256:ab12' }),
    ).toBe(`${PREFIX}demo/imagestreamimages/ubuntu.v2@sha256%3Aab12`);
  });

  it('never changes the path shape for any input (property)', () => {
    const part = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
      .filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(part, part, part, (namespace, stream, id) => {
        expectExactPath(imageStreamImagePath({ namespace, stream, id }), {
          namespace,
          stream,
          id,
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('the client sends exactly the encoded path', () => {
  let agent: MockAgent;
  let client: OpenShiftClient;
  mockUpstreamPerTest(
    (a, c) => {
      agent = a;
      client = c;
    },
    () => ({}),
  );

  it.each(tricky.filter((v) => v !== '.' && v !== '..'))(
    'sends %j as data, never as path or query',
    async (value) => {
      const ref = { namespace: value, stream: value, id: value };
      const sent: string[] = [];
      agent
        .get(BASE_URL)
        .intercept({
          path: (path) => {
            sent.push(path);
            return true;
          },
        })
        .reply(200, buildPartialDigestBody());
      await client.getImageStreamImage(ref, { token: TOKEN });
      // MockAgent may ask the matcher more than once for the same request.
      expect(new Set(sent).size).toBe(1);
      expectExactPath(sent[0]!, ref);
    },
  );
});
