import { describe, expect, it } from 'vitest';

import {
  digestMatches,
  parseImageStreamImageName,
  parseImageStreamTagName,
  resolveImageId,
  streamCandidates,
} from '../../../src/simulator/lookup.js';
import { buildImage, buildImageStream, buildManifestList } from '../../../src/simulator/index.js';

const A = 'sha256:ab12ff0000000000000000000000000000000000000000000000000000000000';
const B = 'sha256:ab34ee0000000000000000000000000000000000000000000000000000000000';

describe('parseImageStreamImageName', () => {
  it.each([
    ['ruby@sha256:ab12', { stream: 'ruby', id: 'sha256:ab12' }],
    ['ruby@notadigest', { stream: 'ruby', id: 'notadigest' }],
  ])('accepts %j', (name, parsed) => {
    expect(parseImageStreamImageName(name)).toStrictEqual(parsed);
  });
  it.each(['ruby', 'a@b@c', '@sha256:ab', 'ruby@', '@', ''])('rejects %j', (name) => {
    expect(parseImageStreamImageName(name)).toBeUndefined();
  });
});

describe('parseImageStreamTagName', () => {
  it('accepts <stream>:<tag>', () => {
    expect(parseImageStreamTagName('ubuntu:18.04')).toStrictEqual({
      stream: 'ubuntu',
      tag: '18.04',
    });
  });
  it.each(['ubuntu', 'ubuntu@sha256:ab', 'a:b:c', ':t', 's:', 's:t@x'])('rejects %j', (name) => {
    expect(parseImageStreamTagName(name)).toBeUndefined();
  });
});

describe('digest prefix matching', () => {
  it.each([
    [A, true],
    ['sha256:ab12', true],
    ['ab12', true],
    ['a', true],
    ['s', true],
    ['sha256:', true],
    ['AB12', false],
    ['sha256:ab13', false],
    ['b12', false],
  ])('matches %j against a digest: %s', (id, expected) => {
    expect(digestMatches(A, id)).toBe(expected);
  });

  it('picks the first candidate when several match and none when nothing does', () => {
    expect(resolveImageId([A, B], 'ab')).toBe(A);
    expect(resolveImageId([B, A], 'ab')).toBe(B);
    expect(resolveImageId([A, B], 'ab3')).toBe(B);
    expect(resolveImageId([A, B], 'cd')).toBeUndefined();
  });
});

describe('streamCandidates', () => {
  const amd = buildImage({ seed: 'c' });
  const arm = buildImage({ seed: 'c', platform: { architecture: 'arm64', os: 'linux' } });
  const list = buildManifestList([amd, arm]);
  const old = buildImage({ seed: 'old' });
  const stream = buildImageStream({
    namespace: 'ns',
    name: 's',
    tags: [
      { tag: 'b', history: [old] },
      { tag: 'a', history: [list, old] },
    ],
  });
  const images = new Map([amd, arm, list, old].map((b) => [b.digest, b.image]));

  it('walks tags by name, history newest first, list children after their list, without duplicates', () => {
    expect(streamCandidates(stream, (d) => images.get(d))).toStrictEqual([
      list.digest,
      amd.digest,
      arm.digest,
      old.digest,
    ]);
  });

  it('cannot see the children of a list whose Image object is gone', () => {
    images.delete(list.digest);
    expect(streamCandidates(stream, (d) => images.get(d))).toStrictEqual([list.digest, old.digest]);
  });

  it('ignores tags whose items are null', () => {
    const empty = buildImageStream({ namespace: 'ns', name: 'e', tags: [] });
    empty.status.tags = [{ tag: 'broken', items: null }];
    expect(streamCandidates(empty, () => undefined)).toStrictEqual([]);
  });
});
