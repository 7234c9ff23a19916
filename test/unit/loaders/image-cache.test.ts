import { describe, expect, it } from 'vitest';
import { createImageCache, credentialIdentity } from '../../../src/loaders/image-cache.js';
import { buildImageStreamImage, digestOf, refOf } from '../../support/factories.js';

const alice = credentialIdentity('sha256~alice');
const bob = credentialIdentity('sha256~bob');

function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('image cache', () => {
  it('returns a caller its own earlier answer, equal to what the API server sent', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const resource = buildImageStreamImage({ signatures: 1 });
    const ref = refOf('demo', 'ubuntu', resource.image.metadata.name!);
    expect(cache.lookup(alice, ref)).toBeUndefined();
    cache.store(alice, ref, resource);
    expect(cache.lookup(alice, ref)).toEqual(resource);
  });

  it('never answers another caller from a record that is not theirs', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const resource = buildImageStreamImage();
    const ref = refOf('demo', 'ubuntu', resource.image.metadata.name!);
    cache.store(alice, ref, resource);
    expect(cache.lookup(bob, ref)).toBeUndefined();
    expect(cache.lookup(alice, refOf('other', 'ubuntu', ref.id))).toBeUndefined();
    expect(cache.lookup(alice, refOf('demo', 'other', ref.id))).toBeUndefined();
  });

  it('stores the content of a digest once however many ids, streams and callers reach it', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const digest = digestOf('shared');
    cache.store(alice, refOf('demo', 'ubuntu', digest), buildImageStreamImage({ digest }));
    cache.store(
      alice,
      refOf('demo', 'ubuntu', digest.slice(0, 15)),
      buildImageStreamImage({ digest, id: digest.slice(0, 15) }),
    );
    cache.store(
      bob,
      refOf('team-b', 'base', digest),
      buildImageStreamImage({ digest, stream: 'base', namespace: 'team-b' }),
    );
    expect(cache.stats()).toMatchObject({ contentEntries: 1, accessEntries: 3 });
  });

  it("serves each caller the stream annotations of that caller's own read, and the freshest signatures of anyone's", () => {
    const clock = manualClock();
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000, clock });
    const digest = digestOf('shared');
    const a = buildImageStreamImage({ digest, streamAnnotations: { owner: 'a' }, signatures: 0 });
    const b = buildImageStreamImage({
      digest,
      namespace: 'team-b',
      streamAnnotations: { owner: 'b' },
      signatures: 2,
    });
    cache.store(alice, refOf('demo', 'ubuntu', digest), a);
    clock.advance(1_000);
    cache.store(bob, refOf('team-b', 'ubuntu', digest), b);
    // Signatures are the Image's, the same for everyone who may read it: the later read wins.
    expect(cache.lookup(alice, refOf('demo', 'ubuntu', digest))).toEqual({
      ...a,
      image: { ...a.image, signatures: b.image.signatures },
    });
    expect(cache.lookup(bob, refOf('team-b', 'ubuntu', digest))).toEqual(b);
  });

  it('forgets an access record after the TTL, so the caller must ask the API server again', () => {
    const clock = manualClock();
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000, clock });
    const resource = buildImageStreamImage();
    const ref = refOf('demo', 'ubuntu', resource.image.metadata.name!);
    cache.store(alice, ref, resource);
    clock.advance(29_000);
    expect(cache.lookup(alice, ref)).toBeDefined();
    clock.advance(2_000);
    expect(cache.lookup(alice, ref)).toBeUndefined();
  });

  it('stores nothing when the access TTL is 0', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 0 });
    const resource = buildImageStreamImage();
    const ref = refOf('demo', 'ubuntu', resource.image.metadata.name!);
    cache.store(alice, ref, resource);
    expect(cache.lookup(alice, ref)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ contentEntries: 0, accessEntries: 0, bytes: 0 });
  });

  it('does not share content under a name that is not a canonical sha256 digest', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const resource = buildImageStreamImage({ digest: 'sha256:abc' });
    cache.store(alice, refOf('demo', 'ubuntu', 'sha256:abc'), resource);
    expect(cache.stats().contentEntries).toBe(0);
    expect(cache.lookup(alice, refOf('demo', 'ubuntu', 'sha256:abc'))).toBeUndefined();
  });

  it('keeps its measured size under CACHE_MAX_BYTES while many large images pass, evicting the oldest', () => {
    const maxBytes = 512 * 1024;
    const cache = createImageCache({ maxBytes, accessTtlMs: 30_000 });
    for (let i = 0; i < 400; i += 1) {
      const resource = buildImageStreamImage({ digest: digestOf(`image-${i}`), layers: 60 });
      cache.store(alice, refOf('demo', 'big', resource.image.metadata.name!), resource);
      expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
    }
    const stats = cache.stats();
    expect(stats.evictions).toBeGreaterThan(0);
    expect(stats.bytes).toBeGreaterThan(maxBytes / 2);
    const newest = digestOf('image-399');
    expect(cache.lookup(alice, refOf('demo', 'big', newest))).toBeDefined();
    expect(cache.lookup(alice, refOf('demo', 'big', digestOf('image-0')))).toBeUndefined();
  });

  it('returns frozen answers: a caller cannot change what others get', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const resource = buildImageStreamImage();
    const ref = refOf('demo', 'ubuntu', resource.image.metadata.name!);
    cache.store(alice, ref, resource);
    const first = cache.lookup(alice, ref)!;
    expect(() => {
      first.image.dockerImageLayers!.length = 0;
    }).toThrow(TypeError);
    expect(() => {
      first.image.metadata.name = 'sha256:other';
    }).toThrow(TypeError);
    expect(() => {
      (first.metadata as { name?: string }).name = 'other';
    }).toThrow(TypeError);
    expect(cache.lookup(alice, ref)!.image.dockerImageLayers).toHaveLength(2);
  });
});
