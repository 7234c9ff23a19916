/**
 * `Subscription.imageStreamChanged` end to end: the gateway built by the composition root over the
 * simulator (its real ImageStream watch and mutations), subscribers over yoga's SSE.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, DEMO, type Simulator } from '../../../src/simulator/index.js';
import type { Gateway } from '../../../src/server/create-gateway.js';
import { startWatchingGatewayOver } from '../../support/stack.js';
import { subscribeSse, type SseSubscription } from '../../support/sse.js';

const { demo } = DEMO.namespaces;

const SUBSCRIPTION = /* GraphQL */ `
  subscription Changes($namespace: String!, $name: String!, $after: String) {
    imageStreamChanged(namespace: $namespace, name: $name, after: $after) {
      __typename
      cursor
      stream {
        metadata {
          resourceVersion
        }
      }
      ... on TagUpdated {
        tag
        image
        previousImage
        imageStreamImage {
          image {
            digest
          }
        }
      }
      ... on TagRemoved {
        tag
        previousImage
      }
      ... on ImportFailed {
        tag
        message
      }
      ... on ResyncRequired {
        reason
        tags
      }
    }
  }
`;

type Changed = {
  imageStreamChanged: {
    __typename: string;
    cursor: string;
    tag?: string;
    image?: string;
    previousImage?: string | null;
    imageStreamImage?: { image: { digest: string } } | null;
    message?: string | null;
  };
};

let simulator: Simulator | undefined;
let gateway: Gateway | undefined;
const open: SseSubscription<Changed>[] = [];

afterEach(async () => {
  for (const subscription of open.splice(0)) subscription.close();
  await gateway?.close(1_000);
  await simulator?.close();
  gateway = undefined;
  simulator = undefined;
});

async function start(env: Record<string, string> = {}, watch = {}) {
  simulator = await startSimulator();
  const built = await startWatchingGatewayOver(simulator, env, watch);
  gateway = built.built;
  return { sim: simulator, url: built.url, developer: built.developer };
}

async function subscribe(url: string, token: string | null, variables: Record<string, unknown>) {
  const subscription = await subscribeSse<Changed>(url, SUBSCRIPTION, { token, variables });
  open.push(subscription);
  return subscription;
}

