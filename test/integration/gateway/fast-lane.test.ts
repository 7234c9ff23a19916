/**
 * HTTP_FAST_LANE=true answers every request byte for byte as HTTP_FAST_LANE=false (yoga's own
 * fetch adapter) does: status line, every header in order (names as written), and body; only
 * `Date` differs. Each request goes over its own connection, exactly as written here, to two
 * gateways over two simulators, cold and then cached. The fast gateway's access log says which
 * lane answered, so each case also checks that the lane it was meant for answered it: a
 * comparison in which the fast lane never ran could not fail. Both access log lines must say the
 * same of the operation (name, upstream requests, cache hits, error codes).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import { GATEWAY_CASES, TWO_OPERATIONS } from '../../support/gateway-cases.js';
import { rawExchange } from '../../support/raw-http.js';
import { startStack, type Stack, type StackOptions } from '../../support/stack.js';

const { demo } = DEMO.namespaces;
const python = `python@${DEMO.digests.python}`;
const SMALL = `{ imageStreamImage(namespace: "${demo}", name: "${python}") { image { digest layerCount } } }`;

/** An operation registered over APQ in the cases below (and no other case sends it). */
const APQ_DOCUMENT =
  'query Apq($ns: String!, $name: String!) { imageStreamImage(namespace: $ns, name: $name) { image { digest } } }';
const APQ_HASH = createHash('sha256').update(APQ_DOCUMENT).digest('hex');
const APQ_VARIABLES = { ns: demo, name: python };
const persisted = (hash: string, version = 1) => ({
  persistedQuery: { version, sha256Hash: hash },
});

/** One request as sent on the wire. */
interface WireRequest {
  readonly name: string;
  readonly lane: 'fast' | 'yoga';
  readonly method?: string;
  readonly path?: string;
  /** Headers besides Host, Connection, X-Request-Id and Content-Length. */
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Send the body chunked (no Content-Length). */
  readonly chunked?: boolean;
  /** Who sends it (a bearer token); null for nobody. */
  readonly user?: string | null;
  /**
   * A `fast` request's lane the second time: `direct` (the default) once yoga has validated its
   * document, `fast` where yoga's pipeline answers it again (not admitted, or handed back).
   */
  readonly cached?: 'fast' | 'direct';
  /**
   * A `direct` request's lane the third time: `replay` (the default) once the second has been
   * recorded (./replay-memo.ts), `direct` where it is executed again (an error, or a read of
   * more than images).
   */
  readonly again?: 'direct' | 'replay';
}

const json = (value: unknown): string => JSON.stringify(value);
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** A JSON POST of `body` (serialised here), with `more.headers` after its Content-Type. */
function post(
  name: string,
  lane: WireRequest['lane'],
  body: unknown,
  more: Omit<Partial<WireRequest>, 'name' | 'lane' | 'body'> = {},
): WireRequest {
  return { name, lane, ...more, headers: { ...JSON_TYPE, ...more.headers }, body: json(body) };
}

/** Shared cases that yoga's pipeline answers every time: the direct execution hands them back. */
const HANDED_BACK = new Set(['variables that fail coercion']);
/** Shared cases executed every time: their results have errors, or they read streams. */
const EXECUTED_AGAIN = new Set([
  'data, a missing image, a malformed name and a forbidden namespace in one query',
  'a list of names with rejected items in the middle and at the end',
  'a page of streams with tags and their history',
  'a forbidden read of a stream-only viewer',
  'federation _entities with good, unknown and malformed representations',
]);

