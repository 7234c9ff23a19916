import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { estimateUpstreamCalls } from '../../../src/server/query-limits.js';
import { createGatewaySchema } from '../../../src/resolvers/schema.js';
import { DEFAULT_GRAPHIQL_QUERY } from '../../../src/server/graphiql.js';
import { limitsGateway } from '../../support/limits-gateway.js';

const ONE = (alias = '') =>
  `${alias}imageStreamImage(namespace: "demo", name: "ubuntu@abc") { kind }`;
const DEEP = `{ imageStreamImage(namespace: "demo", name: "ubuntu@cafe") {
  image { dockerImageManifests { image { dockerImageLayers { name } } } } } }`; // depth 6

function expectRejected(
  body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] },
  limit: string,
) {
  expect(body.data ?? null).toBeNull();
  expect(body.errors).toHaveLength(1);
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
}

describe('query limits', () => {
  it('rejects a query deeper than MAX_QUERY_DEPTH with QUERY_TOO_COMPLEX and no upstream GET', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_DEPTH: '5' });
    const { body } = await query(DEEP);
    expectRejected(body, 'MAX_QUERY_DEPTH');
    expect(body.errors?.[0]?.extensions).toMatchObject({ max: 5, found: 6 });
    expect(body.errors?.[0]?.message).toBe(
      "The query's depth (6) exceeds the limit of 5 (MAX_QUERY_DEPTH)",
    );
    expect(calls).toEqual([]);
  });

  it('accepts a query exactly at MAX_QUERY_DEPTH', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_DEPTH: '6' });
    const { body } = await query(DEEP);
    expect(body.errors).toBeUndefined();
    expect(calls.length).toBe(5); // the list and its 4 children
  });

  it('rejects more aliases than MAX_QUERY_ALIASES, counting aliases inside fragments', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_ALIASES: '2' });
    const { body } = await query(
      `{ ${ONE('a: ')} ${ONE('b: ')} ...F } fragment F on Query { ${ONE('c: ')} }`,
    );
    expectRejected(body, 'MAX_QUERY_ALIASES');
    expect(body.errors?.[0]?.extensions).toMatchObject({ max: 2, found: 3 });
    expect(calls).toEqual([]);
    const ok = await query(`{ ${ONE('a: ')} ${ONE('b: ')} }`);
    expect(ok.body.errors).toBeUndefined();
  });

  it('rejects a document with more tokens than MAX_QUERY_TOKENS while parsing', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_TOKENS: '20' });
    const { body } = await query(`{ ${Array.from({ length: 25 }, () => '__typename').join(' ')} }`);
    expectRejected(body, 'MAX_QUERY_TOKENS');
    expect(body.errors?.[0]?.extensions).toMatchObject({ max: 20 });
    expect(calls).toEqual([]);
  });

  it('rejects more directives than MAX_QUERY_DIRECTIVES', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_DIRECTIVES: '2' });
    const { body } = await query(
      `{ imageStreamImage(namespace: "demo", name: "ubuntu@abc") @include(if: true) { kind @skip(if: false) apiVersion @skip(if: false) } }`,
    );
    expectRejected(body, 'MAX_QUERY_DIRECTIVES');
    expect(body.errors?.[0]?.extensions).toMatchObject({ max: 2, found: 3 });
    expect(calls).toEqual([]);
  });

  it('rejects a field cost above MAX_QUERY_FIELD_COST even when it causes few upstream reads', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_FIELD_COST: '40' });
    const { body } = await query(
      `{ imageStreamImage(namespace: "demo", name: "ubuntu@abc") { image { dockerImageMetadata { Config { Hostname Domainname User Env Cmd Entrypoint WorkingDir } } } } }`,
    );
    expectRejected(body, 'MAX_QUERY_FIELD_COST');
    expect(body.errors?.[0]?.message).toContain('field cost');
    expect(calls).toEqual([]);
  });

  it('rejects imageStreamImages whose literal names would cost more than MAX_QUERY_COST', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_COST: '50' });
    const names = (n: number) =>
      JSON.stringify(Array.from({ length: n }, (_, i) => `ubuntu@${i.toString(16)}`));
    const { body } = await query(
      `{ imageStreamImages(namespace: "demo", names: ${names(6)}) { kind } }`,
    );
    expectRejected(body, 'MAX_QUERY_COST');
    expect(body.errors?.[0]?.extensions).toMatchObject({ max: 50, found: 60, upstreamCalls: 6 });
    expect(calls).toEqual([]);
    const ok = await query(`{ imageStreamImages(namespace: "demo", names: ${names(5)}) { kind } }`);
    expect(ok.body.errors).toBeUndefined();
    expect(calls.length).toBe(5);
  });

  it('counts names given in a variable, so the same document passes or fails by its variables', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_COST: '50' });
    const doc = `query Q($names: [String!]!) { imageStreamImages(namespace: "demo", names: $names) { kind } }`;
    const names = (n: number) => Array.from({ length: n }, (_, i) => `ubuntu@${i.toString(16)}`);
    expect((await query(doc, { names: names(5) })).body.errors).toBeUndefined();
    const { body } = await query(doc, { names: names(6) });
    expectRejected(body, 'MAX_QUERY_COST');
    expect(calls.length).toBe(5);
  });

  it('estimates each variables shape of one document anew (the estimate is memoised per document)', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_COST: '50' });
    const doc = `query Q($names: [String!]!, $skip: Boolean = false) {
      imageStreamImages(namespace: "demo", names: $names) @skip(if: $skip) { kind } }`;
    const names = (n: number) => Array.from({ length: n }, (_, i) => `ubuntu@${i.toString(16)}a`);
    expectRejected((await query(doc, { names: names(6) })).body, 'MAX_QUERY_COST');
    expect((await query(doc, { names: names(6), skip: true })).body.errors).toBeUndefined();
    expect((await query(doc, { names: names(5) })).body.errors).toBeUndefined();
    expectRejected((await query(doc, { names: names(6), skip: false })).body, 'MAX_QUERY_COST');
    expectRejected((await query(doc, { names: names(6) })).body, 'MAX_QUERY_COST');
    expect(calls.length).toBe(5);
  });

  it('assumes 16 children per manifest list, multiplied through imageStreamImages', async () => {
    const { query, calls } = await limitsGateway({ MAX_QUERY_COST: '500' });
    // 2 names + 2 × 16 children = 34 reads, cost 340: accepted; 3 names = 51 reads: rejected.
    const doc = (n: number) =>
      `{ imageStreamImages(namespace: "demo", names: ${JSON.stringify(Array.from({ length: n }, () => 'ubuntu@cafe'))}) { image { dockerImageManifests { image { digest } } } } }`;
    expect((await query(doc(2))).body.errors).toBeUndefined();
    const before = calls.length;
    const { body } = await query(doc(3));
    expectRejected(body, 'MAX_QUERY_COST');
    expect(body.errors?.[0]?.extensions).toMatchObject({ upstreamCalls: 51, found: 510 });
    expect(calls.length).toBe(before);
  });

  it('answers more operations than MAX_BATCH_OPERATIONS in one batch with 413 BAD_REQUEST', async () => {
    const { post, calls } = await limitsGateway({ MAX_BATCH_OPERATIONS: '2' });
    const op = { query: `{ ${ONE()} }` };
    const { response, body } = await post([op, op, op]);
    expect(response.status).toBe(413);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Batching is limited to 2 operations per request.',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(calls).toEqual([]);
    const ok = await post([op, op]);
    expect(ok.response.status).toBe(200);
  });

  it('accepts the GraphiQL default query under the default limits', async () => {
    const { query } = await limitsGateway();
    const { body } = await query(DEFAULT_GRAPHIQL_QUERY);
    expect(body.errors).toBeUndefined();
  });
});

