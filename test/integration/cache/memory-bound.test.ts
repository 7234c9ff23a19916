/**
 * Issue #4: memory stays under CACHE_MAX_BYTES plus a fixed margin while many distinct large
 * images pass through the gateway. Heap is measured after a forced GC, as a delta from a baseline
 * taken once the simulator has already serialised every body (so only the gateway's retention
 * counts). A control run with a large cache shows the measurement would catch a leak.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../../src/server/create-gateway.js';
import { createImageCache, type ImageCache } from '../../../src/loaders/image-cache.js';
import {
  buildImageStream,
  generateImages,
  startSimulator,
  type Simulator,
} from '../../../src/simulator/index.js';
import { testConfig } from '../../support/config.js';
import { captureLogs } from '../../support/logs.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const IMAGES = 240;
const PADDING = 100 * 1024;
const SMALL = 4 * 1024 * 1024;
const MARGIN = 8 * 1024 * 1024;

let simulator: Simulator;
let names: string[];

beforeAll(async () => {
  simulator = await startSimulator();
  const images = generateImages(IMAGES, {
    seedPrefix: 'memory',
    layerCount: 3,
    paddingBytes: PADDING,
  });
  for (const built of images) simulator.putImage(built.image);
  simulator.putStream(
    buildImageStream({
      namespace: 'demo',
      name: 'big',
      tags: images.map((built, i) => ({ tag: `t${i}`, history: [built] })),
    }),
  );
  names = images.map((built) => `big@${built.digest}`);
});
afterAll(() => simulator.close());

/** Streams every image through a gateway with `cache`, 20 names per request; returns the heap delta. */
async function streamThrough(cache: ImageCache): Promise<{ delta: number; maxStored: number }> {
  const config = testConfig();
  const gateway = await createGateway(config, {
    logger: captureLogs().logger,
    upstream: { baseUrl: simulator.url },
    cache,
  });
  const url = await gateway.listen(0, '127.0.0.1');
  gc();
  const before = process.memoryUsage().heapUsed;
  let maxStored = 0;
  for (let i = 0; i < names.length; i += 20) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${simulator.token('developer')}`,
      },
      body: JSON.stringify({
        query:
          'query($names: [String!]!) { imageStreamImages(namespace: "demo", names: $names) { image { digest } } }',
        variables: { names: names.slice(i, i + 20) },
      }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    maxStored = Math.max(maxStored, cache.stats().bytes);
  }
  gc();
  const delta = process.memoryUsage().heapUsed - before;
  await gateway.close(1_000);
  return { delta, maxStored };
}

describe('cache memory bound', () => {
  it('keeps the gateway heap within CACHE_MAX_BYTES plus a fixed margin while many large images pass', async () => {
    // Warm-up pass with nothing cached: the simulator serialises every body once.
    await streamThrough(createImageCache({ maxBytes: SMALL, accessTtlMs: 0 }));
    const small = await streamThrough(createImageCache({ maxBytes: SMALL, accessTtlMs: 60_000 }));
    console.log(
      `heap delta with a ${SMALL} B cache: ${small.delta} B (max stored ${small.maxStored} B)`,
    );
    expect(small.maxStored).toBeLessThanOrEqual(SMALL);
    expect(small.maxStored).toBeGreaterThan(SMALL / 2);
    expect(small.delta).toBeLessThan(SMALL + MARGIN);

    // Control: with room for everything, the same traffic retains far more, so the bound above is
    // what kept memory down (and this test would catch a cache that ignores it).
    const large = await streamThrough(
      createImageCache({ maxBytes: 256 * 1024 * 1024, accessTtlMs: 60_000 }),
    );
    console.log(
      `heap delta with room for everything: ${large.delta} B (max stored ${large.maxStored} B)`,
    );
    expect(large.maxStored).toBeGreaterThan(IMAGES * PADDING);
    expect(large.delta).toBeGreaterThan(SMALL + MARGIN);
  }, 120_000);
});
