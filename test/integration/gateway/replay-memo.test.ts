/**
 * Issue #11: the replay memo (src/server/replay-memo.ts) answers a repeated query with its
 * recorded result only after the caller's own loads gave the very same images again, and counts
 * every GET, cache hit and DataLoader batch as an execution would. The access log says which lane
 * answered (`replay`), so no test here passes with a memo that never replays; the cache's clock
 * is driven by hand. A read that made a GET hands out the decoded object, and the first hit after
 * it the cache's own (src/loaders/image-cache.ts): so a query is replayed from its third run
 * after a GET on, the second being recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { createImageCache } from '../../../src/loaders/image-cache.js';
import { METRICS_PREFIX as P } from '../../../src/server/metrics.js';
import {
  parseExposition,
  startObservedStack,
  valueOf,
  type ObservedStack,
} from '../../support/observed-stack.js';
import { startStack, type Stack } from '../../support/stack.js';

const { demo } = DEMO.namespaces;
const TTL_MS = 30_000;
const python = `${DEMO.streams.python}@${DEMO.digests.python}`;
const list = `${DEMO.streams.ubuntu}@${DEMO.digests.manifestList}`;

const IMAGE = `query Image($ns: String!, $name: String!) {
  imageStreamImage(namespace: $ns, name: $name) {
    image { digest layerCount signatures { metadata { name } } dockerImageManifests { digest image { digest layerCount } } }
  }
}`;

interface ImageResult {
  imageStreamImage: {
    image: {
      digest: string;
      signatures: { metadata: { name: string } }[] | null;
      dockerImageManifests: { image: { digest: string } | null }[] | null;
    };
  } | null;
}

let stacks: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(stacks.map((stack) => stack.close()));
  stacks = [];
});

async function cachedStack(env: Record<string, string> = {}) {
  let now = 1_000;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const cache = createImageCache({ maxBytes: 64 * 1024 * 1024, accessTtlMs: TTL_MS, clock });
  const stack = await startStack({ cache, env });
  stacks.push(stack);
  return { stack, clock };
}

/** Sends IMAGE of `name` as `user` with a request id of its own; answers the body and the lane. */
function sender(stack: Stack) {
  let n = 0;
  return async (name: string, user: string = DEMO.users.developer, headers = {}) => {
    const id = `replay-${(n += 1)}`;
    const answer = await stack.query<ImageResult>(IMAGE, {
      token: stack.simulator.token(user),
      variables: { ns: demo, name },
      headers: { 'x-request-id': id, ...headers },
    });
    const line = stack
      .logs()
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.msg === 'request completed' && entry.requestId === id);
    return { answer, lane: line?.['lane'] ?? 'yoga' };
  };
}

const codeOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  answer.errors?.[0]?.extensions?.['code'];

