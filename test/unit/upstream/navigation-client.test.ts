/**
 * The navigation calls of the upstream client over a MockAgent: paths and query parameters, the
 * shape checks on real and synthesized examples, and the error mapping (410 on a list is
 * CURSOR_EXPIRED, a selector 400 is BAD_USER_INPUT, a missing stream is NOT_FOUND).
 */
import type { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import type { OpenShiftClient } from '../../../src/upstream/client.js';
import { exampleFixture } from '../../support/fixtures.js';
import { rejectionOf } from '../../support/rejection.js';
import { BASE_URL, TOKEN, mockUpstreamPerTest } from '../../support/upstream-mock.js';

/** An example document (file name with `.json`), as a fresh copy. */
const example = (name: string): Record<string, unknown> =>
  exampleFixture(name.replace(/\.json$/, ''));

const NS = '/apis/image.openshift.io/v1/namespaces/demo';
const json = { headers: { 'content-type': 'application/json' } };
const credential = { token: TOKEN };

let agent: MockAgent;
let client: OpenShiftClient;
// No retries: one answer, one mapping (retries are in resilience.test.ts).
mockUpstreamPerTest((a, c) => {
  agent = a;
  client = c;
});

const status = (code: number, reason: string, kind?: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'User "system:serviceaccount:x:y" said something that must never reach a client',
  reason,
  ...(kind === undefined ? {} : { details: { name: 'x', group: 'image.openshift.io', kind } }),
  code,
});

describe('listImageStreams', () => {
  it('sends limit, continue and both selectors as query parameters and decodes the page', async () => {
    const stream = example('imagestream-multiarch-with-history.synthesized.json');
    const { kind: _kind, apiVersion: _apiVersion, ...item } = stream;
    agent
      .get(BASE_URL)
      .intercept({
        path: `${NS}/imagestreams?labelSelector=app%3Dweb&fieldSelector=metadata.name%21%3Dx&limit=2&continue=tok%2Fen`,
        method: 'GET',
      })
      .reply(
        200,
        {
          kind: 'ImageStreamList',
          apiVersion: 'image.openshift.io/v1',
          metadata: { resourceVersion: '42', continue: 'next', remainingItemCount: 7 },
          items: [item],
        },
        json,
      );
    const page = await client.listImageStreams(
      {
        namespace: 'demo',
        limit: 2,
        continue: 'tok/en',
        labelSelector: 'app=web',
        fieldSelector: 'metadata.name!=x',
      },
      credential,
    );
    expect(page.metadata).toEqual({
      resourceVersion: '42',
      continue: 'next',
      remainingItemCount: 7,
    });
    expect(page.items).toHaveLength(1);
  });

  it('reads an empty continue and null items as the last, empty page', async () => {
    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreams`, method: 'GET' })
      .reply(200, { kind: 'ImageStreamList', metadata: { continue: '' }, items: null }, json);
    const page = await client.listImageStreams({ namespace: 'demo' }, credential);
    expect(page.metadata.continue).toBeUndefined();
    expect(page.items).toEqual([]);
  });

  it('maps 410 Expired to CURSOR_EXPIRED and a selector 400 to BAD_USER_INPUT, without upstream text', async () => {
    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreams?limit=1&continue=old`, method: 'GET' })
      .reply(410, status(410, 'Expired'), json);
    const expired = await rejectionOf(
      client.listImageStreams({ namespace: 'demo', limit: 1, continue: 'old' }, credential),
    );
    expect(expired.code).toBe('CURSOR_EXPIRED');
    expect(expired.message).not.toContain('system:serviceaccount');

    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreams?fieldSelector=spec.tags%3Dx`, method: 'GET' })
      .reply(400, status(400, 'BadRequest'), json);
    const bad = await rejectionOf(
      client.listImageStreams({ namespace: 'demo', fieldSelector: 'spec.tags=x' }, credential),
    );
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.message).toMatch(/fieldSelector/);
    expect(JSON.stringify(bad.details)).not.toContain('system:serviceaccount');
  });
});

describe('getImageStream', () => {
  it.each([
    'imagestream-multiarch-with-history.synthesized.json',
    'imagestream-no-history.real.json',
    'imagestream-tag-history.openshift-docs.json',
  ])('decodes %s', async (file) => {
    const body = example(file);
    // The 3.x docs example is from the /oapi era (`apiVersion: v1`), which the group API never sends.
    if (body.apiVersion === 'v1') body.apiVersion = 'image.openshift.io/v1';
    const name = (body.metadata as { name: string }).name;
    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreams/${name}`, method: 'GET' })
      .reply(200, body, json);
    const stream = await client.getImageStream({ namespace: 'demo', name }, credential);
    expect(stream.metadata.name).toBe(name);
  });

  it('answers NOT_FOUND naming the stream, and 410 on a single GET is not a cursor error', async () => {
    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreams/nope`, method: 'GET' })
      .reply(404, status(404, 'NotFound', 'imagestreams'), json);
    const missing = await rejectionOf(
      client.getImageStream({ namespace: 'demo', name: 'nope' }, credential),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe('Image stream "nope" in namespace "demo" was not found.');

    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreams/gone`, method: 'GET' })
      .reply(410, status(410, 'Expired'), json);
    const gone = await rejectionOf(
      client.getImageStream({ namespace: 'demo', name: 'gone' }, credential),
    );
    expect(gone.code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it.each([
    ['a wrong kind', (b: Record<string, unknown>) => (b.kind = 'ImageStreamTag'), 'kind'],
    [
      'a tag event without its digest',
      (b: Record<string, unknown>) => {
        const tags = (b.status as { tags: { items: Record<string, unknown>[] }[] }).tags;
        delete tags[0]!.items[0]!.image;
      },
      'status.tags[0].items[0].image',
    ],
    [
      'spec tags that are not a list',
      (b: Record<string, unknown>) => ((b.spec as Record<string, unknown>).tags = {}),
      'spec.tags',
    ],
  ])(
    'refuses a body with %s as UPSTREAM_BAD_RESPONSE naming the field',
    async (_what, mutate, field) => {
      const body = example('imagestream-multiarch-with-history.synthesized.json');
      mutate(body);
      const name = (body.metadata as { name: string }).name;
      agent
        .get(BASE_URL)
        .intercept({ path: `${NS}/imagestreams/${name}`, method: 'GET' })
        .reply(200, body, json);
      const error = await rejectionOf(
        client.getImageStream({ namespace: 'demo', name }, credential),
      );
      expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
      expect(String(error.details.problem)).toContain(field);
    },
  );
});

describe('getImageStreamTag', () => {
  it('GETs <stream>:<tag> with a literal colon and decodes the istag', async () => {
    const body = example('imagestreamtag-local-reference-policy.synthesized.json');
    const [stream, tag] = (body.metadata as { name: string }).name.split(':') as [string, string];
    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreamtags/${stream}:${tag}`, method: 'GET' })
      .reply(200, body, json);
    const istag = await client.getImageStreamTag({ namespace: 'demo', stream, tag }, credential);
    expect(istag.image.metadata.name).toMatch(/^sha256:/);
  });

  it('answers NOT_FOUND for a tag without an image', async () => {
    agent
      .get(BASE_URL)
      .intercept({ path: `${NS}/imagestreamtags/app:next`, method: 'GET' })
      .reply(404, status(404, 'NotFound', 'imagestreamtags'), json);
    const error = await rejectionOf(
      client.getImageStreamTag({ namespace: 'demo', stream: 'app', tag: 'next' }, credential),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('ImageStreamTag "app:next" in namespace "demo" was not found.');
  });
});
