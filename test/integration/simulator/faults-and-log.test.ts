import { request } from 'undici';
import { describe, expect, it, onTestFailed } from 'vitest';

import { DEMO, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { apiPath, fetchRaw, simulatorFor, statusFixture } from '../../support/simulator-http.js';

const path = apiPath(DEMO.namespaces.demo, 'imagestreamimages', `ubuntu@${DEMO.digests.arm64}`);
let sim: Simulator;
let token: string;

simulatorFor('each', (started) => {
  sim = started;
  token = started.token('developer');
});

describe('fault injection', () => {
  it('answers the plain-text APF 429 with Retry-After, once by default', async () => {
    const fixture = statusFixture('429-apf-plaintext.synthesized');
    sim.injectFault({ path, fault: { kind: 'too-many-requests', retryAfterSeconds: 3 } });
    const res = await fetchRaw(sim.url, path, { token });
    expect(res.status).toBe(429);
    expect(res.text).toBe(fixture.wire);
    expect(res.headers['content-type']).toBe(fixture._meta?.headers['Content-Type']);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['retry-after']).toBe('3');
    expect((await fetchRaw(sim.url, path, { token })).status).toBe(200);
  });

  it('answers the aggregator plain-text 503', async () => {
    const fixture = statusFixture('503-aggregator-plaintext.synthesized');
    sim.injectFault({ fault: { kind: 'service-unavailable' } });
    const res = await fetchRaw(sim.url, path, { token });
    expect(res.status).toBe(503);
    expect(res.text).toBe(fixture.wire);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 500 ServerTimeout with Retry-After: 2 byte for byte', async () => {
    const fixture = statusFixture('500-servertimeout-layer-index-not-synced.synthesized');
    sim.injectFault({ path: /imagestreamimages/, fault: { kind: 'server-timeout' } });
    const res = await fetchRaw(sim.url, path, { token });
    expect(res.status).toBe(500);
    expect(res.text).toBe(fixture.wire);
    expect(res.headers['retry-after']).toBe('2');
  });

  it('answers 500 InternalError byte for byte, without Retry-After', async () => {
    const fixture = statusFixture('500-internal-error.synthesized');
    sim.injectFault({ path, fault: { kind: 'internal-error' } });
    const res = await fetchRaw(sim.url, path, { token });
    expect(res.status).toBe(500);
    expect(res.text).toBe(fixture.wire);
    expect(res.headers).not.toHaveProperty('retry-after');
  });

  it('repeats a fault the given number of times, always with Infinity, and stops after clearFaults', async () => {
    sim.injectFault({ path, times: 2, fault: { kind: 'internal-error' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetchRaw(sim.url, path, { token })).status);
    expect(statuses).toStrictEqual([500, 500, 200]);
    sim.injectFault({ path, times: Infinity, fault: { kind: 'service-unavailable' } });
    for (let i = 0; i < 5; i += 1)
      expect((await fetchRaw(sim.url, path, { token })).status).toBe(503);
    sim.clearFaults();
    expect((await fetchRaw(sim.url, path, { token })).status).toBe(200);
  });

  it('leaves other paths alone and matches the percent-decoded path too', async () => {
    sim.injectFault({ path, times: Infinity, fault: { kind: 'internal-error' } });
    expect((await fetchRaw(sim.url, '/healthz')).status).toBe(200);
    const encoded = path.replace('@', '%40');
    expect((await fetchRaw(sim.url, encoded, { token })).status).toBe(500);
  });

  it('resets the connection', async () => {
    sim.injectFault({ path, fault: { kind: 'reset' } });
    await expect(fetchRaw(sim.url, path, { token })).rejects.toThrow();
    expect(sim.requests.count({ path, status: 0 })).toBe(1);
  });

  it('truncates the body below its Content-Length and ends the socket', async () => {
    sim.injectFault({ path, fault: { kind: 'truncated' } });
    const res = await request(`${sim.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(1000);
    await expect(res.body.text()).rejects.toThrow();
  });

  it('hangs until the client aborts, and close() ends hung requests', async () => {
    // A simulator of its own: closing it is what this test does.
    const local = await startSimulator();
    onTestFailed(() => local.close());
    const localToken = local.token('developer');
    local.injectFault({ path, times: Infinity, fault: { kind: 'hang' } });
    await expect(
      request(`${local.url}${path}`, {
        headers: { authorization: `Bearer ${localToken}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    const pending = request(`${local.url}${path}`, {
      headers: { authorization: `Bearer ${localToken}` },
    });
    const settled = pending.then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    await local.close();
    expect(await settled).toBe('failed');
  });
});

describe('latency', () => {
  it('delays responses by the configured latency and can be changed at run time', async () => {
    sim.setLatency(150);
    let start = performance.now();
    expect((await fetchRaw(sim.url, path, { token })).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    sim.setLatency(0);
    start = performance.now();
    await fetchRaw(sim.url, path, { token });
    expect(performance.now() - start).toBeLessThan(140);
    expect(() => sim.setLatency(-1)).toThrow(/latency/);
  });

  it('applies latencyMs given at start', async () => {
    const slow = await startSimulator({ latencyMs: 120 });
    try {
      const start = performance.now();
      await fetchRaw(slow.url, '/healthz');
      expect(performance.now() - start).toBeGreaterThanOrEqual(110);
    } finally {
      await slow.close();
    }
  });

  it.each([
    { exactLatency: false, signedAnswer: true },
    { exactLatency: true, signedAnswer: false },
  ])(
    'with exactLatency $exactLatency, a signature added while the answer waits is in it: $signedAnswer',
    async ({ exactLatency, signedAnswer }) => {
      // A signature added while the answer waits: the timer routes after the wait, exactLatency
      // on arrival (its own work is inside the latency). Either way, never before the latency.
      const slow = await startSimulator({ latencyMs: 600, exactLatency });
      try {
        const start = performance.now();
        const answer = fetchRaw(slow.url, path, { token: slow.token('developer') });
        await new Promise((resolve) => setTimeout(resolve, 200));
        const added = slow.addSignatureText(DEMO.digests.arm64, 'signed while waiting');
        const res = await answer;
        expect(performance.now() - start).toBeGreaterThanOrEqual(590);
        expect(res.status).toBe(200);
        const names = (
          JSON.parse(res.text) as { image: { signatures?: { metadata: { name: string } }[] } }
        ).image.signatures?.map((s) => s.metadata.name);
        expect(names?.includes(added.metadata.name ?? '') ?? false).toBe(signedAnswer);
      } finally {
        await slow.close();
      }
    },
  );
});

describe('request log', () => {
  it('counts requests per path, method, user, status and token hash, and resets', async () => {
    const other = apiPath(DEMO.namespaces.demo, 'imagestreamtags', 'ubuntu:latest');
    await fetchRaw(sim.url, path, { token });
    await fetchRaw(sim.url, path, { token });
    await fetchRaw(sim.url, other, { token: sim.token('teamb') });
    await fetchRaw(sim.url, path);
    await fetchRaw(sim.url, path, { token: 'sha256~unknown' });

    expect(sim.requests.count()).toBe(5);
    expect(sim.requests.count({ path })).toBe(4);
    expect(sim.requests.count({ path: /imagestreamtags/ })).toBe(1);
    expect(sim.requests.count({ user: 'developer' })).toBe(2);
    expect(sim.requests.count({ user: 'teamb', status: 403 })).toBe(1);
    expect(sim.requests.count({ user: 'system:anonymous', status: 403 })).toBe(1);
    expect(sim.requests.count({ status: 401 })).toBe(1);
    expect(sim.requests.count({ method: 'GET' })).toBe(5);
    expect(sim.requests.count({ method: 'POST' })).toBe(0);

    const entries = sim.requests.entries();
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({ method: 'GET', path, status: 200, user: 'developer' });
    expect(entries[0]?.tokenHash).toMatch(/^[0-9a-f]{16}$/);
    expect(entries[0]?.tokenHash).not.toContain(token);
    expect(sim.requests.count({ tokenHash: entries[0]?.tokenHash ?? '' })).toBe(2);
    expect(entries[4]?.user).toBeUndefined();

    sim.requests.reset();
    expect(sim.requests.count()).toBe(0);
    expect(sim.requests.entries()).toHaveLength(0);
  });

  it('counts one request per distinct digest when many images are fetched', async () => {
    const paths = DEMO.manyTagsDigests.map((d) =>
      apiPath(DEMO.namespaces.demo, 'imagestreamimages', `${DEMO.streams.manyTags}@${d}`),
    );
    await Promise.all(paths.map((p) => fetchRaw(sim.url, p, { token })));
    expect(sim.requests.count({ path: /many-tags@/, status: 200 })).toBe(DEMO.manyTagsCount);
    for (const p of paths) expect(sim.requests.count({ path: p })).toBe(1);
  });
});