const REQUESTS: WireRequest[] = [
  ...GATEWAY_CASES.map((c) =>
    post(c.name, 'fast', c.body, {
      ...(c.user === undefined ? {} : { user: c.user }),
      ...(HANDED_BACK.has(c.name) ? { cached: 'fast' as const } : {}),
      ...(EXECUTED_AGAIN.has(c.name) ? { again: 'direct' as const } : {}),
    }),
  ),
  post('operationName picks one', 'fast', { query: TWO_OPERATIONS, operationName: 'List' }),
  post(
    'an unknown operationName',
    'fast',
    { query: TWO_OPERATIONS, operationName: 'Nope' },
    { cached: 'fast' },
  ),
  post('null variables and operationName', 'fast', {
    query: SMALL,
    variables: null,
    operationName: null,
    extensions: null,
  }),
  post(
    'charset=utf-8, Accept */*',
    'fast',
    { query: SMALL },
    { headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: '*/*' } },
  ),
  post(
    'Accept: application/json',
    'fast',
    { query: SMALL },
    { headers: { Accept: 'application/json' } },
  ),
  post('a syntax error', 'fast', { query: '{ imageStreamImage(' }, { cached: 'fast' }),
  post('a validation error', 'fast', { query: '{ nope }' }, { cached: 'fast' }),
  post('no token', 'fast', { query: SMALL }, { user: null, again: 'direct' }),
  post(
    'extensions.stats asked for',
    'fast',
    { query: SMALL },
    { headers: { 'X-Gateway-Stats': '1' } },
  ),
  post('a chunked body', 'fast', { query: SMALL }, { chunked: true }),
  post('more aliases than the limit', 'fast', {
    query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
  }),
  post(
    'a query over MAX_QUERY_COST (validated, then refused per request)',
    'fast',
    {
      query: `{ imageStreamImage(namespace: "${demo}", name: "${python}") { image { dockerImageManifests { image { dockerImageManifests { image { digest } } } } } } }`,
    },
    { cached: 'fast' },
  ),
  post(
    '@include (never compiled, so never run directly)',
    'fast',
    {
      query: `{ imageStreamImage(namespace: "${demo}", name: "${python}") @include(if: true) { image { digest } } }`,
    },
    { cached: 'fast' },
  ),
  post('a batch', 'yoga', [{ query: SMALL }, { query: '{ nope }' }]),
  post('a persisted query by hash (APQ)', 'yoga', {
    extensions: persisted(createHash('sha256').update(SMALL).digest('hex')),
  }),
  post('APQ: a document registered with its hash', 'yoga', {
    query: APQ_DOCUMENT,
    variables: APQ_VARIABLES,
    extensions: persisted(APQ_HASH),
  }),
  post('APQ: the registered hash alone', 'fast', {
    variables: APQ_VARIABLES,
    extensions: persisted(APQ_HASH),
  }),
  post('APQ: the registered hash, operationName and a null query', 'fast', {
    query: null,
    operationName: 'Apq',
    variables: APQ_VARIABLES,
    extensions: persisted(APQ_HASH),
  }),
  post(
    'APQ: the registered hash without its variables',
    'fast',
    { extensions: persisted(APQ_HASH) },
    // Its variables are required: coercion fails, and yoga answers.
    { cached: 'fast' },
  ),
  post('APQ: the registered hash in upper case', 'yoga', {
    variables: APQ_VARIABLES,
    extensions: persisted(APQ_HASH.toUpperCase()),
  }),
  post('APQ: the registered hash at version 2', 'yoga', {
    variables: APQ_VARIABLES,
    extensions: persisted(APQ_HASH, 2),
  }),
  post('APQ: the registered hash beside another extension', 'yoga', {
    variables: APQ_VARIABLES,
    extensions: { ...persisted(APQ_HASH), tracing: true },
  }),
  post('APQ: the registered hash with its document again', 'yoga', {
    query: APQ_DOCUMENT,
    variables: APQ_VARIABLES,
    extensions: persisted(APQ_HASH),
  }),
  post('query is not a string', 'yoga', { query: 5 }),
  post('an empty query', 'yoga', { query: '' }),
  post('no query', 'yoga', {}),
  post('an unknown parameter', 'yoga', { query: SMALL, extra: 1 }),
  post('variables that are a list', 'yoga', { query: SMALL, variables: [1] }),
  { name: 'a body that is not JSON', lane: 'yoga', headers: JSON_TYPE, body: '{"query": ' },
  post('a JSON string body', 'yoga', '{ __typename }'),
  { name: 'an empty body', lane: 'yoga', headers: JSON_TYPE, body: '' },
  post(
    'Accept: application/graphql-response+json',
    'yoga',
    { query: '{ nope }' },
    { headers: { Accept: 'application/graphql-response+json' } },
  ),
  {
    name: 'a text/plain body',
    lane: 'yoga',
    headers: { 'Content-Type': 'text/plain' },
    body: json({ query: SMALL }),
    user: null,
  },
  post('a subscription', 'yoga', {
    query: `subscription { imageStreamChanged(namespace: "${demo}", name: "python") { type } }`,
  }),
  post('a query string on the path', 'yoga', { query: SMALL }, { path: '/graphql?x=1' }),
  {
    name: 'a GET',
    lane: 'yoga',
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent(SMALL)}`,
  },
  {
    name: 'a gzip body',
    lane: 'yoga',
    headers: { ...JSON_TYPE, 'Content-Encoding': 'gzip' },
    body: gzipSync(json({ query: SMALL })),
  },
  post('a body over MAX_REQUEST_BODY_BYTES', 'yoga', {
    query: SMALL,
    variables: { pad: 'x'.repeat(2_000_000) },
  }),
  post(
    'a chunked body over MAX_REQUEST_BODY_BYTES',
    'yoga',
    { query: SMALL, variables: { pad: 'x'.repeat(2_000_000) } },
    { chunked: true },
  ),
];

/** The bytes of `request` with request id `id`, from `stack`'s developer (or `request.user`). */
function wire(stack: Stack, request: WireRequest, id: string): Buffer {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const user = request.user === undefined ? DEMO.users.developer : request.user;
  const lines = [
    `${request.method ?? 'POST'} ${request.path ?? '/graphql'} HTTP/1.1`,
    `Host: 127.0.0.1`,
    `Connection: close`,
    `X-Request-Id: ${id}`,
    ...Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    ...(user === null ? [] : [`Authorization: Bearer ${stack.simulator.token(user)}`]),
  ];
  if (request.method === 'GET') return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
  if (request.chunked === true) {
    const chunks =
      body.length === 0 ? '' : `${body.length.toString(16)}\r\n${body.toString('latin1')}\r\n`;
    return Buffer.from(
      `${lines.join('\r\n')}\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
      'latin1',
    );
  }
  return Buffer.concat([
    Buffer.from(`${lines.join('\r\n')}\r\nContent-Length: ${body.length}\r\n\r\n`),
    body,
  ]);
}