describe('the replay memo', () => {
  it('replays a manifest list once its three loads gave the same images: no GET, the same answer, the same stats', async () => {
    const { stack } = await cachedStack();
    const send = sender(stack);
    const first = await send(list);
    const second = await send(list);
    const third = await send(list, DEMO.users.developer, { 'x-gateway-stats': '1' });
    expect([first.lane, second.lane, third.lane]).toEqual(['fast', 'direct', 'replay']);
    expect(first.answer.errors).toBeUndefined();
    expect(third.answer.data).toEqual(first.answer.data);
    expect(third.answer.data?.imageStreamImage?.image.dockerImageManifests).toHaveLength(2);
    expect(third.answer.extensions?.['stats']).toEqual({
      upstreamRequests: 0,
      cacheHits: 3,
      sharedInFlight: 0,
    });
    expect(stack.upstreamGets()).toBe(3);
  });

  it('executes again when the image changed (a signature added, read after its TTL), then replays the new answer', async () => {
    const { stack, clock } = await cachedStack();
    const send = sender(stack);
    await send(python);
    await send(python);
    const before = await send(python);
    expect(before.lane).toBe('replay');
    const added = stack.simulator.addSignatureText(DEMO.digests.python, 'replay-memo');
    clock.advance(TTL_MS + 1);
    const gets = stack.upstreamGets();
    const after = await send(python);
    expect(after.lane).toBe('direct');
    expect(stack.upstreamGets()).toBe(gets + 1);
    const names = (r: typeof after) =>
      r.answer.data?.imageStreamImage?.image.signatures?.map((s) => s.metadata.name) ?? [];
    expect(names(after)).toContain(added.metadata.name);
    expect(names(before)).not.toContain(added.metadata.name);
    const recorded = await send(python);
    expect(recorded.lane).toBe('direct');
    const again = await send(python);
    expect(again.lane).toBe('replay');
    expect(recorded.answer.data).toEqual(after.answer.data);
    expect(again.answer.data).toEqual(after.answer.data);
    expect(stack.upstreamGets()).toBe(gets + 1);
  });

  it("never answers one caller with another's recording: FORBIDDEN for a caller without access, an own GET for one with it", async () => {
    const { stack } = await cachedStack();
    const send = sender(stack);
    await send(python);
    await send(python);
    expect((await send(python)).lane).toBe('replay');
    const gets = stack.upstreamGets();
    const intruder = await send(python, DEMO.users.teamB);
    expect(intruder.answer.data?.imageStreamImage).toBeNull();
    expect(codeOf(intruder.answer)).toBe('FORBIDDEN');
    expect(intruder.lane).toBe('direct');
    const admin = await send(python, DEMO.users.admin);
    expect(admin.answer.errors).toBeUndefined();
    expect(admin.lane).toBe('direct');
    expect(stack.upstreamGets()).toBe(gets + 2);
    // The intruder's failure recorded nothing; the admin's answer is the admin's own replay.
    const refusedAgain = await send(python, DEMO.users.teamB);
    expect(codeOf(refusedAgain.answer)).toBe('FORBIDDEN');
    expect(refusedAgain.lane).toBe('direct');
    expect((await send(python, DEMO.users.admin)).lane).toBe('direct');
    const adminAgain = await send(python, DEMO.users.admin);
    expect(adminAgain.lane).toBe('replay');
    expect(adminAgain.answer.data).toEqual(admin.answer.data);
  });

  it('refuses a revoked token once its access record expires, as an execution does', async () => {
    const { stack, clock } = await cachedStack();
    const send = sender(stack);
    await send(python);
    await send(python);
    expect((await send(python)).lane).toBe('replay');
    stack.simulator.revokeToken(stack.simulator.token(DEMO.users.developer));
    clock.advance(TTL_MS + 1);
    const gets = stack.upstreamGets();
    const refused = await send(python);
    expect(refused.answer.data?.imageStreamImage).toBeNull();
    expect(codeOf(refused.answer)).toBe('UNAUTHENTICATED');
    expect(refused.lane).toBe('direct');
    expect(stack.upstreamGets()).toBe(gets + 1);
  });

  it('tells variables apart: each image its own recording', async () => {
    const { stack } = await cachedStack();
    const send = sender(stack);
    for (let round = 0; round < 3; round += 1) {
      const a = await send(python);
      const b = await send(list);
      expect(a.answer.data?.imageStreamImage?.image.digest).toBe(DEMO.digests.python);
      expect(b.answer.data?.imageStreamImage?.image.digest).toBe(DEMO.digests.manifestList);
      if (round === 2) expect([a.lane, b.lane]).toEqual(['replay', 'replay']);
    }
  });

  it.each([
    ['REPLAY_MEMO_MAX_BYTES=0', '0'],
    ['a bound no result fits in', '100'],
  ])('%s: executes every time', async (_name, bytes) => {
    const { stack } = await cachedStack({ REPLAY_MEMO_MAX_BYTES: bytes });
    const send = sender(stack);
    await send(list);
    await send(list);
    const third = await send(list);
    expect(third.lane).toBe('direct');
    expect(third.answer.data?.imageStreamImage?.image.dockerImageManifests).toHaveLength(2);
  });
});

describe('the replay memo and the metrics', () => {
  const LIST = `query List { imageStreamImage(namespace: "${demo}", name: "${list}") { image { dockerImageManifests { image { digest } } } } }`;
  const counted = async (stack: ObservedStack) => {
    for (let i = 0; i < 5; i += 1) expect((await stack.query(LIST)).errors).toBeUndefined();
    const samples = parseExposition(await stack.scrape());
    const lanes = stack
      .logs()
      .filter((line) => line['msg'] === 'request completed' && line['path'] === '/graphql')
      .map((line) => line['lane']);
    return {
      lanes,
      counts: [
        'dataloader_batch_size_count',
        'dataloader_batch_size_sum',
        'cache_hits_total',
        'cache_misses_total',
        'upstream_requests_total',
        'graphql_operations_total',
      ].map((name) => [name, valueOf(samples, `${P}${name}`)]),
    };
  };

  it('counts the same batches, hits, misses, GETs and operations as with REPLAY_MEMO_MAX_BYTES=0', async () => {
    const [memo, executed] = await Promise.all([
      startObservedStack(),
      startObservedStack({ env: { REPLAY_MEMO_MAX_BYTES: '0' } }),
    ]);
    stacks.push(memo, executed);
    const a = await counted(memo);
    const b = await counted(executed);
    expect(a.lanes).toEqual(['fast', 'direct', 'replay', 'replay', 'replay']);
    expect(b.lanes).toEqual(['fast', 'direct', 'direct', 'direct', 'direct']);
    expect(a.counts).toEqual(b.counts);
    // Two batches per query (the list, then its two children), five queries.
    expect(a.counts[0]).toEqual(['dataloader_batch_size_count', 10]);
  });
});
