/**
 * Issue #4: the digest cache shares what never changes and never shares what a caller may not see.
 * Upstream GETs are counted by the simulator; the cache's clock is driven by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { createImageCache } from '../../../src/loaders/image-cache.js';
import { startStack, type Stack } from '../../support/stack.js';

const { demo, teamB } = DEMO.namespaces;
const TTL_MS = 30_000;

function manualClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function cachedStack() {
  const clock = manualClock();
  const cache = createImageCache({ maxBytes: 64 * 1024 * 1024, accessTtlMs: TTL_MS, clock });
  stack = await startStack({ cache });
  return { stack, clock, cache };
}

const pythonQuery = (namespace: string, stream: string, id: string) => `{
  imageStreamImage(namespace: "${namespace}", name: "${stream}@${id}") {
    metadata { name annotations { key value } }
    image { digest layerCount signatures { metadata { name } } }
  }
}`;

interface PythonResult {
  imageStreamImage: {
    metadata: { name: string; annotations: { key: string; value: string }[] | null };
    image: {
      digest: string;
      layerCount: number;
      signatures: { metadata: { name: string } }[] | null;
    };
  } | null;
}

describe('digest cache', () => {
  it('costs zero GETs for a warm repeat by the same caller', async () => {
    const { stack } = await cachedStack();
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    await stack.query(query);
    expect(stack.upstreamGets()).toBe(1);
    const warm = await stack.query<PythonResult>(query);
    expect(warm.errors).toBeUndefined();
    expect(warm.data?.imageStreamImage?.image.digest).toBe(DEMO.digests.python);
    expect(stack.upstreamGets()).toBe(1);
  });

  it('answers FORBIDDEN to a caller without access to the namespace even though the image is cached', async () => {
    const { stack } = await cachedStack();
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    await stack.query(query);
    const intruder = await stack.query<PythonResult>(query, {
      token: stack.simulator.token(DEMO.users.teamB),
    });
    expect(intruder.data?.imageStreamImage).toBeNull();
    expect(intruder.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(stack.upstreamGets()).toBe(2);
    // The failure is not shared either: the owner still gets data from the cache.
    const owner = await stack.query<PythonResult>(query);
    expect(owner.data?.imageStreamImage?.image.digest).toBe(DEMO.digests.python);
    expect(stack.upstreamGets()).toBe(2);
  });

  it("costs one GET for a caller reaching the digest through another namespace, who gets that stream's annotations", async () => {
    const { stack, cache } = await cachedStack();
    stack.simulator.setStreamAnnotations(teamB, DEMO.streams.teamBShared, { owner: 'team-b' });
    stack.simulator.setStreamAnnotations(demo, DEMO.streams.python, { owner: 'demo' });
    const mine = await stack.query<PythonResult>(
      pythonQuery(demo, DEMO.streams.python, DEMO.digests.python),
    );
    const theirs = await stack.query<PythonResult>(
      pythonQuery(teamB, DEMO.streams.teamBShared, DEMO.digests.python),
      { token: stack.simulator.token(DEMO.users.teamB) },
    );
    expect(stack.upstreamGets()).toBe(2);
    expect(mine.data?.imageStreamImage?.metadata.annotations).toEqual([
      { key: 'owner', value: 'demo' },
    ]);
    expect(theirs.data?.imageStreamImage?.metadata.annotations).toEqual([
      { key: 'owner', value: 'team-b' },
    ]);
    expect(theirs.data?.imageStreamImage?.image.layerCount).toBe(
      mine.data?.imageStreamImage?.image.layerCount,
    );
    expect(cache.stats()).toMatchObject({ contentEntries: 1, accessEntries: 2 });
  });

  it('stores an image reached through a prefix and through its full digest once', async () => {
    const { stack, cache } = await cachedStack();
    const prefix = DEMO.digests.python.slice(0, 'sha256:'.length + 12);
    const bare = DEMO.digests.python.slice('sha256:'.length, 'sha256:'.length + 10);
    const viaPrefix = await stack.query<PythonResult>(
      pythonQuery(demo, DEMO.streams.python, prefix),
    );
    const viaBare = await stack.query<PythonResult>(pythonQuery(demo, DEMO.streams.python, bare));
    const viaFull = await stack.query<PythonResult>(
      pythonQuery(demo, DEMO.streams.python, DEMO.digests.python),
    );
    expect(viaPrefix.data?.imageStreamImage?.metadata.name).toBe(
      `${DEMO.streams.python}@${prefix}`,
    );
    expect(viaBare.data?.imageStreamImage?.metadata.name).toBe(`${DEMO.streams.python}@${bare}`);
    expect(viaFull.data?.imageStreamImage?.image.digest).toBe(DEMO.digests.python);
    expect(viaPrefix.data?.imageStreamImage?.image.digest).toBe(DEMO.digests.python);
    expect(cache.stats()).toMatchObject({ contentEntries: 1, accessEntries: 3 });
  });

  it('shows a signature added upstream once the access TTL has passed, and not before', async () => {
    const { stack, clock } = await cachedStack();
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    const before = await stack.query<PythonResult>(query);
    const count = before.data?.imageStreamImage?.image.signatures?.length ?? 0;
    const added = stack.simulator.addSignatureText(
      DEMO.digests.python,
      'signed after the first read',
    );
    clock.advance(TTL_MS - 1_000);
    const within = await stack.query<PythonResult>(query);
    expect(within.data?.imageStreamImage?.image.signatures?.length ?? 0).toBe(count);
    clock.advance(2_000);
    const after = await stack.query<PythonResult>(query);
    expect(after.data?.imageStreamImage?.image.signatures?.map((s) => s.metadata.name)).toContain(
      added.metadata?.name,
    );
    expect(stack.upstreamGets()).toBe(2);
  });

  it('stops serving a revoked token within the TTL', async () => {
    const { stack, clock } = await cachedStack();
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    const token = stack.simulator.token(DEMO.users.developer);
    expect((await stack.query<PythonResult>(query, { token })).errors).toBeUndefined();
    stack.simulator.revokeToken(token);
    clock.advance(TTL_MS + 1);
    const revoked = await stack.query<PythonResult>(query, { token });
    expect(revoked.data?.imageStreamImage).toBeNull();
    expect(revoked.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('asks the API server every time when CACHE_ACCESS_TTL_SECONDS=0', async () => {
    stack = await startStack({ env: { CACHE_ACCESS_TTL_SECONDS: '0' } });
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    await stack.query(query);
    await stack.query(query);
    expect(stack.upstreamGets()).toBe(2);
  });

  it('shares the gateway identity between callers when AUTH_MODE=service', async () => {
    stack = await startStack({ env: { AUTH_MODE: 'service' } });
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    await stack.query(query, { token: null });
    const other = await stack.query<PythonResult>(query, {
      token: 'sha256~whatever-the-caller-sends',
    });
    expect(other.data?.imageStreamImage?.image.digest).toBe(DEMO.digests.python);
    expect(stack.upstreamGets()).toBe(1);
  });

  it('costs one GET for a burst of identical concurrent misses by one caller (single-flight)', async () => {
    const { stack } = await cachedStack();
    stack.simulator.setLatency(50);
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => stack.query<PythonResult>(query)),
    );
    expect(
      results.every((r) => r.data?.imageStreamImage?.image.digest === DEMO.digests.python),
    ).toBe(true);
    expect(stack.upstreamGets()).toBe(1);
  });

  it('costs one access check per caller for a burst of different callers, and stores the content once', async () => {
    const { stack, cache } = await cachedStack();
    stack.simulator.setLatency(30);
    const tokens = ['a', 'b', 'c', 'd', 'e'].map((name) => {
      stack.simulator.addUser({ name, namespaces: [demo] });
      return stack.simulator.token(name);
    });
    const query = pythonQuery(demo, DEMO.streams.python, DEMO.digests.python);
    await Promise.all(tokens.map((token) => stack.query(query, { token })));
    expect(stack.upstreamGets()).toBe(tokens.length);
    expect(cache.stats()).toMatchObject({ contentEntries: 1, accessEntries: tokens.length });
  });
});
