/**
 * The upstream cost model of navigation (docs/limits.md): a page is one GET and what is selected
 * under its edges counts `first` times; history and timeline count `first` times when given.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createGatewaySchema } from '../../../src/resolvers/schema.js';
import { estimateUpstreamCalls } from '../../../src/server/query-limits.js';

const schema = createGatewaySchema();
const estimate = (doc: string, variables: Record<string, unknown> = {}) =>
  estimateUpstreamCalls(schema, parse(doc), undefined, variables, 16).upstreamCalls;

describe('navigation upstream cost', () => {
  it('counts a page as one GET and nothing more when no image is selected', () => {
    expect(
      estimate('{ imageStreams(namespace: "d", first: 50) { edges { node { tags { name } } } } }'),
    ).toBe(1);
  });

  it('multiplies what is selected under the edges by first (default 20), from a literal or a variable', () => {
    const page = (first: string) =>
      `query ($n: Int) { imageStreams(namespace: "d"${first}) { edges { node { tags { image { digest } } } } } }`;
    expect(estimate(page(', first: 3'))).toBe(1 + 3 * 16);
    expect(estimate(page(', first: $n'), { n: 2 })).toBe(1 + 2 * 16);
    expect(estimate(page(''))).toBe(1 + 20 * 16);
  });

  it('counts history and timeline by first, and every image field reached from a stream', () => {
    expect(
      estimate(`{ imageStream(namespace: "d", name: "s") {
        tags { history(first: 2) { imageStreamImage { id } } }
        timeline(first: 5) { imageStreamImage { id imageStream { id } } }
      } }`),
    ).toBe(1 + 16 * 2 + 5 * 2);
    expect(
      estimate(
        `{ imageStreamTag(namespace: "d", name: "s:t") { image { id } imageStream { id } } }`,
      ),
    ).toBe(3);
    expect(estimate('{ node(id: "x") { id } }')).toBe(1);
  });
});
