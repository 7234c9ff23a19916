import { describe, expect, it } from 'vitest';
import { createSchema, createYoga } from 'graphql-yoga';
import {
  createPersistedOperationsPlugin,
  sha256Hex,
} from '../../../src/server/persisted-operations.js';

/** POSTs a JSON body to `yoga` and reads the answer. */
const poster =
  (yoga: { fetch: (url: string, init: RequestInit) => Response | Promise<Response> }) =>
  async (body: Record<string, unknown>) =>
    (await (
      await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };

/** A yoga with a one-field schema and the APQ plugin, its store bounded by `bound`. */
function apqYoga(bound: { apqMaxEntries?: number; apqMaxBytes?: number }) {
  const plugin = createPersistedOperationsPlugin({ mode: 'apq', ...bound });
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { n(i: Int!): Int! }',
      resolvers: { Query: { n: (_: unknown, { i }: { i: number }) => i } },
    }),
    plugins: [plugin],
    logging: false,
  });
  const post = poster(yoga);
  const ext = (query: string) => ({
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } },
  });
  const register = (query: string) => post({ query, ...ext(query) });
  const byHash = async (query: string) => {
    const { data, errors } = await post(ext(query));
    return errors?.[0]?.extensions?.code ?? data;
  };
  return { register, byHash };
}

describe('the APQ store', () => {
  it('evicts the least recently used operation beyond its entry bound', async () => {
    const { register, byHash } = apqYoga({ apqMaxEntries: 2 });
    await register('{ a: n(i: 1) }');
    await register('{ b: n(i: 2) }');
    expect(await byHash('{ a: n(i: 1) }')).toEqual({ a: 1 }); // now the most recent
    await register('{ c: n(i: 3) }');
    expect(await byHash('{ b: n(i: 2) }')).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await byHash('{ a: n(i: 1) }')).toEqual({ a: 1 });
    expect(await byHash('{ c: n(i: 3) }')).toEqual({ c: 3 });
  });

  it('is bounded in bytes: a document larger than the bound is never kept', async () => {
    const { register, byHash } = apqYoga({ apqMaxBytes: 40 });
    const small = '{ a: n(i: 1) }';
    const large = `{ ${Array.from({ length: 10 }, (_, i) => `f${i}: n(i: ${i})`).join(' ')} }`;
    await register(small);
    expect(await register(large)).toMatchObject({ data: { f9: 9 } });
    expect(await byHash(large)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await byHash(small)).toEqual({ a: 1 });
  });

  it('does not exist when the mode is off: a registration is not kept', async () => {
    const plugin = createPersistedOperationsPlugin({ mode: 'off' });
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { n: Int! }',
        resolvers: { Query: { n: () => 1 } },
      }),
      plugins: [plugin],
      logging: false,
    });
    const query = '{ n }';
    const ext = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    const send = poster(yoga);
    expect(await send({ query, extensions: ext })).toEqual({ data: { n: 1 } });
    const again = await send({ extensions: ext });
    expect(again.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});
