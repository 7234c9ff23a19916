/**
 * Issue #5 through the whole stack: retries honour Retry-After, a persistent outage opens the
 * circuit (later requests fail fast, /readyz says 503), and close() drains a request in flight.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const name = `python@${DEMO.digests.python}`;
const query = `{ imageStreamImage(namespace: "demo", name: "${name}") { image { digest } } }`;
const isimages = /\/imagestreamimages\//;

let stack: Stack | undefined;

/** Sends the query and resolves once the gateway has received it (it is then in flight). */
async function sendAndWaitUntilReceived(
  current: Stack,
): Promise<{ response: ReturnType<Stack['query']> }> {
  const received = new Promise((resolve) => current.gateway.httpServer.once('request', resolve));
  const response = current.query(query);
  await received;
  return { response };
}
/** A stack whose circuit opens after `threshold` server failures and half-opens after `halfOpenAfterMs`. */
const circuitStack = (threshold: number, halfOpenAfterMs: number): Promise<Stack> =>
  startStack({
    env: {
      CACHE_ACCESS_TTL_SECONDS: '0',
      CIRCUIT_FAILURE_THRESHOLD: String(threshold),
      CIRCUIT_HALF_OPEN_AFTER_MS: String(halfOpenAfterMs),
    },
  });

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('upstream resilience through the gateway', () => {
  it('succeeds after exactly two GETs when a one-off plain-text 429 says Retry-After: 1', async () => {
    stack = await startStack({ env: { CACHE_ACCESS_TTL_SECONDS: '0' } });
    stack.simulator.injectFault({
      path: isimages,
      times: 1,
      fault: { kind: 'too-many-requests', retryAfterSeconds: 1 },
    });
    const started = Date.now();
    const result = await stack.query(query);
    expect(result.errors).toBeUndefined();
    expect(stack.upstreamGets()).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a plain-text 503 that gives no Retry-After, as client-go does not', async () => {
    stack = await startStack({ env: { CACHE_ACCESS_TTL_SECONDS: '0' } });
    stack.simulator.injectFault({
      path: isimages,
      times: Infinity,
      fault: { kind: 'service-unavailable' },
    });
    const result = await stack.query(query);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
    expect(stack.upstreamGets()).toBe(1);
  });

  it('opens the circuit after a persistent 503: later requests fail fast without GETs and /readyz is 503', async () => {
    stack = await circuitStack(3, 60000);
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
    stack.simulator.injectFault({
      path: isimages,
      times: Infinity,
      fault: { kind: 'service-unavailable' },
    });
    for (let i = 0; i < 3; i += 1) {
      expect((await stack.query(query)).errors?.[0]?.extensions?.['code']).toBe(
        'UPSTREAM_UNAVAILABLE',
      );
    }
    expect(stack.upstreamGets()).toBe(3);
    const started = Date.now();
    const fast = await stack.query(query);
    expect(fast.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      circuit: 'open',
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(stack.upstreamGets()).toBe(3);
    const ready = await fetch(`${stack.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await fetch(`${stack.url}/healthz`).then((r) => r.status)).toBe(200);
  });

  it('closes the circuit again once the API server recovers and a probe succeeds', async () => {
    stack = await circuitStack(2, 300);
    stack.simulator.injectFault({
      path: isimages,
      times: 2,
      fault: { kind: 'service-unavailable' },
    });
    await stack.query(query);
    await stack.query(query);
    expect((await stack.query(query)).errors?.[0]?.extensions?.['circuit']).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const recovered = await stack.query(query);
    expect(recovered.errors).toBeUndefined();
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
  });

  it('answers UPSTREAM_TIMEOUT within the deadline when the API server hangs', async () => {
    stack = await startStack({
      env: { CACHE_ACCESS_TTL_SECONDS: '0', UPSTREAM_TIMEOUT_MS: '400', UPSTREAM_RETRIES: '0' },
    });
    stack.simulator.injectFault({ path: isimages, times: Infinity, fault: { kind: 'hang' } });
    const started = Date.now();
    const result = await stack.query(query);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(400 + 1_000);
  });

  it('bounds the whole request by REQUEST_TIMEOUT_MS even when each GET could wait longer', async () => {
    stack = await startStack({
      env: {
        CACHE_ACCESS_TTL_SECONDS: '0',
        UPSTREAM_TIMEOUT_MS: '10000',
        REQUEST_TIMEOUT_MS: '500',
      },
    });
    stack.simulator.injectFault({ path: isimages, times: Infinity, fault: { kind: 'hang' } });
    const started = Date.now();
    const result = await stack.query(query);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(500 + 1_000);
  });
});

describe('graceful shutdown', () => {
  it('drains a request in flight, refuses new connections, then resolves', async () => {
    stack = await startStack({ env: { CACHE_ACCESS_TTL_SECONDS: '0' } });
    stack.simulator.setLatency(600);
    const { response: inFlight } = await sendAndWaitUntilReceived(stack);
    const closing = stack.gateway.close(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${stack.url}/healthz`)).rejects.toThrow();
    const result = await inFlight;
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ imageStreamImage: { image: { digest: DEMO.digests.python } } });
    await closing;
    await stack.simulator.close();
    stack = undefined;
  });

  it('gives up on a request that outlives the grace period and still resolves', async () => {
    stack = await startStack({ env: { CACHE_ACCESS_TTL_SECONDS: '0' } });
    stack.simulator.injectFault({ path: isimages, times: Infinity, fault: { kind: 'hang' } });
    const { response } = await sendAndWaitUntilReceived(stack);
    const inFlight = response.catch((error: unknown) => error);
    const started = Date.now();
    await stack.gateway.close(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await inFlight).toBeInstanceOf(Error);
    await stack.simulator.close();
    stack = undefined;
  });
});
