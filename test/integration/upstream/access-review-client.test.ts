/**
 * The access review (`reviewImageStreamImages`) is a method of the OpenShift client and goes
 * through its one resilience loop, against the simulator on port 0: one POST per review, the
 * same attempt events and counters as a read, never retried, and the same circuit as the reads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../../../src/simulator/index.js';
import type { UpstreamEvent } from '../../../src/upstream/events.js';
import {
  createOpenShiftClient,
  type OpenShiftClientOptions,
  type OpenShiftHttpClient,
} from '../../../src/upstream/openshift-client.js';

const REVIEWS = { resource: 'selfsubjectaccessreviews' } as const;

let sim: Simulator;
let client: OpenShiftHttpClient | undefined;
let events: UpstreamEvent[];

beforeEach(async () => {
  sim = await startSimulator();
  events = [];
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await sim.close();
});

function clientWith(options: Partial<OpenShiftClientOptions> = {}): OpenShiftHttpClient {
  client = createOpenShiftClient({
    baseUrl: sim.url,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return client;
}

const responses = (): UpstreamEvent[] => events.filter((event) => event.type === 'response');

describe('reviewImageStreamImages', () => {
  it('answers true for a caller who may get imagestreamimages, false elsewhere, one POST each', async () => {
    const c = clientWith();
    const developer = { token: sim.token(DEMO.users.developer) };
    let attempts = 0;
    const counted = { onAttempt: () => (attempts += 1) };

    await expect(c.reviewImageStreamImages('demo', developer, counted)).resolves.toBe(true);
    await expect(c.reviewImageStreamImages('team-b', developer, counted)).resolves.toBe(false);

    expect(sim.requests.count({ ...REVIEWS, method: 'POST' })).toBe(2);
    expect(sim.requests.count()).toBe(2);
    expect(attempts).toBe(2);
    expect(c.stats().attempts).toBe(2);
    expect(responses()).toMatchObject([
      { resource: 'selfsubjectaccessreviews', namespace: 'demo', status: 201, retry: 0 },
      { resource: 'selfsubjectaccessreviews', namespace: 'team-b', status: 201, retry: 0 },
    ]);
  });

  it('is never retried: a 503 is one POST and answers false', async () => {
    const c = clientWith({ retries: 2 });
    sim.injectFault({ method: 'POST', fault: { kind: 'service-unavailable' }, times: 3 });

    await expect(
      c.reviewImageStreamImages('demo', { token: sim.token(DEMO.users.developer) }),
    ).resolves.toBe(false);

    expect(sim.requests.count()).toBe(1);
    expect(c.stats()).toMatchObject({ attempts: 1, retries: 0, serverFailures: 1 });
  });

  it('shares the circuit with the reads: failing reviews open it, and a GET is then refused unsent', async () => {
    const c = clientWith({ circuitFailureThreshold: 2, circuitHalfOpenAfterMs: 60_000 });
    const developer = { token: sim.token(DEMO.users.developer) };
    sim.injectFault({ method: 'POST', fault: { kind: 'internal-error' }, times: 2 });

    await expect(c.reviewImageStreamImages('demo', developer)).resolves.toBe(false);
    await expect(c.reviewImageStreamImages('demo', developer)).resolves.toBe(false);
    await expect(
      c.getImageStream({ namespace: 'demo', name: 'ubuntu' }, developer),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });

    expect(c.stats()).toMatchObject({ circuit: 'open', rejectedByCircuit: 1, attempts: 2 });
    expect(sim.requests.count()).toBe(2);
  });
});
