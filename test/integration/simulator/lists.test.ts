import { describe, expect, it } from 'vitest';

import { DEMO, type Simulator } from '../../../src/simulator/index.js';
import { apiPath, fetchRaw, forbiddenStatus, simulatorFor } from '../../support/simulator-http.js';

const { catalog, demo } = DEMO.namespaces;
const LIST = `/apis/image.openshift.io/v1/namespaces/${catalog}/imagestreams`;

interface ListBody {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { kind?: string; metadata: { name: string; resourceVersion: string } }[];
}

let sim: Simulator;
let now: number;

simulatorFor(
  'each',
  (started) => {
    sim = started;
  },
  () => {
    now = 1_800_000_000_000;
    return { clock: () => now, historyWindow: 5 };
  },
);

const list = async (query: string, user = 'developer', path = LIST) => {
  const res = await fetchRaw(sim.url, `${path}${query === '' ? '' : `?${query}`}`, {
    token: sim.token(user),
  });
  return { status: res.status, text: res.text, body: res.json() as unknown as ListBody };
};

const decode = (token: string): unknown =>
  JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));

/** Follows continue tokens from the first page; returns every page. */
async function allPages(limit: number, extra = ''): Promise<ListBody[]> {
  const pages: ListBody[] = [];
  let next: string | undefined;
  do {
    const q = `limit=${limit}${extra}${next === undefined ? '' : `&continue=${encodeURIComponent(next)}`}`;
    const page = await list(q);
    expect(page.status).toBe(200);
    pages.push(page.body);
    next = page.body.metadata.continue;
  } while (next !== undefined);
  return pages;
}