/** Waits until the simulator has `n` open watches (the hub's watch starts after subscribing). */
async function watchesOpen(sim: Simulator, n: number): Promise<void> {
  for (let i = 0; i < 200 && sim.openWatches() !== n; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(sim.openWatches()).toBe(n);
}

const moved = (response: { data?: Changed | null }) => {
  const event = response.data?.imageStreamChanged;
  return `${event?.__typename ?? '?'} ${event?.tag ?? ''} ${event?.image ?? ''}`.trim();
};

describe('imageStreamChanged', () => {
  it('delivers a tag push within a second as TagUpdated, its image resolvable, and nothing on subscribing', async () => {
    const { sim, url, developer } = await start();
    const subscription = await subscribe(url, developer, { namespace: demo, name: 'app' });
    expect(subscription.status).toBe(200);
    expect(subscription.contentType).toMatch(/^text\/event-stream/);
    await watchesOpen(sim, 1);
    expect(subscription.buffered).toBe(0);

    const before = sim.resourceVersion;
    const pushedAt = Date.now();
    const digest = sim.pushImage(demo, 'app', 'latest');
    const response = await subscription.next(1_000);
    expect(Date.now() - pushedAt).toBeLessThan(1_000);
    expect(response.errors).toBeUndefined();
    const event = response.data?.imageStreamChanged;
    expect(event).toMatchObject({
      __typename: 'TagUpdated',
      tag: 'latest',
      image: digest,
      previousImage: DEMO.digests.appV3,
      imageStreamImage: { image: { digest } },
    });
    expect(Number(before)).toBeLessThan(Number(sim.resourceVersion));
  });

  it('sends nothing for an annotation-only change: the next event is the next move', async () => {
    const { sim, url, developer } = await start();
    const subscription = await subscribe(url, developer, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    sim.setStreamAnnotations(demo, 'app', { 'openshift.io/image.dockerRepositoryCheck': 'now' });
    sim.setStreamAnnotations(demo, 'app', { note: 'only metadata' });
    const digest = sim.pushImage(demo, 'app', 'latest');
    expect(moved(await subscription.next())).toBe(`TagUpdated latest ${digest}`);
  });

  it('loses no move and repeats none across a dropped watch and a 410', async () => {
    const { sim, url, developer } = await start();
    const subscription = await subscribe(url, developer, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    const pushed = [sim.pushImage(demo, 'app', 'latest')];
    expect(moved(await subscription.next())).toBe(`TagUpdated latest ${pushed[0]}`);

    // The next watch request is answered 410; the cut makes the hub reconnect into it.
    sim.forceWatchExpired();
    expect(sim.dropWatches()).toBe(1);
    pushed.push(sim.pushImage(demo, 'app', 'latest'), sim.pushImage(demo, 'app', 'dev'));
    pushed.push(sim.pushImage(demo, 'app', 'latest'));
    await watchesOpen(sim, 1);
    // A second cut without a 410: the watch resumes from its resourceVersion.
    sim.dropWatches();
    pushed.push(sim.pushImage(demo, 'app', 'latest'));
    await watchesOpen(sim, 1);
    pushed.push(sim.pushImage(demo, 'app', 'latest'));

    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push(moved(await subscription.next()));
    // Re-get after 410 coalesced pushed[1..3]; they still arrive one by one, tags by name.
    expect(seen).toEqual([
      `TagUpdated dev ${pushed[2]}`,
      `TagUpdated latest ${pushed[1]}`,
      `TagUpdated latest ${pushed[3]}`,
      `TagUpdated latest ${pushed[4]}`,
      `TagUpdated latest ${pushed[5]}`,
    ]);
    const last = sim.pushImage(demo, 'app', 'latest');
    expect(moved(await subscription.next())).toBe(`TagUpdated latest ${last}`);
    expect(subscription.buffered).toBe(0);
    // Both paths were taken: a 410 (re-get) and plain reconnects.
    const stats = gateway?.watchHub?.stats();
    expect(stats?.expired).toBe(1);
    expect(stats?.reconnects).toBeGreaterThanOrEqual(2);
  });

  it('resumes with after: exactly the moves missed while disconnected', async () => {
    const { sim, url, developer } = await start();
    const first = await subscribe(url, developer, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    const a = sim.pushImage(demo, 'app', 'latest');
    const seen = (await first.next()).data?.imageStreamChanged;
    expect(seen?.image).toBe(a);
    first.close();
    await watchesOpen(sim, 0);

    const b = sim.pushImage(demo, 'app', 'latest');
    sim.setStreamAnnotations(demo, 'app', { unrelated: 'yes' });
    const c = sim.pushImage(demo, 'app', 'v2');
    const d = sim.pushImage(demo, 'app', 'latest');
    const resumed = await subscribe(url, developer, {
      namespace: demo,
      name: 'app',
      after: seen?.cursor,
    });
    const missed = [await resumed.next(), await resumed.next(), await resumed.next()].map(moved);
    expect(missed).toEqual([
      `TagUpdated latest ${b}`,
      `TagUpdated latest ${d}`,
      `TagUpdated v2 ${c}`,
    ]);
    const e = sim.pushImage(demo, 'app', 'latest');
    expect(moved(await resumed.next())).toBe(`TagUpdated latest ${e}`);
  });

  it('serves N subscribers of one stream, of the same and of different callers, from one upstream watch', async () => {
    const { sim, url, developer } = await start();
    const admin = sim.token(DEMO.users.admin);
    const subscriptions = [
      await subscribe(url, developer, { namespace: demo, name: 'app' }),
      await subscribe(url, developer, { namespace: demo, name: 'app' }),
      await subscribe(url, admin, { namespace: demo, name: 'app' }),
      await subscribe(url, admin, { namespace: demo, name: 'app' }),
    ];
    await watchesOpen(sim, 1);
    const watchRequests = sim.requests.count({ path: /\/imagestreams$/ });
    const digest = sim.pushImage(demo, 'app', 'latest');
    for (const subscription of subscriptions) {
      expect(moved(await subscription.next())).toBe(`TagUpdated latest ${digest}`);
    }
    expect(sim.openWatches()).toBe(1);
    expect(sim.requests.count({ path: /\/imagestreams$/ })).toBe(watchRequests);
    expect(watchRequests).toBe(1);
  });

  it("closes a revoked token's subscription with UNAUTHENTICATED within the access TTL", async () => {
    const { sim, url } = await start({ CACHE_ACCESS_TTL_SECONDS: '1' });
    const temp = sim.addUser({ name: 'temp', namespaces: [demo] });
    const subscription = await subscribe(url, temp.token, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    sim.revokeToken(temp.token);
    const revokedAt = Date.now();
    const response = await subscription.next(3_000);
    expect(Date.now() - revokedAt).toBeLessThan(2_500);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await subscription.completed;
    // Its watch was the only one: gone with it.
    await watchesOpen(sim, 0);
  });

  it('closes the subscription of a caller whose access was withdrawn with FORBIDDEN, others keep theirs', async () => {
    const { sim, url, developer } = await start({ CACHE_ACCESS_TTL_SECONDS: '1' });
    sim.addUser({ name: 'temp', namespaces: [demo] });
    const lost = await subscribe(url, sim.token('temp'), { namespace: demo, name: 'app' });
    const kept = await subscribe(url, developer, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    sim.ungrant('temp', demo);
    const response = await lost.next(3_000);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const digest = sim.pushImage(demo, 'app', 'latest');
    expect(moved(await kept.next())).toBe(`TagUpdated latest ${digest}`);
  });

  it('answers FORBIDDEN, and no event, to a caller without access', async () => {
    const { sim, url } = await start();
    const subscription = await subscribe(url, sim.token(DEMO.users.teamB), {
      namespace: demo,
      name: 'app',
    });
    const response = await subscription.next();
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await subscription.completed;
    sim.pushImage(demo, 'app', 'latest');
    expect(subscription.buffered).toBe(0);
    expect(sim.openWatches()).toBe(0);
  });

  it('refuses a cursor of another stream with BAD_USER_INPUT and a missing stream with NOT_FOUND', async () => {
    const { sim, url, developer } = await start();
    const first = await subscribe(url, developer, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    sim.pushImage(demo, 'app', 'latest');
    const cursor = (await first.next()).data?.imageStreamChanged.cursor;
    const other = await subscribe(url, developer, {
      namespace: demo,
      name: 'python',
      after: cursor,
    });
    expect((await other.next()).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await subscribe(url, developer, { namespace: demo, name: 'no-such-stream' });
    expect((await missing.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reports a removed tag, a failed import and a deleted stream (the last event)', async () => {
    const { sim, url, developer } = await start();
    const subscription = await subscribe(url, developer, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    sim.failImport(demo, 'app', 'latest', 'manifest unknown');
    expect((await subscription.next()).data?.imageStreamChanged).toMatchObject({
      __typename: 'ImportFailed',
      tag: 'latest',
      message: 'manifest unknown',
    });
    expect(sim.removeTag(demo, 'app', 'v1')).toBe(true);
    expect((await subscription.next()).data?.imageStreamChanged).toMatchObject({
      __typename: 'TagRemoved',
      tag: 'v1',
    });
    expect(sim.deleteStream(demo, 'app')).toBe(true);
    expect((await subscription.next()).data?.imageStreamChanged.__typename).toBe('StreamDeleted');
    await subscription.completed;
  });

  it('enforces the per-caller cap with TOO_MANY_SUBSCRIPTIONS', async () => {
    const { sim, url, developer } = await start({ SUBSCRIPTIONS_MAX_PER_CALLER: '2' });
    await subscribe(url, developer, { namespace: demo, name: 'app' });
    await subscribe(url, developer, { namespace: demo, name: 'python' });
    const third = await subscribe(url, developer, { namespace: demo, name: 'app' });
    const response = await third.next();
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_SUBSCRIPTIONS',
      limit: 'SUBSCRIPTIONS_MAX_PER_CALLER',
    });
    const admin = await subscribe(url, sim.token('admin'), { namespace: demo, name: 'app' });
    await watchesOpen(sim, 2);
    const digest = sim.pushImage(demo, 'app', 'latest');
    expect(moved(await admin.next())).toBe(`TagUpdated latest ${digest}`);
  });

  it('ends subscriptions with a retryable SUBSCRIPTION_CLOSED and a cursor when the gateway drains', async () => {
    const { sim, url, developer } = await start();
    const subscription = await subscribe(url, developer, { namespace: demo, name: 'app' });
    await watchesOpen(sim, 1);
    const closing = gateway?.close(5_000);
    const response = await subscription.next();
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBSCRIPTION_CLOSED',
      reason: 'shutdown',
      retryable: true,
    });
    expect(typeof response.errors?.[0]?.extensions?.cursor).toBe('string');
    await closing;
    gateway = undefined;
    await watchesOpen(sim, 0);
  });
});
