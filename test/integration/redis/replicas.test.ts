/**
 * Issue #10, item 2: two gateway replicas and one real redis-server (no persistence, free port).
 * The replicas are two `createGateway` instances in this process, each with its own process cache,
 * upstream client and Redis connection: they share nothing but Redis. The simulator counts GETs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { credentialIdentity } from '../../../src/loaders/image-cache.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { settled, startReplicas, type Replica, type ReplicaSet } from '../../support/replicas.js';
import { noteStreamRead, type ImageStreamReadShape } from '../../../src/loaders/stream-proofs.js';
import { manifestListQuery } from '../../support/queries.js';

const { demo } = DEMO.namespaces;
const { manifestList, python } = DEMO.digests;

let redis: RedisServer;
let set: ReplicaSet | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  await set?.close();
  set = undefined;
  await redis.command('FLUSHALL');
});

const listQuery = manifestListQuery(demo, DEMO.streams.ubuntu, manifestList);
const pythonQuery = `{
  imageStreamImage(namespace: "${demo}", name: "${DEMO.streams.python}@${python}") {
    metadata { name annotations { key value } }
    image { digest layerCount dockerImageReference dockerImageMetadata { Architecture } signatures { metadata { name } } }
  }
}`;

function reader(set: ReplicaSet, name: string): string {
  set.simulator.addUser({ name, namespaces: [demo] });
  return set.simulator.token(name);
}

async function readyz(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

describe('two replicas sharing one Redis', () => {
  it('costs 0 GETs on replica B for a caller warmed on replica A', async () => {
    set = await startReplicas(redis.url, 2);
    const [a, b] = set.replicas;
    const warm = await a!.query(listQuery);
    expect(warm.errors).toBeUndefined();
    expect(set.upstreamGets()).toBe(3);
    await settled(set);
    const onB = await b!.query(listQuery);
    expect(onB.data).toEqual(warm.data);
    expect(set.upstreamGets()).toBe(3);
    expect(b!.gateway.server.cache.stats().sharedHits).toBeGreaterThan(0);
  });

  it('costs 1 GET for another caller reading the cached manifest list and its N cached children on the other replica', async () => {
    set = await startReplicas(redis.url, 2);
    const [a, b] = set.replicas;
    const warm = await a!.query(listQuery);
    await settled(set);
    const gets = set.upstreamGets();
    const other = await b!.query(listQuery, { token: reader(set, 'reader') });
    expect(other.errors).toBeUndefined();
    expect(other.data).toEqual(warm.data);
    expect(set.upstreamGets()).toBe(gets + 1);
  });

  it('answers FORBIDDEN from the API server to a caller without access, on either replica, never from Redis', async () => {
    set = await startReplicas(redis.url, 2);
    await set.replicas[0]!.query(listQuery);
    await settled(set);
    const teamB = set.simulator.token(DEMO.users.teamB);
    for (const replica of set.replicas) {
      const gets = set.upstreamGets();
      const denied = await replica.query<{ imageStreamImage: unknown }>(pythonQuery, {
        token: teamB,
      });
      expect(denied.data?.imageStreamImage).toBeNull();
      expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(set.upstreamGets()).toBe(gets + 1);
    }
  });

  it('keeps credentials out of Redis: keys carry an HMAC, never the token or its plain hash', async () => {
    set = await startReplicas(redis.url, 1);
    await set.replicas[0]!.query(pythonQuery);
    await settled(set);
    const token = set.simulator.token(DEMO.users.developer);
    const dump = await redis.dump();

    expect([...dump.keys()].some((key) => key.includes(':access:'))).toBe(true);
    for (const [key, value] of dump) {
      for (const secret of [token, credentialIdentity(token)]) {
        expect(key).not.toContain(secret);
        expect(value.includes(secret)).toBe(false);
      }
      expect(key.startsWith('oig:v1:')).toBe(true);
    }
    // The core of a digest is hash-tagged by the digest, and large payloads are compressed.
    const core = dump.get(`oig:v1:{${python}}:core`);
    expect(core?.[2]).toBe(1);
  });

  it.each([
    ['one byte flipped in the payload', (value: Buffer) => flip(value, value.length - 2)],
    ['one byte flipped in the MAC', (value: Buffer) => flip(value, 10)],
    ['truncated', (value: Buffer) => value.subarray(0, Math.floor(value.length / 2))],
    [
      'another schema version',
      (value: Buffer) => Buffer.concat([value.subarray(0, 1), Buffer.from([9]), value.subarray(2)]),
    ],
    ['forged plain JSON', () => Buffer.from(JSON.stringify({ digest: python, core: {} }))],
  ])(
    'serves only true data from a fresh replica when every value in Redis is altered in place (%s)',
    async (_name, alter) => {
      set = await startReplicas(redis.url, 1);
      const truth = await set.replicas[0]!.query(listQuery);
      const truthPython = await set.replicas[0]!.query(pythonQuery);
      await settled(set);
      const dump = await redis.dump();
      expect(dump.size).toBeGreaterThan(0);
      for (const [key, value] of dump) await redis.overwrite(key, alter(value));
      const gets = set.upstreamGets();
      const fresh = await set.add();
      const list = await fresh.query(listQuery);
      const single = await fresh.query(pythonQuery);
      expect(list.status).toBe(200);
      expect(list.errors).toBeUndefined();
      expect(list.data).toEqual(truth.data);
      expect(single.data).toEqual(truthPython.data);
      // Every answer came from the API server again: 3 for the list and its children, 1 for python.
      expect(set.upstreamGets()).toBe(gets + 4);
      const shared = fresh.gateway.server.cache.sharedStats();

      expect(shared?.rejectedInvalid).toBeGreaterThan(0);
      expect(shared?.hits).toBe(0);
      expect(fresh.logs().some((line) => line.includes('shared cache value rejected'))).toBe(true);
      expect(fresh.logs().join('\n')).not.toContain('test-shared-secret');
    },
  );

  it('refuses values written under another secret', async () => {
    set = await startReplicas(redis.url, 1, {
      CACHE_SHARED_SECRET: 'another-secret-another-secret-0123',
    });
    await set.replicas[0]!.query(pythonQuery);
    await settled(set);
    const gets = set.upstreamGets();
    const other = await set.add({ CACHE_SHARED_SECRET: 'test-shared-secret-0123456789abcdef' });
    const answer = await other.query(pythonQuery);
    expect(answer.errors).toBeUndefined();
    expect(set.upstreamGets()).toBe(gets + 1);
    expect(other.gateway.server.cache.sharedStats()?.rejectedInvalid).toBeGreaterThan(0);
  });

  it('answers correctly with Redis killed (readyz 200), and shares again once it is back, without a restart', async () => {
    set = await startReplicas(redis.url, 2);
    const [a, b] = set.replicas;
    const truth = await a!.query(pythonQuery);
    await settled(set);
    await redis.kill();
    try {
      // A answers from its process cache, B from the API server; neither fails.
      for (let i = 0; i < 5; i += 1) {
        for (const replica of [a!, b!]) {
          const answer = await replica.query(pythonQuery);
          expect(answer.status).toBe(200);
          expect(answer.errors).toBeUndefined();
          expect(answer.data).toEqual(truth.data);
        }
      }
      expect(await readyz(a!.url)).toBe(200);
      expect(await readyz(b!.url)).toBe(200);
      expect(b!.gateway.server.cache.sharedStats()?.errors).toBeGreaterThan(0);
      const metrics = await (await fetch(`${b!.url}/metrics`)).text();
      expect(metrics).toMatch(/image_graphql_cache_tier_errors_total\{tier="redis"\} [1-9]/);
    } finally {
      await redis.restart();
    }
    // Sharing resumes: a new caller warmed on A costs 0 GETs on B, once A's client is back.
    const token = reader(set, 'after-restart');
    const deadline = Date.now() + 20_000;
    for (;;) {
      set.simulator.requests.reset();
      await a!.query(pythonQuery, { token });
      await settled(set);
      await b!.query(pythonQuery, { token });
      if (set.upstreamGets() === 1 || Date.now() > deadline) break;
      // Not yet reconnected: forget the caller's records so the next round starts cold.
      a!.gateway.server.cache.clear();
      b!.gateway.server.cache.clear();
      await redis.command('FLUSHALL');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(set.upstreamGets()).toBe(1);
  });

  it('answers correctly while Redis hangs: its commands time out and count as misses', async () => {
    set = await startReplicas(redis.url, 2);
    const [a, b] = set.replicas;
    const truth = await a!.query(pythonQuery);
    await settled(set);
    redis.pause();
    try {
      for (let i = 0; i < 3; i += 1) {
        const answer = await b!.query(pythonQuery, { token: reader(set, `hung-${i}`) });
        expect(answer.status).toBe(200);
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual(truth.data);
      }
      expect(await readyz(b!.url)).toBe(200);
      const shared = b!.gateway.server.cache.sharedStats();
      expect(shared?.errors).toBeGreaterThan(0);
      expect(shared?.breakerOpen).toBe(true);
    } finally {
      redis.resume();
    }
  });

  it('keeps values above REDIS_MAX_VALUE_BYTES in the process only', async () => {
    set = await startReplicas(redis.url, 1, { REDIS_MAX_VALUE_BYTES: '1024' });
    const first = await set.replicas[0]!.query(pythonQuery);
    await settled(set);
    const shared = set.replicas[0]!.gateway.server.cache.sharedStats();
    expect(shared?.rejectedTooLarge).toBeGreaterThan(0);
    const dump = await redis.dump();
    for (const value of dump.values()) expect(value.length).toBeLessThanOrEqual(1024);
    expect(dump.has(`oig:v1:{${python}}:core`)).toBe(false);
    // Still served warm from the process tier.
    const gets = set.upstreamGets();
    expect((await set.replicas[0]!.query(pythonQuery)).data).toEqual(first.data);
    expect(set.upstreamGets()).toBe(gets);
  });
});

describe('stream pages on two replicas sharing one Redis', () => {
  const { appV1, appV2, appV3 } = DEMO.digests;
  const page = [appV1, appV2, appV3];
  const pageQuery = `{
    imageStreamImages(namespace: "${demo}", names: [${page.map((d) => `"${DEMO.streams.app}@${d}"`).join(', ')}]) {
      metadata { name annotations { key value } }
      image { digest layerCount signatures { metadata { name } } }
    }
  }`;
  const readStream = async (set: ReplicaSet, replica: Replica, token: string) => {
    const response = await fetch(
      `${set.simulator.url}/apis/image.openshift.io/v1/namespaces/${demo}/imagestreams/${DEMO.streams.app}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(200);
    const resource = (await response.json()) as ImageStreamReadShape;
    noteStreamRead(replica.gateway.server.cache, credentialIdentity(token), demo, resource);
  };
  const reviews = (set: ReplicaSet) =>
    set.simulator.requests.count({ path: /selfsubjectaccessreviews/, method: 'POST' });

  it('costs a new caller at most 2 upstream requests for a page of images cached by someone else on another replica', async () => {
    set = await startReplicas(redis.url, 2);
    const [a, b] = set.replicas;
    const warm = await a!.query(pageQuery);
    expect(warm.errors).toBeUndefined();
    await settled(set);
    const token = reader(set, 'newcomer');
    set.simulator.requests.reset();
    await readStream(set, b!, token);
    const served = await b!.query(pageQuery, { token });
    expect(served.errors).toBeUndefined();
    expect(served.data).toEqual((await a!.query(pageQuery)).data);
    expect(set.simulator.requests.count()).toBe(2);
    expect(reviews(set)).toBe(1);
    // The positive decision is shared: on replica A the same caller needs only their stream read.
    await settled(set);
    set.simulator.requests.reset();
    await readStream(set, a!, token);
    expect((await a!.query(pageQuery, { token })).errors).toBeUndefined();
    expect(set.simulator.requests.count()).toBe(1);
  });

  it('answers FORBIDDEN per image to a caller with stream rights but no image rights, on either replica', async () => {
    set = await startReplicas(redis.url, 2);
    await set.replicas[0]!.query(pageQuery);
    await settled(set);
    const token = set.simulator.token(DEMO.users.viewerStreamsOnly);
    for (const replica of set.replicas) {
      await readStream(set, replica, token);
      set.simulator.requests.reset();
      const denied = await replica.query<{ imageStreamImages: unknown[] }>(pageQuery, { token });
      expect(denied.data?.imageStreamImages).toEqual(page.map(() => null));
      expect(denied.errors?.map((e) => e.extensions?.['code'])).toEqual(
        page.map(() => 'FORBIDDEN'),
      );
      expect(set.upstreamGets()).toBe(page.length);
    }
  });
});

function flip(value: Buffer, index: number): Buffer {
  const copy = Buffer.from(value);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}
