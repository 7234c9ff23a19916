/**
 * No secret or upstream text reaches a client or a log: every error scenario of errors.test.ts and
 * successful queries (cold and from the cache) run with recognisable tokens, and every response
 * (body and headers) and every log line (debug level) is searched for the tokens, `Bearer`, the
 * simulator's address, and the API server's own message texts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../../src/simulator/index.js';
import type { Stack } from '../../support/stack.js';
import {
  ERROR_SCENARIOS,
  runScenario,
  startScenarioStack,
  type CallerIdentities,
  type CallerTokens,
} from '../../support/error-scenarios.js';

const { demo } = DEMO.namespaces;
const d = DEMO.digests;

/** Tokens nobody could mistake for anything else (valid bearer-token characters). */
const IDENTITIES: CallerIdentities = {
  reader: { name: 'canary-reader', token: 'sha256~CANARYreaderTOKEN0123456789abcdefghijklmnopq' },
  unknownToken: 'sha256~CANARYunknownTOKEN0123456789abcdefghijklmnop',
  revoked: { name: 'canary-leaver', token: 'sha256~CANARYrevokedTOKEN0123456789abcdefghijklmnop' },
};

/**
 * The API server's own texts (Status messages and plain-text bodies, as the simulator sends them
 * for the scenarios), none of which the gateway may pass on.
 */
const UPSTREAM_TEXTS = [
  'is forbidden: User',
  'User "teamb"',
  'system:anonymous',
  'could not find the requested resource',
  'Too many requests, please try again later',
  'service unavailable',
  'Internal error occurred',
  'unexpected end of JSON input',
  'could not be completed at this time',
  'imagestreams.image.openshift.io "',
  'imagestreamimage.image.openshift.io "',
  'images.image.openshift.io "',
];

/**
 * The gateway's own instruction to a caller without a token names the header format: a literal
 * placeholder, written by us, carrying no credential. It is the one place the word may appear
 * (in the response, and in the debug line that logs the error answered to the client).
 */
const BEARER_INSTRUCTION = 'Authorization: Bearer <token>';

interface Secrets {
  readonly tokens: readonly string[];
  readonly simulatorUrl: string;
}

/** What of the secrets and upstream texts `text` contains; empty when it is clean. */
function findLeaks(text: string, secrets: Secrets): string[] {
  const found: string[] = [];
  for (const token of secrets.tokens) {
    // The whole token, and its secret part without the `sha256~` prefix.
    if (text.includes(token) || text.includes(token.replace(/^sha256~/, ''))) {
      found.push(`token ${token.slice(0, 14)}…`);
    }
  }
  if (/bearer/i.test(text.split(BEARER_INSTRUCTION).join(''))) found.push('the word Bearer');
  const { host, port } = new URL(secrets.simulatorUrl);
  for (const address of [secrets.simulatorUrl, host, `localhost:${port}`, `port":${port}`]) {
    if (text.includes(address)) found.push(`the simulator address ${address}`);
  }
  for (const upstream of UPSTREAM_TEXTS) {
    if (text.includes(upstream)) found.push(`upstream text ${JSON.stringify(upstream)}`);
  }
  return found;
}

function secretsOf(stack: Stack, tokens: CallerTokens): Secrets {
  return { tokens: Object.values(tokens), simulatorUrl: stack.simulator.url };
}

const headersText = (headers: Headers): string => JSON.stringify([...headers.entries()]);

/** Every log line of the stack that leaks something, with what it leaks. */
function leakingLogLines(stack: Stack, secrets: Secrets): { line: string; leaks: string[] }[] {
  return stack
    .logs()
    .map((line) => ({ line, leaks: findLeaks(line, secrets) }))
    .filter((entry) => entry.leaks.length > 0);
}

