import { describe, expect, it } from 'vitest';
import type { MockAgent } from 'undici';
import type { ErrorCode } from '../../../src/errors/codes.js';
import type { GatewayError } from '../../../src/errors/gateway-error.js';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import {
  FIXTURE_REF,
  STATUS_FIXTURE_NAMES,
  TOKEN,
  mockUpstreamPerTest,
  statusFixture,
  type StatusFixture,
  atFixturePath,
  replyStatus,
} from '../../support/upstream-mock.js';
import { rejectionOf } from '../../support/rejection.js';

let agent: MockAgent;
let client: OpenShiftClient;
// No retries: one answer, one mapping (retries are in resilience.test.ts).
mockUpstreamPerTest((a, c) => {
  agent = a;
  client = c;
});

const replyWith = (fixture: StatusFixture): void => replyStatus(agent, fixture);

/** The error of one call for the fixture image. */
const failure = (): Promise<GatewayError> =>
  rejectionOf(client.getImageStreamImage(FIXTURE_REF, { token: TOKEN }));

interface Expectation {
  code: ErrorCode;
  reason?: string;
  resource?: string;
  retryAfterSeconds?: number;
}

const expectations: Record<string, Expectation> = {
  '400-isimage-malformed-name.synthesized': { code: 'BAD_USER_INPUT', reason: 'BadRequest' },
  '400-istag-malformed-name.synthesized': { code: 'BAD_USER_INPUT', reason: 'BadRequest' },
  '401-unauthorized.synthesized': { code: 'UNAUTHENTICATED', reason: 'Unauthorized' },
  '403-forbidden-isimage.synthesized': {
    code: 'FORBIDDEN',
    reason: 'Forbidden',
    resource: 'imagestreamimages',
  },
  '404-isimage-digest-not-in-stream.synthesized': {
    code: 'NOT_FOUND',
    reason: 'NotFound',
    resource: 'imagestreamimage',
  },
  '404-isimage-image-object-deleted.synthesized': {
    code: 'NOT_FOUND',
    reason: 'NotFound',
    resource: 'images',
  },
  '404-isimage-stream-not-found.synthesized': {
    code: 'NOT_FOUND',
    reason: 'NotFound',
    resource: 'imagestreams',
  },
  '404-istag-tag-has-no-image.synthesized': {
    code: 'NOT_FOUND',
    reason: 'NotFound',
    resource: 'imagestreamtags',
  },
  '404-notfound-core-with-headers.real': {
    code: 'NOT_FOUND',
    reason: 'NotFound',
    resource: 'configmaps',
  },
  // No details.kind: the route is missing, i.e. the image API is not served.
  '404-unknown-path.real': { code: 'UPSTREAM_UNAVAILABLE', reason: 'NotFound' },
  '409-isimage-ambiguous-prefix.legacy.synthesized': {
    code: 'BAD_USER_INPUT',
    reason: 'Conflict',
    resource: 'imagestreamimage',
  },
  '429-apf-plaintext.synthesized': { code: 'RATE_LIMITED', retryAfterSeconds: 1 },
  '429-toomanyrequests-status.synthesized': {
    code: 'RATE_LIMITED',
    reason: 'TooManyRequests',
    retryAfterSeconds: 1,
  },
  '500-internal-error.synthesized': { code: 'UPSTREAM_UNAVAILABLE', reason: 'InternalError' },
  '500-servertimeout-layer-index-not-synced.synthesized': {
    code: 'UPSTREAM_UNAVAILABLE',
    reason: 'ServerTimeout',
    resource: 'imagestreams',
    retryAfterSeconds: 2,
  },
  '503-aggregator-plaintext.synthesized': { code: 'UPSTREAM_UNAVAILABLE' },
  '503-serviceunavailable-status.synthesized': {
    code: 'UPSTREAM_UNAVAILABLE',
    reason: 'ServiceUnavailable',
  },
  '504-timeout.synthesized': { code: 'UPSTREAM_TIMEOUT', reason: 'Timeout' },
};

describe('Status and plain-text answers map to stable codes', () => {
  it('has an expectation for every fixture', () => {
    expect(Object.keys(expectations).sort()).toEqual([...STATUS_FIXTURE_NAMES].sort());
  });

  it.each(Object.entries(expectations))('%s', async (name, expected) => {
    const fixture = statusFixture(name);
    replyWith(fixture);
    const error = await failure();

    expect(error.name).toBe('GatewayError');
    expect(error.code).toBe(expected.code);
    expect(error.retryAfterSeconds).toBe(expected.retryAfterSeconds);
    expect(error.details).toEqual({
      httpStatus: fixture.statusCode,
      ...(expected.reason === undefined ? {} : { reason: expected.reason }),
      ...(expected.resource === undefined ? {} : { resource: expected.resource }),
      namespace: 'demo',
      name: 'ubuntu@sha256:1a06d68cb911',
    });

    // Nothing from the upstream body, the URL or the credential reaches the client or the logs.
    const upstreamMessage = /"message":"((?:[^"\\]|\\.)*)"/.exec(fixture.wire)?.[1];
    const exposed = JSON.stringify({
      message: error.message,
      details: error.details,
      cause: String(error.cause),
    });
    expect(exposed).not.toContain(TOKEN);
    expect(exposed).not.toContain('api.cluster.example.test');
    expect(exposed).not.toContain('system:');
    if (upstreamMessage !== undefined && upstreamMessage !== 'Unauthorized') {
      expect(exposed).not.toContain(upstreamMessage);
    }
    expect(exposed).not.toContain(fixture.wire.trim());
  });

  it('never names the upstream user of a 403', async () => {
    replyWith(statusFixture('403-forbidden-isimage.synthesized'));
    const error = await failure();
    expect(error.message).toBe(
      'The caller may not read ImageStreamImage "ubuntu@sha256:1a06d68cb911" in namespace "demo".',
    );
  });

  it('takes retryAfterSeconds from details when there is no Retry-After header', async () => {
    const fixture = statusFixture('429-toomanyrequests-status.synthesized');
    atFixturePath(agent).reply(
      429,
      fixture.wire.replace('"retryAfterSeconds":1', '"retryAfterSeconds":7'),
      {
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await failure();
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(7);
  });

  it.each([
    [502, 'Bad Gateway', 'UPSTREAM_UNAVAILABLE'],
    [500, '<html>oops</html>', 'UPSTREAM_UNAVAILABLE'],
    [504, 'gateway timeout', 'UPSTREAM_TIMEOUT'],
    [404, '404 page not found\n', 'UPSTREAM_UNAVAILABLE'],
    [301, '', 'UPSTREAM_BAD_RESPONSE'],
    [405, '{"kind":"Status","reason":"MethodNotAllowed","code":405}', 'UPSTREAM_BAD_RESPONSE'],
    [429, '', 'RATE_LIMITED'],
  ] as const)('maps HTTP %i with a non-Status body to %s', async (status, body, code) => {
    atFixturePath(agent).reply(status, body);
    const error = await failure();
    expect(error.code).toBe(code);
    expect(error.details.httpStatus).toBe(status);
    expect(error.message).not.toContain(body === '' ? '\u0000' : body);
  });
});
