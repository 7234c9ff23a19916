/**
 * GraphQL over HTTP conformance (graphql-http's `serverAudits`) of the gateway with its defaults
 * (APQ, CSRF prevention, federation on), over real HTTP: each MUST is its own test (a regression
 * names the rule), and the SHOULD/MAY audits must all pass too (today they do).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits } from 'graphql-http';
import { startStack, type Stack } from '../../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** The audits' requests, as a client with a bearer token sends them (the gateway needs one). */
const withToken: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${stack.simulator.token('developer')}`);
  return fetch(input, { ...init, headers });
};

const audits = serverAudits({ url: () => `${stack.url}/graphql`, fetchFn: withToken });

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  it('has MUST audits to run', () => {
    expect(audits.filter((audit) => audit.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }

  it('passes every SHOULD and MAY audit too', async () => {
    const failed: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(failed).toEqual([]);
  });
});