/** The answer without its Date header, the one line that may differ. */
const withoutDate = (answer: string): string => answer.replace(/\r\nDate: [^\r]*/, '');

/** The access log line of request `id` in `stack`'s log. */
function accessLine(stack: Stack, id: string): Record<string, unknown> {
  const line = stack
    .logs()
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .find((entry) => entry.msg === 'request completed' && entry.requestId === id);
  if (line === undefined) throw new Error(`no access log line for ${id}`);
  return line;
}

/** The lane the access log of `stack` says answered request `id`. */
const laneOf = (stack: Stack, id: string): unknown => accessLine(stack, id).lane ?? 'yoga';

/** What the access log says of an operation: all but the times, the process and the lane. */
function logged(stack: Stack, id: string): Record<string, unknown> {
  const {
    time: _time,
    durationMs: _ms,
    pid: _pid,
    hostname: _host,
    lane: _lane,
    ...rest
  } = accessLine(stack, id);
  return rest;
}

function compareLanes(options: StackOptions, requests: readonly WireRequest[]): void {
  let fast: Stack;
  let yoga: Stack;
  beforeAll(async () => {
    [fast, yoga] = await Promise.all([
      startStack({ ...options, env: { ...options.env, HTTP_FAST_LANE: 'true' } }),
      startStack({ ...options, env: { ...options.env, HTTP_FAST_LANE: 'false' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([fast.close(), yoga.close()]);
  });

  let n = 0;
  it.each(requests)('$name (cold, cached, then again): $lane lane', async (request) => {
    for (const round of ['cold', 'cached', 'again']) {
      const id = `lane-${(n += 1)}-${round}`;
      const a = await rawExchange(fast.url, wire(fast, request, id));
      const b = await rawExchange(yoga.url, wire(yoga, request, id));
      expect(a).toMatch(/^HTTP\/1\.1 \d{3} /);
      expect(withoutDate(a)).toBe(withoutDate(b));
      const lane = laneOf(fast, id);
      const direct = (request.cached ?? 'direct') === 'direct';
      if (request.lane === 'yoga') expect(lane).toBe('yoga');
      else if (round === 'again') expect(lane).toBe(direct ? (request.again ?? 'replay') : 'fast');
      // Another case may have had the same document validated, or the same result recorded.
      else if (round === 'cached') expect(direct ? ['direct', 'replay'] : ['fast']).toContain(lane);
      else expect(['fast', 'direct', 'replay']).toContain(lane);
      expect(laneOf(yoga, id)).toBe('yoga');
      // The operation's name, upstream requests, cache hits and error codes alike.
      expect(logged(fast, id)).toEqual(logged(yoga, id));
    }
  });
}

describe('HTTP_FAST_LANE answers as yoga does, byte for byte', () => {
  compareLanes({}, REQUESTS);
});

describe('HTTP_FAST_LANE with PERSISTED_OPERATIONS_MODE=off: a hash alone is yoga’s', () => {
  compareLanes({ env: { PERSISTED_OPERATIONS_MODE: 'off' } }, [
    post('a hash alone', 'yoga', { variables: APQ_VARIABLES, extensions: persisted(APQ_HASH) }),
    post('a document with its hash', 'yoga', {
      query: APQ_DOCUMENT,
      variables: APQ_VARIABLES,
      extensions: persisted(APQ_HASH),
    }),
    post('a plain query', 'fast', { query: SMALL }),
  ]);
});

describe('HTTP_FAST_LANE when building the context fails (AUTH_MODE=service, its credential unreadable)', () => {
  compareLanes(
    {
      env: { AUTH_MODE: 'service' },
      serviceCredential: () => Promise.reject(new Error('the token file went away')),
    },
    [
      // Never validated (the context fails first), so never run directly.
      post('a query', 'fast', { query: SMALL }, { cached: 'fast' }),
      post('a batch', 'yoga', [{ query: SMALL }]),
    ],
  );
});

describe('HTTP_FAST_LANE with CORS_ORIGINS: the CORS headers and Vary as yoga sends them', () => {
  const allowed = 'https://console.example';
  compareLanes({ env: { CORS_ORIGINS: allowed } }, [
    post('no Origin', 'fast', { query: SMALL }),
    post('an error without Origin', 'fast', { query: '{ nope }' }, { cached: 'fast' }),
    post('an allowed Origin', 'fast', { query: SMALL }, { headers: { Origin: allowed } }),
    post(
      'an allowed Origin and an error',
      'fast',
      { query: '{ nope }' },
      { headers: { Origin: allowed }, cached: 'fast' },
    ),
    post(
      'another Origin',
      'fast',
      { query: SMALL },
      { headers: { Origin: 'https://evil.example' } },
    ),
    {
      name: 'a preflight',
      lane: 'yoga',
      method: 'OPTIONS',
      headers: {
        Origin: allowed,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, authorization',
      },
    },
  ]);
});

describe('HTTP_DIRECT_EXECUTION=false, and GRAPHQL_JIT=false: every query through yoga’s pipeline', () => {
  const requests = [
    post('a query', 'fast', { query: SMALL }, { cached: 'fast' }),
    post(
      'extensions.stats asked for',
      'fast',
      { query: SMALL },
      {
        headers: { 'X-Gateway-Stats': '1' },
        cached: 'fast',
      },
    ),
  ];
  describe('HTTP_DIRECT_EXECUTION=false', () => {
    compareLanes({ env: { HTTP_DIRECT_EXECUTION: 'false' } }, requests);
  });
  describe('GRAPHQL_JIT=false', () => {
    compareLanes({ env: { GRAPHQL_JIT: 'false' } }, requests);
  });
});

describe('HTTP_FAST_LANE with CORS_ORIGINS=*: any Origin gets yoga’s CORS headers', () => {
  compareLanes({ env: { CORS_ORIGINS: '*' } }, [
    post('an Origin', 'fast', { query: SMALL }, { headers: { Origin: 'https://any.example' } }),
    post('no Origin', 'fast', { query: SMALL }),
  ]);
});
