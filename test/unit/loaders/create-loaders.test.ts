import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../../src/loaders/create-loaders.js';
import { createImageCache, credentialIdentity } from '../../../src/loaders/image-cache.js';
import {
  createImageStore,
  createRequestStats,
  type Caller,
  type ImageStore,
} from '../../../src/loaders/image-store.js';
import { GatewayError } from '../../../src/errors/gateway-error.js';
import type { ImageStreamImageRef } from '../../../src/model/refs.js';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import type { ImageStreamImageResource } from '../../../src/model/resources.js';
import { buildImageStreamImage, digestOf, refOf } from '../../support/factories.js';
import { noNavigation } from '../../support/no-navigation.js';
import { createNavigationStore } from '../../../src/loaders/navigation-store.js';
import { createStreamCache } from '../../../src/loaders/stream-cache.js';
import {
  createLoadRecord,
  LOAD_RECORD_MAX_KEYS,
  type LoadRecord,
} from '../../../src/loaders/load-record.js';

/** A client that answers from a function, counting calls and the highest concurrency seen. */
function fakeClient(
  answer: (ref: ImageStreamImageRef) => ImageStreamImageResource | GatewayError,
  delayMs = 5,
) {
  const calls: { ref: ImageStreamImageRef; token: string | undefined }[] = [];
  let active = 0;
  let maxActive = 0;
  const client: OpenShiftClient = {
    async getImageStreamImage(ref, credential, options) {
      calls.push({ ref, token: credential.token });
      options?.onAttempt?.();
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      active -= 1;
      const result = answer(ref);
      if (result instanceof GatewayError) throw result;
      return result;
    },
    ...noNavigation,
    probe: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return { client, calls, maxActive: () => maxActive };
}

const found = (ref: ImageStreamImageRef) =>
  buildImageStreamImage({
    namespace: ref.namespace,
    stream: ref.stream,
    id: ref.id,
    digest: ref.id,
  });

const alice: Caller = {
  kind: 'authenticated',
  credential: { token: 'sha256~alice' },
  identity: credentialIdentity('sha256~alice'),
};

function request(
  store: ImageStore,
  options: {
    caller?: Caller;
    maxConcurrency?: number;
    maxUpstreamCalls?: number;
    signal?: AbortSignal;
    record?: LoadRecord;
  } = {},
) {
  const stats = createRequestStats();
  const loaders = createLoaders({
    store,
    navigation: createNavigationStore({
      client: { ...noNavigation } as unknown as OpenShiftClient,
      cache: createStreamCache({ maxBytes: 1_000_000, ttlMs: 30_000 }),
    }),
    caller: options.caller ?? alice,
    stats,
    requestId: 'test',
    signal: () => options.signal ?? new AbortController().signal,
    deadline: Date.now() + 30_000,
    maxConcurrency: options.maxConcurrency ?? 8,
    maxUpstreamCalls: options.maxUpstreamCalls ?? 100,
    ...(options.record === undefined ? {} : { record: options.record }),
  });
  return { loaders, stats };
}

function newStore(client: OpenShiftClient, accessTtlMs = 30_000) {
  return createImageStore({ client, cache: createImageCache({ maxBytes: 1 << 20, accessTtlMs }) });
}

describe('the load record (for the replay memo)', () => {
  it('holds each image batch in dispatch order with what each key gave, errors in their slots', async () => {
    const missing = digestOf('missing');
    const fake = fakeClient((ref) =>
      ref.id === missing ? new GatewayError('NOT_FOUND', 'no such image') : found(ref),
    );
    const record = createLoadRecord();
    const { loaders } = request(newStore(fake.client), { record });
    const list = refOf('demo', 'ubuntu', digestOf('list'));
    const children = [refOf('demo', 'ubuntu', digestOf('a')), refOf('demo', 'ubuntu', missing)];
    await loaders.imageStreamImage.load(list);
    await loaders.imageStreamImage.loadMany([...children, list]);
    expect(record.incomplete).toBe(false);
    expect(record.keys).toBe(3);
    // The list again is a DataLoader cache hit: in no batch.
    expect(record.imageBatches.map((batch) => batch.keys)).toEqual([[list], children]);
    const [, second] = record.imageBatches;
    expect(second?.loaded?.[0]).toMatchObject({
      resource: { image: { metadata: { name: children[0]!.id } } },
    });
    expect(second?.loaded?.[1]).toBeInstanceOf(Error);
  });

  it('is incomplete, and empty, once a stream is read or the images pass LOAD_RECORD_MAX_KEYS', async () => {
    const fake = fakeClient(found);
    const streams = createLoadRecord();
    const one = request(newStore(fake.client), { record: streams });
    await one.loaders.imageStreamImage.load(refOf('demo', 'ubuntu', digestOf('a')));
    one.loaders.imageOrigin(digestOf('a'));
    expect(streams).toMatchObject({ incomplete: true, imageBatches: [] });

    const many = createLoadRecord();
    const two = request(newStore(fake.client), { record: many, maxUpstreamCalls: 1000 });
    const refs = Array.from({ length: LOAD_RECORD_MAX_KEYS + 1 }, (_, i) =>
      refOf('demo', 'ubuntu', digestOf(`m${i}`)),
    );
    await two.loaders.imageStreamImage.loadMany(refs.slice(0, LOAD_RECORD_MAX_KEYS));
    expect(many.incomplete).toBe(false);
    await two.loaders.imageStreamImage.load(refs[LOAD_RECORD_MAX_KEYS]!);
    expect(many).toMatchObject({ incomplete: true, imageBatches: [] });
  });
});

describe('per-request loaders', () => {
  it('costs one GET for the same key loaded twice in one request', async () => {
    const fake = fakeClient(found);
    const { loaders, stats } = request(newStore(fake.client, 0));
    const ref = refOf('demo', 'ubuntu', digestOf('a'));
    const [a, b] = await Promise.all([
      loaders.imageStreamImage.load(ref),
      loaders.imageStreamImage.load({ ...ref }),
    ]);
    expect(a).toBe(b);
    expect(fake.calls).toHaveLength(1);
    expect(stats.upstreamRequests).toBe(1);
  });

  it('fetches siblings in one batch with at most UPSTREAM_MAX_CONCURRENCY GETs at once', async () => {
    const fake = fakeClient(found, 10);
    const { loaders } = request(newStore(fake.client, 0), { maxConcurrency: 3 });
    const refs = Array.from({ length: 10 }, (_, i) => refOf('demo', 'ubuntu', digestOf(`c${i}`)));
    const results = await Promise.all(refs.map((ref) => loaders.imageStreamImage.load(ref)));
    expect(results.map((r) => r.resource.image.metadata.name)).toEqual(refs.map((r) => r.id));
    expect(fake.calls).toHaveLength(10);
    expect(fake.maxActive()).toBe(3);
  });

  it('fails one missing key without failing its siblings', async () => {
    const missing = digestOf('missing');
    const fake = fakeClient((ref) =>
      ref.id === missing ? new GatewayError('NOT_FOUND', 'not found') : found(ref),
    );
    const { loaders } = request(newStore(fake.client));
    const results = await loaders.imageStreamImage.loadMany([
      refOf('demo', 'ubuntu', digestOf('ok')),
      refOf('demo', 'ubuntu', missing),
    ]);
    expect(results[0]).not.toBeInstanceOf(Error);
    expect(results[1]).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('attaches the namespace and stream an image was read through', async () => {
    const fake = fakeClient(found);
    const { loaders } = request(newStore(fake.client));
    const loaded = await loaders.imageStreamImage.load(refOf('team-b', 'base', digestOf('x')));
    expect(loaded.origin).toEqual({ namespace: 'team-b', stream: 'base' });
  });

  it('answers UNAUTHENTICATED without any GET when pass-through has no token', async () => {
    const fake = fakeClient(found);
    const { loaders } = request(newStore(fake.client), { caller: { kind: 'missing' } });
    await expect(
      loaders.imageStreamImage.load(refOf('demo', 'ubuntu', 'sha256:ab')),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(fake.calls).toHaveLength(0);
  });

  it('turns reads beyond MAX_UPSTREAM_CALLS_PER_REQUEST into QUERY_TOO_COMPLEX errors instead of traffic', async () => {
    const fake = fakeClient(found);
    const { loaders } = request(newStore(fake.client), { maxUpstreamCalls: 2 });
    const results = await loaders.imageStreamImage.loadMany(
      [1, 2, 3].map((i) => refOf('demo', 'ubuntu', digestOf(`b${i}`))),
    );
    expect(fake.calls).toHaveLength(2);
    expect(results.filter((r) => r instanceof Error)).toEqual([
      expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }),
    ]);
  });

  it('shares one GET between concurrent requests of the same caller for the same key', async () => {
    const fake = fakeClient(found, 20);
    const store = newStore(fake.client);
    const ref = refOf('demo', 'ubuntu', digestOf('hot'));
    const first = request(store);
    const second = request(store);
    await Promise.all([
      first.loaders.imageStreamImage.load(ref),
      second.loaders.imageStreamImage.load(ref),
    ]);
    expect(fake.calls).toHaveLength(1);
    expect(second.stats.sharedInFlight).toBe(1);
  });

  it('does not share an in-flight GET between different callers', async () => {
    const fake = fakeClient(found, 20);
    const store = newStore(fake.client);
    const ref = refOf('demo', 'ubuntu', digestOf('hot'));
    const bob: Caller = {
      kind: 'authenticated',
      credential: { token: 'sha256~bob' },
      identity: credentialIdentity('sha256~bob'),
    };
    await Promise.all([
      request(store).loaders.imageStreamImage.load(ref),
      request(store, { caller: bob }).loaders.imageStreamImage.load(ref),
    ]);
    expect(fake.calls.map((c) => c.token).sort()).toEqual(['sha256~alice', 'sha256~bob']);
  });

  it('serves a warm repeat from the cache with zero GETs', async () => {
    const fake = fakeClient(found);
    const store = newStore(fake.client);
    const ref = refOf('demo', 'ubuntu', digestOf('warm'));
    await request(store).loaders.imageStreamImage.load(ref);
    const warm = request(store);
    await warm.loaders.imageStreamImage.load(ref);
    expect(fake.calls).toHaveLength(1);
    expect(warm.stats).toMatchObject({ upstreamRequests: 0, cacheHits: 1 });
  });

  it('stops waiting at the request deadline with UPSTREAM_TIMEOUT while a shared GET goes on', async () => {
    const fake = fakeClient(found, 50);
    const store = newStore(fake.client);
    const ref = refOf('demo', 'ubuntu', digestOf('slow'));
    const patient = request(store).loaders.imageStreamImage.load(ref);
    const hurried = request(store, {
      signal: AbortSignal.timeout(5),
    }).loaders.imageStreamImage.load(ref);
    await expect(hurried).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    await expect(patient).resolves.toMatchObject({ origin: { stream: 'ubuntu' } });
    expect(fake.calls).toHaveLength(1);
  });
});