describe('GET imagestreams (list)', () => {
  it('lists every stream of a namespace sorted by name, as compact JSON with TypeMeta only at the top', async () => {
    const res = await list('');
    expect(res.status).toBe(200);
    expect(res.text.endsWith('}\n')).toBe(true);
    expect(res.body.kind).toBe('ImageStreamList');
    expect(res.body.apiVersion).toBe('image.openshift.io/v1');
    expect(Object.keys(res.body.metadata)).toStrictEqual(['resourceVersion']);
    expect(res.body.metadata.resourceVersion).toBe(sim.resourceVersion);
    expect(res.body.items.map((i) => i.metadata.name)).toStrictEqual(DEMO.catalog.streams);
    expect(res.body.items.every((i) => i.kind === undefined)).toBe(true);
    expect(DEMO.catalog.streams.length).toBeGreaterThanOrEqual(30);
  });

  it('pages with limit and continue: exact tokens, remainingItemCount, none on the last page', async () => {
    const pages = await allPages(10);
    expect(pages.map((p) => p.items.length)).toStrictEqual([10, 10, 10, 3]);
    expect(pages.flatMap((p) => p.items.map((i) => i.metadata.name))).toStrictEqual(
      DEMO.catalog.streams,
    );
    const rv = Number(sim.resourceVersion);
    expect(pages.map((p) => p.metadata.remainingItemCount)).toStrictEqual([23, 13, 3, undefined]);
    expect(decode(pages[0]?.metadata.continue ?? '')).toStrictEqual({
      v: 'meta.k8s.io/v1',
      rv,
      start: `${DEMO.catalog.streams[9]}\u0000`,
    });
    expect(pages[0]?.metadata.continue).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Object.keys(pages[3]?.metadata ?? {})).toStrictEqual(['resourceVersion']);
    expect(new Set(pages.map((p) => p.metadata.resourceVersion))).toStrictEqual(
      new Set([String(rv)]),
    );
  });

  it('serves every page from the first page resourceVersion (a consistent snapshot)', async () => {
    const first = await list('limit=5');
    const rv = first.body.metadata.resourceVersion;
    sim.deleteStream(catalog, 'service-10');
    sim.pushImage(catalog, 'service-05', 'latest');
    const second = await list(`limit=30&continue=${first.body.metadata.continue ?? ''}`);
    expect(second.body.metadata.resourceVersion).toBe(rv);
    const names = second.body.items.map((i) => i.metadata.name);
    expect(names).toContain('service-10');
    const s05 = second.body.items.find((i) => i.metadata.name === 'service-05');
    expect(s05?.metadata.resourceVersion).not.toBe(sim.resourceVersion);
    const fresh = await list('');
    expect(fresh.body.items.map((i) => i.metadata.name)).not.toContain('service-10');
    expect(Number(fresh.body.metadata.resourceVersion)).toBe(Number(rv) + 2);
  });

  it('answers an expired continue token with the exact 410 Expired and a fresh token that continues at the latest', async () => {
    const first = await list('limit=10');
    sim.expireContinueTokens();
    const expired = await fetchRaw(
      sim.url,
      `${LIST}?limit=10&continue=${first.body.metadata.continue ?? ''}`,
      {
        token: sim.token('developer'),
      },
    );
    expect(expired.status).toBe(410);
    const fresh = expired.json() as { metadata: { continue: string } };
    expect(decode(fresh.metadata.continue)).toStrictEqual({
      v: 'meta.k8s.io/v1',
      rv: -1,
      start: `${DEMO.catalog.streams[9]}\u0000`,
    });
    expect(expired.text).toBe(
      `{"kind":"Status","apiVersion":"v1","metadata":{"continue":"${fresh.metadata.continue}"},"status":"Failure","message":"The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.","reason":"Expired","code":410}\n`,
    );
    sim.deleteStream(catalog, 'service-20');
    const resumed = await list(`limit=100&continue=${fresh.metadata.continue}`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.metadata.resourceVersion).toBe(sim.resourceVersion);
    expect(resumed.body.items.map((i) => i.metadata.name)).toStrictEqual(
      DEMO.catalog.streams.slice(10).filter((n) => n !== 'service-20'),
    );
    // A new first page hands out working tokens again.
    const again = await list('limit=10');
    expect((await list(`limit=10&continue=${again.body.metadata.continue ?? ''}`)).status).toBe(
      200,
    );
  });

  it('expires continue tokens by age (clock) and by history window (mutations)', async () => {
    const first = await list('limit=10');
    now += 299_000;
    expect((await list(`limit=10&continue=${first.body.metadata.continue ?? ''}`)).status).toBe(
      200,
    );
    now += 2_000;
    expect((await list(`limit=10&continue=${first.body.metadata.continue ?? ''}`)).status).toBe(
      410,
    );

    const page = await list('limit=10');
    for (let i = 0; i < 5; i += 1) sim.setStreamAnnotations(demo, 'app', { n: String(i) });
    expect((await list(`limit=10&continue=${page.body.metadata.continue ?? ''}`)).status).toBe(200);
    sim.setStreamAnnotations(demo, 'app', { n: 'past the window' });
    const gone = await list(`limit=10&continue=${page.body.metadata.continue ?? ''}`);
    expect(gone.status).toBe(410);
    expect(gone.body).toHaveProperty('reason', 'Expired');
  });

  it('filters by labelSelector; with a selector remainingItemCount is absent but continue stays', async () => {
    const shop = await list(
      `labelSelector=${encodeURIComponent('app.kubernetes.io/part-of=shop')}`,
    );
    expect(shop.body.items.map((i) => i.metadata.name)).toStrictEqual(
      ['frontend', ...DEMO.catalog.partOfShop].sort(),
    );
    const pages = await allPages(
      4,
      `&labelSelector=${encodeURIComponent('tier in (backend),team!=a')}`,
    );
    expect(pages.every((p) => p.metadata.remainingItemCount === undefined)).toBe(true);
    expect(pages[0]?.metadata.continue).toBeDefined();
    const names = pages.flatMap((p) => p.items.map((i) => i.metadata.name));
    const expected = DEMO.catalog.streams.filter((n) => {
      const i = Number(n.slice('service-'.length));
      return n.startsWith('service-') && i % 2 === 1 && i % 3 !== 0;
    });
    expect(names).toStrictEqual(expected);
    const notShop = await list(`labelSelector=${encodeURIComponent('!app.kubernetes.io/part-of')}`);
    expect(notShop.body.items).toHaveLength(16);
  });

  it('filters by the four ImageStream field selectors', async () => {
    const one = await list('fieldSelector=metadata.name%3Dfrontend');
    expect(one.body.items.map((i) => i.metadata.name)).toStrictEqual(['frontend']);
    const repo = await list(
      `fieldSelector=${encodeURIComponent('status.dockerImageRepository=image-registry.openshift-image-registry.svc:5000/catalog/service-03')}`,
    );
    expect(repo.body.items.map((i) => i.metadata.name)).toStrictEqual(['service-03']);
    const others = await list(
      `fieldSelector=${encodeURIComponent('metadata.name!=frontend,metadata.namespace==catalog')}`,
    );
    expect(others.body.items).toHaveLength(DEMO.catalog.streams.length - 1);
    expect((await list('fieldSelector=spec.dockerImageRepository%3D')).body.items).toHaveLength(33);
  });

  it.each([
    [
      'fieldSelector=spec.tags%3Dx',
      '"spec.tags" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      `fieldSelector=${encodeURIComponent('metadata.name in (a)')}`,
      "invalid selector: 'metadata.name in (a)'; can't understand 'metadata.name in (a)'",
    ],
    [
      `labelSelector=${encodeURIComponent('tier in frontend')}`,
      "unable to parse requirement: found 'frontend' expected: '('",
    ],
    [`labelSelector=${encodeURIComponent('tier=a,')}`, "found '', expected: identifier after ','"],
    [
      `labelSelector=${encodeURIComponent('-bad=x')}`,
      `unable to parse requirement: <nil>: Invalid value: "-bad": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ],
    [
      'resourceVersion=5&continue=abc',
      'specifying resource version is not allowed when using continue',
    ],
  ])('rejects %s with the exact 400 BadRequest', async (query, message) => {
    const res = await fetchRaw(sim.url, `${LIST}?${query}`, { token: sim.token('developer') });
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      `${JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message,
        reason: 'BadRequest',
        code: 400,
      })
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')}\n`,
    );
  });

  it('reads at an exact resourceVersion with limit, and 410s once it is compacted', async () => {
    const before = sim.resourceVersion;
    sim.deleteStream(catalog, 'frontend');
    const old = await list(`limit=50&resourceVersion=${before}`);
    expect(old.body.metadata.resourceVersion).toBe(before);
    expect(old.body.items.map((i) => i.metadata.name)).toContain('frontend');
    const notOlder = await list(`resourceVersion=${before}`);
    expect(notOlder.body.items.map((i) => i.metadata.name)).not.toContain('frontend');
    sim.compact();
    const gone = await fetchRaw(sim.url, `${LIST}?limit=50&resourceVersion=${before}`, {
      token: sim.token('developer'),
    });
    expect(gone.status).toBe(410);
    expect(gone.text).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"The resourceVersion for the provided list is too old.","reason":"Expired","code":410}\n',
    );
    const future = await list(`resourceVersion=${Number(sim.resourceVersion) + 10}`);
    expect(future.status).toBe(504);
    expect(future.body).toHaveProperty('details.retryAfterSeconds', 1);
  });

  it('forbids the list to a user without the namespace, naming the list verb', async () => {
    const res = await fetchRaw(sim.url, LIST, { token: sim.token('teamb') });
    expect(res.status).toBe(403);
    expect(res.json()).toStrictEqual(
      forbiddenStatus(
        'imagestreams.image.openshift.io is forbidden: User "teamb" cannot list resource "imagestreams" in API group "image.openshift.io" in the namespace "catalog"',
        { group: 'image.openshift.io', kind: 'imagestreams' },
      ),
    );
  });
});

