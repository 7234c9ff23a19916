/**
 * Random GraphQL documents and variables through the whole gateway (yoga.fetch, fake client):
 * every input gets data or coded errors, never a 5xx, an uncoded error or a hang, and a document
 * refused by a query limit causes no upstream GET.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/errors/codes.js';
import { createGatewaySchema } from '../../../src/resolvers/schema.js';
import { limitsGateway } from '../../support/limits-gateway.js';
import { trickyString, validNamespace, validStream } from '../../support/arbitraries.js';

interface FieldLike {
  type: unknown;
  args: readonly { name: string; type: unknown }[];
}
const schema = createGatewaySchema();
const fieldsOf = (typeName: string): Record<string, FieldLike> | undefined =>
  (
    schema.getType(typeName) as { getFields?: () => Record<string, FieldLike> } | undefined
  )?.getFields?.();
const namedOf = (type: unknown): string => {
  let t = type as { ofType?: unknown; name?: string };
  while (t.ofType !== undefined && t.ofType !== null) t = t.ofType;
  return t.name ?? 'String';
};

const nameArb = fc.oneof(
  fc
    .tuple(validStream, fc.oneof(fc.constantFrom('cafe', 'abc'), trickyString))
    .map(([s, id]) => `${s}@${id}`),
  trickyString,
);
const stringLiteral = fc.oneof(validNamespace, nameArb, trickyString).map((s) => JSON.stringify(s));

/** A random selection on `typeName`, following the schema, with aliases, arguments and fragments. */
function selection(g: fc.GeneratorValue, typeName: string, depth: number): string {
  const fields = fieldsOf(typeName);
  if (fields === undefined) return '';
  const names = Object.keys(fields);
  const count = g(fc.integer, { min: 1, max: 3 });
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const name = g(() => fc.constantFrom(...names));
    const field = fields[name];
    if (field === undefined) continue;
    const alias = g(() => fc.constantFrom('', '', 'a: ', 'b: ', `x${i}: `));
    const args = field.args.map((arg) => {
      if (arg.name === 'names') {
        const list = g(fc.array, stringLiteral, { maxLength: 6 });
        return `names: [${list.join(', ')}]`;
      }
      return `${arg.name}: ${g(() => stringLiteral)}`;
    });
    const argText = args.length > 0 ? `(${args.join(', ')})` : '';
    const directive = g(() =>
      fc.constantFrom('', '', '', ' @include(if: true)', ' @skip(if: true)'),
    );
    const sub = fieldsOf(namedOf(field.type));
    let body = '';
    if (sub !== undefined) {
      const inner = depth > 0 ? selection(g, namedOf(field.type), depth - 1) : '';
      body = ` { ${inner === '' ? '__typename' : inner} }`;
    }
    parts.push(`${alias}${name}${argText}${directive}${body}`);
  }
  if (g(fc.boolean)) parts.push(`... on ${typeName} { __typename }`);
  return parts.join(' ');
}

const documentArb = fc
  .gen()
  .map((g) => `{ ${selection(g, 'Query', g(fc.integer, { min: 0, max: 9 }))} }`);

type Body = { data?: unknown; errors?: { extensions?: { code?: string; limit?: string } }[] };

function expectCoded(status: number, body: Body | Body[]): void {
  expect(status).toBeLessThan(500);
  // A JSON array is a batch: one result per operation.
  if (Array.isArray(body)) {
    for (const one of body) expectCoded(status, one);
    return;
  }
  expect('data' in body || 'errors' in body).toBe(true);
  for (const error of body.errors ?? []) {
    expect(ERROR_CODES).toContain(error.extensions?.code);
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  }
}

// Small limits so that random documents hit each of them often.
const gateway = await limitsGateway(
  {
    MAX_QUERY_DEPTH: '7',
    MAX_QUERY_ALIASES: '6',
    MAX_QUERY_TOKENS: '300',
    MAX_QUERY_DIRECTIVES: '4',
    MAX_QUERY_COST: '400',
    MAX_UPSTREAM_CALLS_PER_REQUEST: '20',
  },
  3,
);

async function run(
  payload: unknown,
): Promise<{ status: number; body: Body | Body[]; gets: number }> {
  const before = gateway.calls.length + gateway.navigationCalls.length;
  const response = await gateway.server.yoga.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sha256~fuzz' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as Body | Body[];
  return {
    status: response.status,
    body,
    gets: gateway.calls.length + gateway.navigationCalls.length - before,
  };
}

const settings = { numRuns: 150, interruptAfterTimeLimit: 6000 };

describe('GraphQL documents under fuzzing', () => {
  it('answers random schema-shaped documents with data or coded errors, and limits before any GET', async () => {
    await fc.assert(
      fc.asyncProperty(documentArb, async (query) => {
        const { status, body, gets } = await run({ query });
        expectCoded(status, body);
        const limited = (Array.isArray(body) ? [] : (body.errors ?? [])).some(
          (e) =>
            e.extensions?.code === 'QUERY_TOO_COMPLEX' &&
            e.extensions.limit !== 'MAX_UPSTREAM_CALLS_PER_REQUEST',
        );
        if (limited) expect(gets).toBe(0);
      }),
      settings,
    );
  });

  it('answers arbitrary strings as documents with coded errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          trickyString,
          fc.string({ maxLength: 200 }),
          documentArb.map((d) => d.slice(0, -3)),
        ),
        async (query) => {
          const { status, body } = await run({ query });
          expectCoded(status, body);
        },
      ),
      settings,
    );
  });

  it('answers arbitrary variables with data or coded errors', async () => {
    const doc = `query Q($ns: String!, $name: String!, $names: [String!]!) {
      one: imageStreamImage(namespace: $ns, name: $name) { image { digest dockerImageManifests { image { digest } } } }
      many: imageStreamImages(namespace: $ns, names: $names) { kind }
    }`;
    const value = fc.oneof(trickyString, validNamespace, nameArb, fc.jsonValue({ maxDepth: 2 }));
    const variables = fc.oneof(
      fc.record({
        ns: value,
        name: value,
        names: fc.oneof(value, fc.array(value, { maxLength: 8 })),
      }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        variables,
        fc.constantFrom(undefined, 'Q', 'Other', ''),
        async (vars, op) => {
          const { status, body } = await run({ query: doc, variables: vars, operationName: op });
          expectCoded(status, body);
        },
      ),
      settings,
    );
  });

  it('answers arbitrary JSON bodies with coded errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (payload) => {
        const { status, body } = await run(payload);
        expectCoded(status, body);
      }),
      settings,
    );
  });
});
