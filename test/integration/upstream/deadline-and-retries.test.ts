/**
 * Issue #11 through the whole stack: one deadline per upstream GET (an attempt may use all of
 * it), retries only of what client-go retries, and no abort listener per load.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';

const name = `python@${DEMO.digests.python}`;
const query = `{ imageStreamImage(namespace: "demo", name: "${name}") { image { digest } } }`;
const isimages = /\/imagestreamimages\//;

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** A stack that asks the API server on every query, with `env` on top. */
async function uncached(env: Record<string, string> = {}): Promise<Stack> {
  stack = await startStack({
    env: { CACHE_ACCESS_TTL_SECONDS: '0', UPSTREAM_RETRIES: '2', ...env },
  });
  return stack;
}

describe('one deadline per upstream GET', () => {
  it('gives data after exactly one GET when the API server answers in 1 s with UPSTREAM_TIMEOUT_MS=1500', async () => {
    const current = await uncached({ UPSTREAM_TIMEOUT_MS: '1500' });
    current.simulator.setLatency(1_000);
    const result = await current.query(query);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ imageStreamImage: { image: { digest: DEMO.digests.python } } });
    expect(current.upstreamGets()).toBe(1);
  });

  it('does not retry an attempt that timed out: one GET, then UPSTREAM_TIMEOUT', async () => {
    const current = await uncached({ UPSTREAM_TIMEOUT_MS: '600' });
    current.simulator.injectFault({ path: isimages, times: Infinity, fault: { kind: 'hang' } });
    const result = await current.query(query);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_TIMEOUT');
    expect(current.upstreamGets()).toBe(1);
  });

  it('retries a reset connection once and answers with data', async () => {
    const current = await uncached();
    current.simulator.injectFault({ path: isimages, times: 1, fault: { kind: 'reset' } });
    const result = await current.query(query);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ imageStreamImage: { image: { digest: DEMO.digests.python } } });
    expect(current.upstreamGets()).toBe(2);
  });

  it('does not retry a body cut short after the answer began (client-go does not): one GET', async () => {
    const current = await uncached();
    current.simulator.injectFault({ path: isimages, times: 1, fault: { kind: 'truncated' } });
    const result = await current.query(query);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_BAD_RESPONSE',
      problem: 'the body was truncated',
    });
    expect(current.upstreamGets()).toBe(1);
  });
});

describe('abort listeners', () => {
  /** Twelve distinct keys for one image: prefixes of its digest (the API matches ids as prefixes). */
  const hex = DEMO.digests.python.slice('sha256:'.length);
  const aliases = Array.from(
    { length: 12 },
    (_, i) =>
      `a${i}: imageStreamImage(namespace: "demo", name: "python@sha256:${hex.slice(0, 20 + i)}") { image { digest } }`,
  );
  const wide = `{ ${aliases.join(' ')} }`;

  async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(`${warning.name}: ${warning.message}`);
    };
    process.on('warning', onWarning);
    try {
      await run();
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    return warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'));
  }

  it('waits on 12 upstream GETs of one request without a MaxListenersExceededWarning', async () => {
    const current = await uncached();
    current.simulator.setLatency(20);
    const warnings = await warningsDuring(async () => {
      const result = await current.query(wide);
      expect(result.errors).toBeUndefined();
      expect(Object.keys(result.data ?? {})).toHaveLength(12);
    });
    expect(current.upstreamGets()).toBe(12);
    expect(warnings).toEqual([]);
  });

  it('joins 12 GETs of another request without a MaxListenersExceededWarning', async () => {
    const current = await uncached();
    current.simulator.setLatency(1_000);
    const warnings = await warningsDuring(async () => {
      // Sent together: whichever runs second finds the other's 12 GETs in flight and joins them.
      const both = await Promise.all(
        [0, 1].map(() => current.query(wide, { headers: { 'x-gateway-stats': '1' } })),
      );
      const joined = both.map((r) => r.extensions?.['stats'] as { sharedInFlight: number });
      for (const result of both) expect(result.errors).toBeUndefined();
      expect(joined[0]!.sharedInFlight + joined[1]!.sharedInFlight).toBe(12);
    });
    expect(current.upstreamGets()).toBe(12);
    expect(warnings).toEqual([]);
  });
});