describe('the demo data for navigation', () => {
  it('has a stream with history newest first, spec-only, status-only and failed-import tags', async () => {
    const res = await fetchRaw(sim.url, apiPath(catalog, 'imagestreams', 'frontend'), {
      token: sim.token('developer'),
    });
    const stream = res.json() as {
      spec: { tags: { name: string }[] };
      status: {
        tags: {
          tag: string;
          items: { image: string; created: string }[] | null;
          conditions?: { type: string; status: string; message: string }[];
        }[];
      };
    };
    const status = new Map(stream.status.tags.map((t) => [t.tag, t]));
    const spec = new Set(stream.spec.tags.map((t) => t.name));
    expect(status.get('latest')?.items?.map((i) => i.image)).toStrictEqual(
      DEMO.catalog.frontendLatestHistory,
    );
    const created = status.get('latest')?.items?.map((i) => Date.parse(i.created)) ?? [];
    expect([...created].sort((a, b) => b - a)).toStrictEqual(created);
    expect(spec.has('next') && !status.has('next')).toBe(true);
    expect(!spec.has('hotfix') && status.has('hotfix')).toBe(true);
    expect(status.get('nightly')?.items?.[0]?.image).toBe(DEMO.catalog.nightly);
    expect(status.get('nightly')?.conditions).toMatchObject([
      { type: 'ImportSuccess', status: 'False', message: DEMO.catalog.failedImportMessage },
    ]);
    expect(status.get('broken')?.items).toBeNull();
  });
});

describe('viewer-streams-only', () => {
  const user = DEMO.users.viewerStreamsOnly;

  it('reads image streams (list and get) but gets the exact 403 on imagestreamimages and imagestreamtags', async () => {
    expect((await list('', user)).status).toBe(200);
    const stream = await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'ubuntu'), {
      token: sim.token(user),
    });
    expect(stream.status).toBe(200);
    const isi = await fetchRaw(
      sim.url,
      apiPath(demo, 'imagestreamimages', `ubuntu@${DEMO.digests.amd64}`),
      { token: sim.token(user) },
    );
    expect(isi.status).toBe(403);
    expect(isi.headers['x-content-type-options']).toBe('nosniff');
    expect(isi.text).toBe(
      `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"imagestreamimages.image.openshift.io \\"ubuntu@${DEMO.digests.amd64}\\" is forbidden: User \\"viewer-streams-only\\" cannot get resource \\"imagestreamimages\\" in API group \\"image.openshift.io\\" in the namespace \\"demo\\"","reason":"Forbidden","details":{"name":"ubuntu@${DEMO.digests.amd64}","group":"image.openshift.io","kind":"imagestreamimages"},"code":403}\n`,
    );
    const istag = await fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', 'ubuntu:latest'), {
      token: sim.token(user),
    });
    expect(istag.status).toBe(403);
    expect(istag.json()).toHaveProperty('details.kind', 'imagestreamtags');
  });
});