describe('estimateUpstreamCalls', () => {
  const schema = createGatewaySchema();
  const estimate = (doc: string, variables: Record<string, unknown> = {}, op?: string) =>
    estimateUpstreamCalls(schema, parse(doc), op, variables, 16).upstreamCalls;

  it('counts one read per imageStreamImage and per entry of names', () => {
    expect(estimate(`{ ${ONE()} }`)).toBe(1);
    expect(estimate(`{ ${ONE('a: ')} ${ONE('b: ')} }`)).toBe(2);
    expect(
      estimate('{ imageStreamImages(namespace: "d", names: ["a@1", "b@2", "c@3"]) { kind } }'),
    ).toBe(3);
    expect(estimate('{ imageStreamImages(namespace: "d", names: "a@1") { kind } }')).toBe(1);
  });

  it('reads names from variables, a single value counting as a list of one', () => {
    const doc = 'query($n: [String!]!) { imageStreamImages(namespace: "d", names: $n) { kind } }';
    expect(estimate(doc, { n: ['a@1', 'b@2'] })).toBe(2);
    expect(estimate(doc, { n: 'a@1' })).toBe(1);
    expect(estimate(doc, {})).toBe(0);
  });

  it('multiplies manifest children through the nesting', () => {
    const children = '{ image { dockerImageManifests { image { digest } } } }';
    expect(estimate(`{ imageStreamImage(namespace: "d", name: "a@1") ${children} }`)).toBe(1 + 16);
    expect(
      estimate(`{ imageStreamImages(namespace: "d", names: ["a@1", "b@2"]) ${children} }`),
    ).toBe(2 + 32);
    // A list without the child image causes no extra reads.
    expect(
      estimate(
        '{ imageStreamImage(namespace: "d", name: "a@1") { image { dockerImageManifests { digest } } } }',
      ),
    ).toBe(1);
  });

  it('counts one read per federation representation, plus the costliest entity selection', () => {
    const doc = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Image { digest dockerImageManifests { image { digest } } }
      ... on ImageStreamImage { kind }
    } }`;
    const image = { __typename: 'Image', digest: 'sha256:x' };
    expect(estimate(doc, { r: [image, image, image] })).toBe(3 + 3 * 16);
    expect(estimate(doc, { r: [] })).toBe(0);
    expect(
      estimate(
        '{ _entities(representations: [{ __typename: "ImageStream", id: "x" }]) { __typename } }',
      ),
    ).toBe(1);
  });

  it('merges fields with the same response key, as execution does', () => {
    expect(
      estimate(`{ ${ONE()} ...F ... on Query { ${ONE()} } } fragment F on Query { ${ONE()} }`),
    ).toBe(1);
  });

  it('leaves out selections dropped by @skip and @include', () => {
    const field = (alias: string, directive: string) =>
      `${alias}: imageStreamImage(namespace: "d", name: "a@1") ${directive} { kind }`;
    const doc = `query($s: Boolean!) { ${field('a', '@skip(if: true)')} ${field('b', '@include(if: $s)')} ${field('c', '')} }`;
    expect(estimate(doc, { s: false })).toBe(1);
    expect(estimate(doc, { s: true })).toBe(2);
  });

  it('estimates only the selected operation', () => {
    const doc = `query A { ${ONE()} } query B { a: ${ONE()} b: ${ONE()} }`;
    expect(estimate(doc, {}, 'A')).toBe(1);
    expect(estimate(doc, {}, 'B')).toBe(2);
  });
});