describe('leak detector', () => {
  it('flags tokens, Bearer, the simulator address and upstream texts, and passes clean text', () => {
    const secrets: Secrets = {
      tokens: [IDENTITIES.reader.token],
      simulatorUrl: 'http://127.0.0.1:41234',
    };
    const secretPart = IDENTITIES.reader.token.replace('sha256~', '');
    expect(findLeaks(`{"authorization":"${IDENTITIES.reader.token}"}`, secrets)).toEqual([
      `token ${IDENTITIES.reader.token.slice(0, 14)}…`,
    ]);
    expect(findLeaks(`token=${secretPart}`, secrets)).toHaveLength(1);
    expect(findLeaks('Authorization: bearer [REDACTED]', secrets)).toEqual(['the word Bearer']);
    expect(findLeaks(`send ${BEARER_INSTRUCTION}`, secrets)).toEqual([]);
    expect(findLeaks(`send ${BEARER_INSTRUCTION} or Bearer x`, secrets)).toEqual([
      'the word Bearer',
    ]);
    expect(findLeaks('GET http://127.0.0.1:41234/apis failed', secrets)).toHaveLength(2);
    expect(findLeaks('{"port":41234}', secrets)).toHaveLength(1);
    expect(findLeaks('imagestreams.image.openshift.io "nosuch" not found', secrets)).toEqual([
      'upstream text "imagestreams.image.openshift.io \\""',
    ]);
    expect(findLeaks('service unavailable\n', secrets)).toHaveLength(1);
    expect(
      findLeaks('{"message":"The OpenShift image API is currently unavailable"}', secrets),
    ).toEqual([]);
  });
});

describe('no secret or upstream text reaches a client or a log', () => {
  let shared: { stack: Stack; tokens: CallerTokens };
  beforeAll(async () => {
    shared = await startScenarioStack(IDENTITIES);
  });
  afterAll(() => shared.stack.close());

  for (const scenario of ERROR_SCENARIOS) {
    it(`leaks nothing when it ${scenario.title}`, async () => {
      const own =
        scenario.ownStack || scenario.env !== undefined
          ? await startScenarioStack(IDENTITIES, scenario.env)
          : undefined;
      const { stack, tokens } = own ?? shared;
      try {
        const linesBefore = stack.logs().length;
        const run = await runScenario(stack, scenario, tokens);
        // The scenario happened as errors.test.ts describes it (not, say, a validation error).
        expect((run.result.errors ?? []).map((e) => e.extensions?.['code'])).toContain(
          scenario.code,
        );
        const secrets = secretsOf(stack, tokens);
        expect(findLeaks(run.bodyText, secrets)).toEqual([]);
        expect(findLeaks(headersText(run.result.headers), secrets)).toEqual([]);
        // The request was logged (at debug), so the log check below inspects something.
        expect(stack.logs().length).toBeGreaterThan(linesBefore);
        expect(leakingLogLines(stack, secrets)).toEqual([]);
      } finally {
        await own?.stack.close();
      }
    });
  }

  it('leaks nothing on successful queries, cold and from the cache', async () => {
    const cached = await startScenarioStack(IDENTITIES, { CACHE_ACCESS_TTL_SECONDS: '30' });
    try {
      for (const [i, { stack, tokens }] of [shared, cached, cached].entries()) {
        const result = await stack.query(
          `{
            list: imageStreamImage(namespace: "${demo}", name: "ubuntu@${d.manifestList}") {
              metadata { name annotations { key value } }
              image {
                digest dockerImageReference dockerImageMetadataRaw
                dockerImageManifests { digest image { digest signatures { metadata { name } content verificationState } } }
              }
            }
            many: imageStreamImages(namespace: "${demo}", names: ["python@${d.python}", "python-app@${d.ociPushed}"]) {
              image { digest metadata { labels { key value } annotations { key value } } }
            }
          }`,
          { token: tokens.reader, headers: { 'x-gateway-stats': '1' } },
        );
        expect(result.errors).toBeUndefined();
        // The last query is the warm repeat: served from the cache, not upstream.
        if (i === 2) expect(result.extensions?.['stats']).toMatchObject({ upstreamRequests: 0 });
        const { status: _status, headers, ...body } = result;
        const secrets = secretsOf(stack, tokens);
        expect(findLeaks(JSON.stringify(body), secrets)).toEqual([]);
        expect(findLeaks(headersText(headers), secrets)).toEqual([]);
        expect(leakingLogLines(stack, secrets)).toEqual([]);
      }
    } finally {
      await cached.stack.close();
    }
  });
});