describe('request log', () => {
  it('counts list GETs, stream GETs, istag GETs and ISI GETs separately', async () => {
    sim.requests.reset();
    const token = sim.token('developer');
    await list('limit=3');
    await list('');
    await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'ubuntu'), { token });
    await fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', 'ubuntu:latest'), { token });
    await fetchRaw(sim.url, apiPath(demo, 'imagestreamtags', 'app:latest'), { token });
    await fetchRaw(sim.url, apiPath(demo, 'imagestreamimages', `ubuntu@${DEMO.digests.amd64}`), {
      token,
    });
    const c = (verb: string, resource: string) => sim.requests.count({ verb, resource });
    expect(c('list', 'imagestreams')).toBe(2);
    expect(c('get', 'imagestreams')).toBe(1);
    expect(c('get', 'imagestreamtags')).toBe(2);
    expect(c('get', 'imagestreamimages')).toBe(1);
    const listEntry = sim.requests.entries().find((e) => e.verb === 'list');
    expect(listEntry?.query).toBe('limit=3');
  });
});

describe('GET imagestreamtags (list), with its upstream quirks', () => {
  const ISTAGS = `/apis/image.openshift.io/v1/namespaces/${catalog}/imagestreamtags`;
  interface TagList {
    kind: string;
    metadata: Record<string, unknown>;
    items: {
      metadata: { name: string; resourceVersion: string };
      tag: unknown;
      image: Record<string, unknown>;
    }[];
  }
  const tags = async (query: string) => {
    const res = await fetchRaw(sim.url, `${ISTAGS}${query === '' ? '' : `?${query}`}`, {
      token: sim.token('developer'),
    });
    return { status: res.status, body: res.json() as unknown as TagList };
  };

  it('lists one item per status tag with history, a thin image, and an empty ListMeta', async () => {
    const { status, body } = await tags('');
    expect(status).toBe(200);
    expect(body.kind).toBe('ImageStreamTagList');
    expect(body.metadata).toStrictEqual({});
    const frontend = body.items
      .map((i) => i.metadata.name)
      .filter((n) => n.startsWith('frontend:'));
    // next is spec-only (never listed), broken never imported (items: null).
    expect(frontend).toStrictEqual(['frontend:hotfix', 'frontend:latest', 'frontend:nightly']);
    expect(body.items).toHaveLength(3 + 32);
    const latest = body.items.find((i) => i.metadata.name === 'frontend:latest');
    const digest = DEMO.catalog.frontendLatestHistory[0] ?? '';
    expect(Object.keys(latest?.image ?? {})).toStrictEqual([
      'metadata',
      'dockerImageReference',
      'dockerImageMetadata',
    ]);
    expect(latest?.image.metadata).toStrictEqual({ name: digest, creationTimestamp: null });
    expect(String(latest?.image.dockerImageReference)).toMatch(new RegExp(`@${digest}$`));
    expect(latest?.image.dockerImageMetadata).toBeNull();
    expect(body.items.find((i) => i.metadata.name === 'frontend:hotfix')?.tag).toBeNull();
  });

  it('applies limit to the streams underneath and returns no continue token', async () => {
    const { body } = await tags('limit=2');
    expect(body.metadata).toStrictEqual({});
    // The first two streams are frontend (3 listed tags) and service-00 (1 tag).
    expect(body.items.map((i) => i.metadata.name)).toStrictEqual([
      'frontend:hotfix',
      'frontend:latest',
      'frontend:nightly',
      'service-00:latest',
    ]);
  });

  it('matches a field selector on metadata.name against the streams, so an istag name finds nothing', async () => {
    expect(
      (await tags('fieldSelector=metadata.name%3Dfrontend%3Alatest')).body.items,
    ).toStrictEqual([]);
  });

  it('refuses watch=1 with 405: imagestreamtags are not watchable', async () => {
    const res = await fetchRaw(sim.url, `${ISTAGS}?watch=1`, { token: sim.token('developer') });
    expect(res.status).toBe(405);
    expect(res.json()).toHaveProperty(
      'message',
      'watch is not supported on resources of kind "imagestreamtags.image.openshift.io"',
    );
  });
});
