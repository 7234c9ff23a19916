/**
 * Live updates beyond yoga's SSE: the graphql-sse client (distinct connections mode, with an
 * Authorization header), the metrics, the slow-consumer bound and the maximum lifetime.
 */
import { createClient } from 'graphql-sse';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, DEMO, type Simulator } from '../../../src/simulator/index.js';
import type { Gateway, GatewayDeps } from '../../../src/server/create-gateway.js';
import type { HubItem } from '../../../src/loaders/watch-hub.js';
import { startWatchingGatewayOver } from '../../support/stack.js';
import { subscribeSse } from '../../support/sse.js';

const { demo } = DEMO.namespaces;

let simulator: Simulator | undefined;
let gateway: Gateway | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await gateway?.close(1_000);
  await simulator?.close();
  gateway = undefined;
  simulator = undefined;
});

async function start(env: Record<string, string> = {}, watch: GatewayDeps['watch'] = {}) {
  simulator = await startSimulator();
  const built = await startWatchingGatewayOver(simulator, env, watch);
  gateway = built.built;
  return { sim: simulator, url: built.url, developer: built.developer, hub: built.built.watchHub };
}

async function watchesOpen(sim: Simulator, n: number): Promise<void> {
  for (let i = 0; i < 200 && sim.openWatches() !== n; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(sim.openWatches()).toBe(n);
}

describe('transports', () => {
  it('works with the graphql-sse client (distinct connections) sending an Authorization header', async () => {
    const { sim, url, developer } = await start();
    const client = createClient({
      url: `${url}/graphql/stream`,
      headers: { Authorization: `Bearer ${developer}` },
      retryAttempts: 0,
    });
    cleanups.push(() => client.dispose());
    const events = client.iterate<{
      imageStreamChanged: { __typename: string; tag: string; image: string };
    }>({
      query: `subscription { imageStreamChanged(namespace: "${demo}", name: "app") { __typename ... on TagUpdated { tag image } } }`,
    });
    const first = events.next();
    await watchesOpen(sim, 1);
    const digest = sim.pushImage(demo, 'app', 'latest');
    const result = await first;
    expect(result.value).toEqual({
      data: { imageStreamChanged: { __typename: 'TagUpdated', tag: 'latest', image: digest } },
    });
    await events.return?.();
    await watchesOpen(sim, 0);
  });

  it('sends FORBIDDEN through the graphql-sse client as a result, not a failed connection', async () => {
    const { url, sim } = await start();
    const client = createClient({
      url: `${url}/graphql/stream`,
      headers: { Authorization: `Bearer ${sim.token(DEMO.users.teamB)}` },
      retryAttempts: 0,
    });
    cleanups.push(() => client.dispose());
    const events = client.iterate({
      query: `subscription { imageStreamChanged(namespace: "${demo}", name: "app") { __typename } }`,
    });
    const result = await events.next();
    expect(result.done).toBe(false);
    const value = result.value as
      { errors?: readonly { extensions?: Record<string, unknown> }[] } | undefined;
    expect(value?.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await events.next()).done).toBe(true);
  });

  it('counts open subscriptions, upstream watches and events sent in /metrics', async () => {
    const { sim, url, developer } = await start();
    const query = `subscription { imageStreamChanged(namespace: "${demo}", name: "app") { __typename } }`;
    const a = await subscribeSse(url, query, { token: developer });
    const b = await subscribeSse(url, query, { token: developer });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    await watchesOpen(sim, 1);
    sim.pushImage(demo, 'app', 'latest');
    await a.next();
    await b.next();
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (name: string): number =>
      Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    expect(value('image_graphql_subscriptions_open')).toBe(2);
    expect(value('image_graphql_upstream_watches_open')).toBe(1);
    expect(value('image_graphql_subscription_events_sent_total')).toBe(2);
    expect(value('image_graphql_upstream_watch_expired_total')).toBe(0);
    expect(value('image_graphql_subscription_slow_consumer_closes_total')).toBe(0);
  });
});

describe('bounds', () => {
  it('closes a consumer that does not read with SLOW_CONSUMER and a cursor that resumes every move', async () => {
    const { sim, developer, hub } = await start({}, { slowConsumerStates: 3 });
    const subscriber = { credential: { token: developer }, identity: 'developer' };
    const slow = await hub?.subscribe({ namespace: demo, name: 'app', subscriber });
    await watchesOpen(sim, 1);
    const pushed: string[] = [];
    for (let i = 0; i < 5; i++) {
      pushed.push(sim.pushImage(demo, 'app', 'latest'));
      // Let the watch deliver each push (a state each), without the consumer pulling.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const closed = (await slow?.next())?.value as HubItem;
    expect(closed.type).toBe('error');
    const error = closed.type === 'error' ? closed.error : undefined;
    expect(error?.code).toBe('SLOW_CONSUMER');
    expect(hub?.stats().slowConsumerCloses).toBe(1);
    expect((await slow?.next())?.done).toBe(true);

    const resumed = await hub?.subscribe({
      namespace: demo,
      name: 'app',
      subscriber,
      after: String(error?.details['cursor']),
    });
    const images: string[] = [];
    for (let i = 0; i < 5; i++) {
      const item = (await resumed?.next())?.value as HubItem;
      if (item.type === 'event' && item.event.kind === 'TagUpdated')
        images.push(item.event.event.image);
    }
    expect(images).toEqual(pushed);
    await resumed?.return?.();
  });

  it('ends a subscription at its maximum lifetime with SUBSCRIPTION_CLOSED and a cursor to resume from', async () => {
    const { sim, url, developer } = await start({ SUBSCRIPTION_MAX_LIFETIME_SECONDS: '1' });
    const query = `subscription($after: String) { imageStreamChanged(namespace: "${demo}", name: "app", after: $after) { __typename ... on TagUpdated { image } } }`;
    const subscription = await subscribeSse(url, query, { token: developer });
    cleanups.push(() => subscription.close());
    await watchesOpen(sim, 1);
    const response = await subscription.next(3_000);
    const extensions = response.errors?.[0]?.extensions;
    expect(extensions).toMatchObject({
      code: 'SUBSCRIPTION_CLOSED',
      reason: 'lifetime',
      retryable: true,
    });
    await subscription.completed;
    const missed = sim.pushImage(demo, 'app', 'latest');
    const again = await subscribeSse<{ imageStreamChanged: { image: string } }>(url, query, {
      token: developer,
      variables: { after: extensions?.['cursor'] },
    });
    cleanups.push(() => again.close());
    expect((await again.next()).data?.imageStreamChanged.image).toBe(missed);
  });
});
