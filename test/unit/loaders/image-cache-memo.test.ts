/**
 * A cache hit parses its JSON strings once: the answer is built the first time, deep-frozen, and
 * the very same object is served again while its entries are the same (counted with a spy on
 * JSON.parse and by object identity, never timed).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createImageCache, credentialIdentity } from '../../../src/loaders/image-cache.js';
import { buildImageStreamImage, digestOf, refOf } from '../../support/factories.js';

const alice = credentialIdentity('sha256~alice');
const bob = credentialIdentity('sha256~bob');

function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('image cache: a hit is parsed once', () => {
  it('parses a record the first time it is hit and serves the same frozen object after', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const resource = buildImageStreamImage({ signatures: 1 });
    const ref = refOf('demo', 'ubuntu', resource.image.metadata.name!);
    cache.store(alice, ref, resource);
    const parse = vi.spyOn(JSON, 'parse');
    const first = cache.lookup(alice, ref);
    // The head of the access record, the mutable part and the immutable core.
    expect(parse).toHaveBeenCalledTimes(3);
    const second = cache.lookup(alice, ref);
    const third = cache.lookup(alice, ref);
    expect(parse).toHaveBeenCalledTimes(3);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(first).toEqual(resource);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.image.dockerImageLayers?.[0])).toBe(true);
    expect(cache.stats().hits).toBe(3);
  });

  it('parses shared content once for every caller, each with their own head', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const digest = digestOf('shared');
    const ref = refOf('demo', 'ubuntu', digest);
    cache.store(alice, ref, buildImageStreamImage({ digest }));
    cache.store(bob, ref, buildImageStreamImage({ digest }));
    const parse = vi.spyOn(JSON, 'parse');
    const a = cache.lookup(alice, ref);
    const b = cache.lookup(bob, ref);
    // alice: head, mutable, core; bob: his own head only.
    expect(parse).toHaveBeenCalledTimes(4);
    expect(a).not.toBe(b);
    expect(a?.image.dockerImageLayers).toBe(b?.image.dockerImageLayers);
  });

  it('builds a new answer after a new store, and after the mutable part expired and was read again', () => {
    const clock = manualClock();
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000, clock });
    const digest = digestOf('fresh');
    const ref = refOf('demo', 'ubuntu', digest);
    cache.store(alice, ref, buildImageStreamImage({ digest, signatures: 1 }));
    const first = cache.lookup(alice, ref);
    expect(cache.lookup(alice, ref)).toBe(first);

    // Bob reads the same digest later: the freshest mutable part (two signatures) replaces it.
    clock.advance(1_000);
    cache.store(bob, ref, buildImageStreamImage({ digest, signatures: 2 }));
    const parse = vi.spyOn(JSON, 'parse');
    const second = cache.lookup(alice, ref);
    expect(second).not.toBe(first);
    expect(second?.image.signatures).toHaveLength(2);
    // Only the new mutable part is parsed: alice's head and the core are the same entries.
    expect(parse).toHaveBeenCalledTimes(1);
    expect(cache.lookup(alice, ref)).toBe(second);

    // Alice's own new read replaces her access record: parsed again, a new object.
    cache.store(alice, ref, buildImageStreamImage({ digest, signatures: 2 }));
    const third = cache.lookup(alice, ref);
    expect(third).not.toBe(second);
    expect(third).toEqual(second);
  });

  it('serves a child of a manifest list (a derived head) with the child’s own creation time, once parsed', () => {
    const cache = createImageCache({ maxBytes: 1 << 20, accessTtlMs: 30_000 });
    const child = buildImageStreamImage({ digest: digestOf('child') });
    const childRef = refOf('demo', 'ubuntu', child.image.metadata.name!);
    const base = buildImageStreamImage({ digest: digestOf('list') });
    const list = {
      ...base,
      image: {
        ...base.image,
        dockerImageManifests: [
          {
            digest: childRef.id,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            manifestSize: 1234,
            architecture: 'amd64',
            os: 'linux',
          },
        ],
      },
    };
    cache.store(alice, refOf('demo', 'ubuntu', list.image.metadata.name!), list);
    // The child's own content, read by bob through another stream.
    cache.store(bob, refOf('other', 'ubuntu', childRef.id), child);
    const first = cache.lookup(alice, childRef);
    expect(first?.image.metadata.name).toBe(child.image.metadata.name);
    expect(first?.metadata.name).toBe(`ubuntu@${childRef.id}`);
    expect(first?.metadata.creationTimestamp).toBe(child.image.metadata.creationTimestamp);
    const parse = vi.spyOn(JSON, 'parse');
    expect(cache.lookup(alice, childRef)).toBe(first);
    expect(parse).not.toHaveBeenCalled();
  });
});
