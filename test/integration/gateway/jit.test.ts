/**
 * GRAPHQL_JIT=true and GRAPHQL_JIT=false through the real gateway and simulator answer every
 * request byte for byte alike: data, nulls, errors with their codes, messages, paths and
 * locations, federation `_entities`, persisted queries (APQ) and documents with several operations
 * (compiled per operation). Each case runs cold and then from the cache.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { GATEWAY_CASES as CASES, TWO_OPERATIONS } from '../../support/gateway-cases.js';

const { demo } = DEMO.namespaces;
const python = `python@${DEMO.digests.python}`;

describe('GRAPHQL_JIT=true answers as GRAPHQL_JIT=false does, byte for byte', () => {
  let jit: Stack;
  let interpreted: Stack;
  beforeAll(async () => {
    [jit, interpreted] = await Promise.all([
      startStack({ env: { GRAPHQL_JIT: 'true' } }),
      startStack({ env: { GRAPHQL_JIT: 'false' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([jit.close(), interpreted.close()]);
  });

  /** The raw answer of one stack: status and body text. */
  const raw = async (stack: Stack, body: unknown, user: string = DEMO.users.developer) => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${stack.simulator.token(user)}`,
      },
      body: JSON.stringify(body),
    });
    return `${response.status} ${await response.text()}`;
  };
  const both = async (body: unknown, user?: string) => {
    const a = await raw(jit, body, user);
    const b = await raw(interpreted, body, user);
    expect(a).toBe(b);
    return a;
  };

  it.each(CASES)('$name (cold, then cached)', async ({ body, user }) => {
    const cold = await both(body, user);
    const warm = await both(body, user);
    expect(warm).toBe(cold);
  });

  it('checks answers that hold errors (the cases are not all successes)', async () => {
    const first = await both(CASES[0]!.body);
    expect(first).toContain('"code":"NOT_FOUND"');
    expect(first).toContain('"code":"BAD_USER_INPUT"');
    expect(first).toContain('"locations":[{"line":');
  });

  it('runs the operation operationName names, for each operation of one document', async () => {
    for (const operationName of ['Python', 'List', 'Python']) {
      const answer = await both({ query: TWO_OPERATIONS, operationName });
      const { data } = JSON.parse(answer.slice(4)) as {
        data: { imageStreamImage: { image: Record<string, unknown> } };
      };
      expect(Object.keys(data.imageStreamImage.image)).toEqual(
        operationName === 'List' ? ['digest', 'dockerImageManifests'] : ['digest', 'layerCount'],
      );
    }
    const unknown = await both({ query: TWO_OPERATIONS, operationName: 'Nope' });
    expect(unknown).toContain('Could not determine what operation to execute.');
  });

  it('answers automatic persisted queries alike: unknown hash, registration, hash only', async () => {
    const query = `{ imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest } } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const notFound = await both({ extensions });
    expect(notFound).toContain('PersistedQueryNotFound');
    await both({ query, extensions });
    const byHash = await both({ extensions });
    expect(byHash).toContain(DEMO.digests.python);
  });
});
