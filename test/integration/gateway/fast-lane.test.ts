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
}

const json = (value: unknown): string => JSON.stringify(value);
const JSON_TYPE = { 'Content-Type': 'application/json' };

const REQUESTS: WireRequest[] = [
  ...GATEWAY_CASES.map((c): WireRequest => ({
    name: c.name,
    lane: 'fast',
    headers: JSON_TYPE,
    body: json(c.body),
    ...(c.user === undefined ? {} : { user: c.user }),
  })),
  {
    name: 'operationName picks one',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ query: TWO_OPERATIONS, operationName: 'List' }),
  },
  {
    name: 'an unknown operationName',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ query: TWO_OPERATIONS, operationName: 'Nope' }),
  },
  {
    name: 'null variables and operationName',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ query: SMALL, variables: null, operationName: null, extensions: null }),
  },
  {
    name: 'charset=utf-8, Accept */*',
    lane: 'fast',
    headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: '*/*' },
    body: json({ query: SMALL }),
  },
  {
    name: 'Accept: application/json',
    lane: 'fast',
    headers: { ...JSON_TYPE, Accept: 'application/json' },
    body: json({ query: SMALL }),
  },
  {
    name: 'a syntax error',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ query: '{ imageStreamImage(' }),
  },
  {
    name: 'a validation error',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ query: '{ nope }' }),
  },
  { name: 'no token', lane: 'fast', headers: JSON_TYPE, body: json({ query: SMALL }), user: null },
  {
    name: 'extensions.stats asked for',
    lane: 'fast',
    headers: { ...JSON_TYPE, 'X-Gateway-Stats': '1' },
    body: json({ query: SMALL }),
  },
  {
    name: 'a chunked body',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ query: SMALL }),
    chunked: true,
  },
  {
    name: 'more aliases than the limit',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({
      query: `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    }),
  },
  {
    name: 'a batch',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json([{ query: SMALL }, { query: '{ nope }' }]),
  },
  {
    name: 'a persisted query by hash (APQ)',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({
      extensions: {
        persistedQuery: {
          version: 1,
          sha256Hash: createHash('sha256').update(SMALL).digest('hex'),
        },
      },
    }),
  },
  {
    name: 'APQ: a document registered with its hash',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ query: APQ_DOCUMENT, variables: APQ_VARIABLES, extensions: persisted(APQ_HASH) }),
  },
  {
    name: 'APQ: the registered hash alone',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ variables: APQ_VARIABLES, extensions: persisted(APQ_HASH) }),
  },
  {
    name: 'APQ: the registered hash, operationName and a null query',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({
      query: null,
      operationName: 'Apq',
      variables: APQ_VARIABLES,
      extensions: persisted(APQ_HASH),
    }),
  },
  {
    name: 'APQ: the registered hash without its variables',
    lane: 'fast',
    headers: JSON_TYPE,
    body: json({ extensions: persisted(APQ_HASH) }),
  },
  {
    name: 'APQ: the registered hash in upper case',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ variables: APQ_VARIABLES, extensions: persisted(APQ_HASH.toUpperCase()) }),
  },
  {
    name: 'APQ: the registered hash at version 2',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ variables: APQ_VARIABLES, extensions: persisted(APQ_HASH, 2) }),
  },
  {
    name: 'APQ: the registered hash beside another extension',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({
      variables: APQ_VARIABLES,
      extensions: { ...persisted(APQ_HASH), tracing: true },
    }),
  },
  {
    name: 'APQ: the registered hash with its document again',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ query: APQ_DOCUMENT, variables: APQ_VARIABLES, extensions: persisted(APQ_HASH) }),
  },
  { name: 'query is not a string', lane: 'yoga', headers: JSON_TYPE, body: json({ query: 5 }) },
  { name: 'an empty query', lane: 'yoga', headers: JSON_TYPE, body: json({ query: '' }) },
  { name: 'no query', lane: 'yoga', headers: JSON_TYPE, body: json({}) },
  {
    name: 'an unknown parameter',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ query: SMALL, extra: 1 }),
  },
  {
    name: 'variables that are a list',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ query: SMALL, variables: [1] }),
  },
  { name: 'a body that is not JSON', lane: 'yoga', headers: JSON_TYPE, body: '{"query": ' },
  { name: 'a JSON string body', lane: 'yoga', headers: JSON_TYPE, body: json('{ __typename }') },
  { name: 'an empty body', lane: 'yoga', headers: JSON_TYPE, body: '' },
  {
    name: 'Accept: application/graphql-response+json',
    lane: 'yoga',
    headers: { ...JSON_TYPE, Accept: 'application/graphql-response+json' },
    body: json({ query: '{ nope }' }),
  },
  {
    name: 'a text/plain body',
    lane: 'yoga',
    headers: { 'Content-Type': 'text/plain' },
    body: json({ query: SMALL }),
    user: null,
  },
  {
    name: 'a subscription',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({
      query: `subscription { imageStreamChanged(namespace: "${demo}", name: "python") { type } }`,
    }),
  },
  {
    name: 'a query string on the path',
    lane: 'yoga',
    path: '/graphql?x=1',
    headers: JSON_TYPE,
    body: json({ query: SMALL }),
  },
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
  {
    name: 'a body over MAX_REQUEST_BODY_BYTES',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ query: SMALL, variables: { pad: 'x'.repeat(2_000_000) } }),
  },
  {
    name: 'a chunked body over MAX_REQUEST_BODY_BYTES',
    lane: 'yoga',
    headers: JSON_TYPE,
    body: json({ query: SMALL, variables: { pad: 'x'.repeat(2_000_000) } }),
    chunked: true,
  },
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
  it.each(requests)('$name (cold, then cached): $lane lane', async (request) => {
    for (const round of ['cold', 'cached']) {
      const id = `lane-${(n += 1)}-${round}`;
      const a = await rawExchange(fast.url, wire(fast, request, id));
      const b = await rawExchange(yoga.url, wire(yoga, request, id));
      expect(a).toMatch(/^HTTP\/1\.1 \d{3} /);
      expect(withoutDate(a)).toBe(withoutDate(b));
      expect(laneOf(fast, id)).toBe(request.lane);
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
    {
      name: 'a hash alone',
      lane: 'yoga',
      headers: JSON_TYPE,
      body: json({ variables: APQ_VARIABLES, extensions: persisted(APQ_HASH) }),
    },
    {
      name: 'a document with its hash',
      lane: 'yoga',
      headers: JSON_TYPE,
      body: json({
        query: APQ_DOCUMENT,
        variables: APQ_VARIABLES,
        extensions: persisted(APQ_HASH),
      }),
    },
    { name: 'a plain query', lane: 'fast', headers: JSON_TYPE, body: json({ query: SMALL }) },
  ]);
});

describe('HTTP_FAST_LANE when building the context fails (AUTH_MODE=service, its credential unreadable)', () => {
  compareLanes(
    {
      env: { AUTH_MODE: 'service' },
      serviceCredential: () => Promise.reject(new Error('the token file went away')),
    },
    [
      { name: 'a query', lane: 'fast', headers: JSON_TYPE, body: json({ query: SMALL }) },
      { name: 'a batch', lane: 'yoga', headers: JSON_TYPE, body: json([{ query: SMALL }]) },
    ],
  );
});

describe('HTTP_FAST_LANE with CORS_ORIGINS: the CORS headers and Vary as yoga sends them', () => {
  const allowed = 'https://console.example';
  compareLanes({ env: { CORS_ORIGINS: allowed } }, [
    { name: 'no Origin', lane: 'fast', headers: JSON_TYPE, body: json({ query: SMALL }) },
    {
      name: 'an error without Origin',
      lane: 'fast',
      headers: JSON_TYPE,
      body: json({ query: '{ nope }' }),
    },
    {
      name: 'an allowed Origin',
      lane: 'fast',
      headers: { ...JSON_TYPE, Origin: allowed },
      body: json({ query: SMALL }),
    },
    {
      name: 'an allowed Origin and an error',
      lane: 'fast',
      headers: { ...JSON_TYPE, Origin: allowed },
      body: json({ query: '{ nope }' }),
    },
    {
      name: 'another Origin',
      lane: 'fast',
      headers: { ...JSON_TYPE, Origin: 'https://evil.example' },
      body: json({ query: SMALL }),
    },
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

describe('HTTP_FAST_LANE with CORS_ORIGINS=*: any Origin gets yoga’s CORS headers', () => {
  compareLanes({ env: { CORS_ORIGINS: '*' } }, [
    {
      name: 'an Origin',
      lane: 'fast',
      headers: { ...JSON_TYPE, Origin: 'https://any.example' },
      body: json({ query: SMALL }),
    },
    { name: 'no Origin', lane: 'fast', headers: JSON_TYPE, body: json({ query: SMALL }) },
  ]);
});
