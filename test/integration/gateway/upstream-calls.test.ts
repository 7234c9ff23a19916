/**
 * The N+1 regression tests: exact upstream GETs per query, counted by the simulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const { demo } = DEMO.namespaces;
const list = `ubuntu@${DEMO.digests.manifestList}`;

let stack: Stack;
beforeEach(async () => {
  // TTL 0: nothing is served from the cross-request cache, so counts show batching alone.
  stack = await startStack({ env: { CACHE_ACCESS_TTL_SECONDS: '0' } });
});
afterEach(() => stack.close());

describe('upstream GETs per query', () => {
  it('costs 1 + N GETs for a manifest list with N children queried with its children', async () => {
    const result = await stack.query<{
      imageStreamImage: {
        image: { dockerImageManifests: { digest: string; image: { digest: string } }[] };
      };
    }>(`{
      imageStreamImage(namespace: "${demo}", name: "${list}") {
        image { dockerImageManifests { digest image { digest layerCount } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const children = result.data!.imageStreamImage.image.dockerImageManifests;
    expect(children.length).toBe(2);
    expect(children.map((c) => c.image.digest)).toEqual(children.map((c) => c.digest));
    expect(stack.upstreamGets()).toBe(1 + children.length);
  });

  it('costs one GET for the same image requested twice through aliases', async () => {
    const result = await stack.query(`{
      a: imageStreamImage(namespace: "${demo}", name: "${list}") { image { digest } }
      b: imageStreamImage(namespace: "${demo}", name: "${list}") { metadata { name } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(stack.upstreamGets()).toBe(1);
  });

  it('costs one GET for a name repeated in imageStreamImages, and one per distinct name', async () => {
    const python = `python@${DEMO.digests.python}`;
    const result = await stack.query<{
      imageStreamImages: ({ image: { digest: string } } | null)[];
    }>(`{
      imageStreamImages(namespace: "${demo}", names: ["${list}", "${python}", "${list}"]) { image { digest } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.imageStreamImages.map((i) => i?.image.digest)).toEqual([
      DEMO.digests.manifestList,
      DEMO.digests.python,
      DEMO.digests.manifestList,
    ]);
    expect(stack.upstreamGets()).toBe(2);
  });

  it('shares a child reached both directly and through its manifest list', async () => {
    const result = await stack.query(`{
      direct: imageStreamImage(namespace: "${demo}", name: "ubuntu@${DEMO.digests.arm64}") { image { digest } }
      list: imageStreamImage(namespace: "${demo}", name: "${list}") {
        image { dockerImageManifests { image { digest } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(stack.upstreamGets()).toBe(3);
  });

  it('costs zero GETs for a warm repeat by the same caller once the cache is on', async () => {
    await stack.close();
    stack = await startStack();
    const query = `{ imageStreamImage(namespace: "${demo}", name: "${list}") {
      image { dockerImageManifests { image { digest } } } } }`;
    await stack.query(query);
    expect(stack.upstreamGets()).toBe(3);
    stack.simulator.requests.reset();
    const warm = await stack.query(query, { headers: { 'x-gateway-stats': '1' } });
    expect(warm.errors).toBeUndefined();
    expect(stack.upstreamGets()).toBe(0);
    expect(warm.extensions?.['stats']).toMatchObject({ upstreamRequests: 0, cacheHits: 3 });
  });
});
