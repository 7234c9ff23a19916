import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { MockAgent } from 'undici';
import { callerKey } from '../../../src/upstream/caller-limiter.js';
import { createCircuitBreaker } from '../../../src/upstream/circuit-breaker.js';
import {
  createOpenShiftClient,
  type OpenShiftHttpClient,
  type UpstreamEvent,
} from '../../../src/upstream/openshift-client.js';
import {
  BASE_URL,
  FIXTURE_REF,
  TOKEN,
  mockUpstreamPerTest,
  statusFixture,
  type MakeClient,
  atFixturePath,
  replyImage,
  replyStatus,
} from '../../support/upstream-mock.js';
import { rejectionOf } from '../../support/rejection.js';

let agent: MockAgent;
let makeClient: MakeClient;
let sleeps: number[];
let clock: number;

beforeEach(() => {
  sleeps = [];
  clock = 1_000_000;
});

// Every client has a recorded, instant sleep and a hand-driven clock (unless overridden).
mockUpstreamPerTest(
  (a, _client, make) => {
    agent = a;
    makeClient = make;
  },
  () => ({
    sleep: (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    now: () => clock,
    random: () => 0.5,
  }),
);

const reply = (fixtureName: string, times = 1): void => replyStatus(agent, fixtureName, times);

function replyOk(): void {
  replyImage(agent);
}

function refuse(times = 1): void {
  atFixturePath(agent)
    .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
    .times(times);
}

function get(client: OpenShiftHttpClient, counter?: { attempts: number }, token = TOKEN) {
  return client.getImageStreamImage(
    FIXTURE_REF,
    { token },
    { onAttempt: () => counter !== undefined && counter.attempts++ },
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('retries', () => {
  it('retries a plain-text 429 with Retry-After: 1 and succeeds after exactly two attempts', async () => {
    // Real sleep under fake timers: the retry waits exactly the second the server asked for.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const client = createOpenShiftClient({ baseUrl: BASE_URL, dispatcher: agent });
    onTestFinished(() => client.close());
    reply('429-apf-plaintext.synthesized');
    replyOk();
    const counter = { attempts: 0 };

    const result = get(client, counter);
    await vi.advanceTimersByTimeAsync(999);
    expect(counter.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toMatchObject({ kind: 'ImageStreamImage' });
    expect(counter.attempts).toBe(2);
    expect(client.stats()).toMatchObject({ attempts: 2, retries: 1, circuit: 'closed' });
  });

  it('does not retry a 429 without Retry-After', async () => {
    const client = makeClient();
    atFixturePath(agent).reply(429, 'Too many requests\n');
    const counter = { attempts: 0 };
    const error = await rejectionOf(get(client, counter));
    expect(error.code).toBe('RATE_LIMITED');
    expect(counter.attempts).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a 503 without Retry-After (client-go semantics)', async () => {
    const client = makeClient();
    reply('503-aggregator-plaintext.synthesized');
    const counter = { attempts: 0 };
    expect((await rejectionOf(get(client, counter))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(counter.attempts).toBe(1);
  });

  it('retries 500 ServerTimeout after its Retry-After: 2', async () => {
    const client = makeClient();
    reply('500-servertimeout-layer-index-not-synced.synthesized');
    replyOk();
    const counter = { attempts: 0 };
    await get(client, counter);
    expect(counter.attempts).toBe(2);
    expect(sleeps).toEqual([2_000]);
  });

  it('uses details.retryAfterSeconds when the header is missing', async () => {
    const client = makeClient();
    const fixture = statusFixture('429-toomanyrequests-status.synthesized');
    atFixturePath(agent).reply(429, fixture.wire);
    replyOk();
    await get(client);
    expect(sleeps).toEqual([1_000]);
  });

  it('retries connection failures with exponential backoff, bounded by retries', async () => {
    const client = makeClient({ retries: 2, random: () => 0 });
    refuse(3);
    const counter = { attempts: 0 };
    const error = await rejectionOf(get(client, counter));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(counter.attempts).toBe(3);
    // Equal jitter with random() = 0: half of 100 ms, then half of 200 ms.
    expect(sleeps).toEqual([50, 100]);
  });

  it('recovers when a connection failure is followed by a 200', async () => {
    const client = makeClient();
    refuse();
    replyOk();
    const counter = { attempts: 0 };
    await get(client, counter);
    expect(counter.attempts).toBe(2);
  });

  it('never sleeps past the deadline: it fails with the last error instead', async () => {
    const client = makeClient();
    atFixturePath(agent).reply(429, 'Too many requests\n', { headers: { 'retry-after': '5' } });
    const error = await rejectionOf(
      client.getImageStreamImage(FIXTURE_REF, { token: TOKEN }, { deadline: clock + 2_000 }),
    );
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(5);
    expect(sleeps).toEqual([]);
  });

  it('does not retry 4xx answers', async () => {
    const client = makeClient();
    reply('403-forbidden-isimage.synthesized');
    const counter = { attempts: 0 };
    expect((await rejectionOf(get(client, counter))).code).toBe('FORBIDDEN');
    expect(counter.attempts).toBe(1);
  });

  it('retries a connection reset before any response, like a refused one', async () => {
    const client = makeClient({ random: () => 0 });
    atFixturePath(agent).replyWithError(
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    );
    replyOk();
    const counter = { attempts: 0 };
    await get(client, counter);
    expect(counter.attempts).toBe(2);
    expect(sleeps).toEqual([50]);
  });

  it('does not retry a transport failure that is neither refused nor reset (a DNS failure)', async () => {
    const client = makeClient();
    atFixturePath(agent).replyWithError(
      Object.assign(new Error('getaddrinfo ENOTFOUND api'), { code: 'ENOTFOUND' }),
    );
    const counter = { attempts: 0 };
    const error = await rejectionOf(get(client, counter));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.details.transport).toBe('ENOTFOUND');
    expect(counter.attempts).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry a 500 or 429 once its Retry-After is longer than backoff.maxRetryAfterMs', async () => {
    const client = makeClient({ backoff: { maxRetryAfterMs: 1_000 } });
    reply('500-servertimeout-layer-index-not-synced.synthesized');
    const counter = { attempts: 0 };
    expect((await rejectionOf(get(client, counter))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(counter.attempts).toBe(1);
  });

  it('stops waiting for a retry when the caller aborts', async () => {
    const controller = new AbortController();
    const client = makeClient({
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason as Error));
          controller.abort();
        }),
    });
    refuse();
    const error = await rejectionOf(
      client.getImageStreamImage(FIXTURE_REF, { token: TOKEN }, { signal: controller.signal }),
    );
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.details.cancelled).toBe(true);
  });
});

describe('circuit breaker', () => {
  it('opens after persistent 503s; later calls fail fast without an HTTP request', async () => {
    const events: UpstreamEvent[] = [];
    const client = makeClient({
      retries: 0,
      circuitFailureThreshold: 3,
      circuitHalfOpenAfterMs: 5_000,
      onEvent: (event) => events.push(event),
    });
    reply('503-serviceunavailable-status.synthesized', 3);
    for (let i = 0; i < 3; i++) {
      expect((await rejectionOf(get(client))).code).toBe('UPSTREAM_UNAVAILABLE');
    }
    expect(client.stats().circuit).toBe('open');

    const counter = { attempts: 0 };
    const error = await rejectionOf(get(client, counter));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.details.circuit).toBe('open');
    expect(error.retryAfterSeconds).toBe(5);
    expect(counter.attempts).toBe(0);
    await expect(client.probe()).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(client.stats()).toMatchObject({ attempts: 3, rejectedByCircuit: 2 });
    expect(events).toContainEqual({ type: 'circuit', state: 'open' });

    // After halfOpenAfterMs one trial goes through; its success closes the circuit.
    clock += 5_000;
    expect(client.stats().circuit).toBe('half-open');
    replyOk();
    await get(client, counter);
    expect(counter.attempts).toBe(1);
    expect(client.stats().circuit).toBe('closed');
  });

  it('re-opens when the half-open trial fails', async () => {
    const client = makeClient({
      retries: 0,
      circuitFailureThreshold: 1,
      circuitHalfOpenAfterMs: 1_000,
    });
    refuse(2);
    await rejectionOf(get(client));
    expect(client.stats().circuit).toBe('open');
    clock += 1_000;
    await rejectionOf(get(client));
    expect(client.stats().circuit).toBe('open');
  });

  it('counts one failing GET once, however many retries it took, so it cannot open the circuit for its siblings', async () => {
    const client = makeClient({ retries: 2, circuitFailureThreshold: 3 });
    reply('500-servertimeout-layer-index-not-synced.synthesized', 3);
    const counter = { attempts: 0 };
    expect((await rejectionOf(get(client, counter))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(counter.attempts).toBe(3);
    expect(client.stats()).toMatchObject({ circuit: 'closed', serverFailures: 3 });
    // Two more failing GETs make three consecutive failed calls: now the server is failing.
    refuse(2);
    await rejectionOf(client.getImageStreamImage(FIXTURE_REF, { token: TOKEN }));
    expect(client.stats().circuit).toBe('closed');
    await rejectionOf(client.getImageStreamImage(FIXTURE_REF, { token: TOKEN }));
    expect(client.stats().circuit).toBe('open');
  });

  it('does not count 401, 403, 404 or 429 as failures of the server', async () => {
    const client = makeClient({ retries: 0, circuitFailureThreshold: 2 });
    reply('401-unauthorized.synthesized');
    reply('403-forbidden-isimage.synthesized');
    reply('404-isimage-stream-not-found.synthesized');
    reply('429-apf-plaintext.synthesized');
    for (let i = 0; i < 4; i++) await rejectionOf(get(client));
    expect(client.stats()).toMatchObject({ circuit: 'closed', serverFailures: 0 });
  });

  it('lets exactly one trial through while half-open', () => {
    let now = 0;
    const breaker = createCircuitBreaker({
      failureThreshold: 1,
      halfOpenAfterMs: 100,
      now: () => now,
    });
    breaker.tryAcquire()!.failure();
    expect(breaker.tryAcquire()).toBeUndefined();
    now = 100;
    const trial = breaker.tryAcquire();
    expect(trial).toBeDefined();
    expect(breaker.tryAcquire()).toBeUndefined();
    trial!.success();
    expect(breaker.state()).toBe('closed');
    expect(breaker.tryAcquire()).toBeDefined();
  });
});

describe('per-caller concurrency cap', () => {
  it('queues a caller beyond its cap without blocking other callers', async () => {
    const client = makeClient({ maxConcurrencyPerCaller: 1 });
    replyImage(agent).delay(30).times(3);
    const alice = { attempts: 0 };
    const bob = { attempts: 0 };

    const first = get(client, alice, 'alice-token');
    const second = get(client, alice, 'alice-token');
    const other = get(client, bob, 'bob-token');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(alice.attempts).toBe(1);
    expect(bob.attempts).toBe(1);

    await first;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(alice.attempts).toBe(2);
    await Promise.all([second, other]);
  });

  it('keys callers by a hash that does not contain the token', () => {
    const key = callerKey({ token: TOKEN });
    expect(key).not.toContain(TOKEN.slice(0, 12));
    expect(key).toBe(callerKey({ token: TOKEN }));
    expect(key).not.toBe(callerKey({ token: `${TOKEN}x` }));
    expect(callerKey({ token: undefined })).toBe('anonymous');
  });
});
