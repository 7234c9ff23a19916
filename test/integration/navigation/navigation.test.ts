/**
 * Stream navigation (issue #9) against the simulator on port 0, counting what reaches the API
 * server: pages, stream pages cold and warm, the three tag states, history order, expired cursors,
 * selectors, the query cost limit, and a caller who may read streams but not images.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GRAPHIQL_EXAMPLE_QUERIES, STREAM_PAGE_QUERY } from '../../../src/server/graphiql.js';
import { DEMO } from '../../../src/simulator/index.js';
import { startStack, type GraphQLResponse, type Stack } from '../../support/stack.js';

const { catalog } = DEMO.namespaces;
const { frontend } = DEMO.catalog;

let stack: Stack;
beforeEach(async () => {
  stack = await startStack();
});
afterEach(() => stack.close());

/** Every GET the simulator answered since the last reset, by resource and verb. */
function gets(resource?: string, verb?: string): number {
  return stack.simulator.requests.count({
    method: 'GET',
    ...(resource === undefined ? {} : { resource }),
    ...(verb === undefined ? {} : { verb }),
  });
}

interface Page {
  imageStreams: {
    edges: { cursor: string; node: { metadata: { name: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    remainingItemCount: number | null;
  };
}

const PAGE = `query Page($ns: String!, $first: Int, $after: String, $label: String, $field: String) {
  imageStreams(namespace: $ns, first: $first, after: $after, labelSelector: $label, fieldSelector: $field) {
    edges { cursor node { metadata { name } } }
    pageInfo { hasNextPage endCursor }
    remainingItemCount
  }
}`;

/** A console-style stream page: the details tab, the tags table, the history and each head image. */
const STREAM_PAGE = `query StreamPage($ns: String!, $name: String!) {
  imageStream(namespace: $ns, name: $name) {
    id
    metadata { name namespace creationTimestamp }
    dockerImageRepository publicDockerImageRepository lastUpdated
    importErrors { tag message }
    tags {
      name state lastUpdated pullSpec
      spec { from { kind name } importPolicy { importMode } referencePolicy { type } }
      importError { message }
      history { created image dockerImageReference }
      image { id digest dockerImageMetadata { Size Architecture } platforms { os architecture } }
    }
    timeline { created tag image }
  }
}`;

interface StreamPage {
  imageStream: {
    tags: {
      name: string;
      state: string;
      lastUpdated: string | null;
      importError: { message: string | null } | null;
      history: { created: string; image: string }[];
      image: { id: string; digest: string } | null;
    }[];
    timeline: { created: string; tag: string; image: string }[];
    importErrors: { tag: string; message: string | null }[];
  } | null;
}

describe('imageStreams paging', () => {
  it('walks every stream with first: 1, one list GET per page, each sent with limit=1', async () => {
    stack.simulator.requests.reset();
    const names: string[] = [];
    const remaining: (number | null)[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: GraphQLResponse<Page> = await stack.query<Page>(PAGE, {
        variables: { ns: catalog, first: 1, after },
      });
      expect(result.errors).toBeUndefined();
      const page = result.data!.imageStreams;
      pages += 1;
      expect(page.edges).toHaveLength(1);
      names.push(...page.edges.map((e) => e.node.metadata.name));
      remaining.push(page.remainingItemCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(100);
    }
    expect(names).toEqual(DEMO.catalog.streams);
    expect(pages).toBe(DEMO.catalog.streams.length);
    // One list GET per page, nothing else.
    expect(gets('imagestreams', 'list')).toBe(pages);
    expect(gets()).toBe(pages);
    const lists = stack.simulator.requests.entries().filter((e) => e.verb === 'list');
    expect(lists).toHaveLength(pages);
    for (const [i, entry] of lists.entries()) {
      const params = new URLSearchParams(entry.query ?? '');
      expect(params.get('limit')).toBe('1');
      expect(params.has('continue')).toBe(i > 0);
    }
    // The server's estimate, passed through: absent on the last page.
    expect(remaining[0]).toBe(DEMO.catalog.streams.length - 1);
    expect(remaining.at(-1)).toBeNull();
  });

  it('continues right after an edge from that edge cursor, in one list GET', async () => {
    const first = await stack.query<Page>(PAGE, { variables: { ns: catalog, first: 3 } });
    const middle = first.data!.imageStreams.edges[0]!.cursor;
    stack.simulator.requests.reset();
    const next = await stack.query<Page>(PAGE, {
      variables: { ns: catalog, first: 2, after: middle },
    });
    expect(next.errors).toBeUndefined();
    expect(next.data!.imageStreams.edges.map((e) => e.node.metadata.name)).toEqual(
      DEMO.catalog.streams.slice(1, 3),
    );
    expect(gets('imagestreams', 'list')).toBe(1);
  });

  it('answers CURSOR_EXPIRED for an expired continue token, and starting over works', async () => {
    const first = await stack.query<Page>(PAGE, { variables: { ns: catalog, first: 2 } });
    const after = first.data!.imageStreams.pageInfo.endCursor;
    stack.simulator.expireContinueTokens();
    stack.simulator.requests.reset();
    const expired = await stack.query<Page>(PAGE, { variables: { ns: catalog, first: 2, after } });
    expect(expired.data).toBeNull();
    expect(expired.errors?.map((e) => e.extensions?.code)).toEqual(['CURSOR_EXPIRED']);
    expect(expired.errors?.[0]?.path).toEqual(['imageStreams']);
    // The gateway asked once and did not retry a 410.
    expect(stack.simulator.requests.count({ verb: 'list', status: 410 })).toBe(1);
    const again = await stack.query<Page>(PAGE, { variables: { ns: catalog, first: 2 } });
    expect(again.data!.imageStreams.edges.map((e) => e.node.metadata.name)).toEqual(
      DEMO.catalog.streams.slice(0, 2),
    );
  });

  it('filters by label selector upstream, without remainingItemCount', async () => {
    const all = await stack.query<{
      imageStreams: { edges: { node: { metadata: { name: string; label: string | null } } }[] };
    }>(`{ imageStreams(namespace: "${catalog}", first: 100) {
      edges { node { metadata { name label(key: "app.kubernetes.io/part-of") } } }
    } }`);
    const shop = all
      .data!.imageStreams.edges.filter((e) => e.node.metadata.label === 'shop')
      .map((e) => e.node.metadata.name);
    expect(shop.length).toBeGreaterThanOrEqual(DEMO.catalog.partOfShop.length);
    stack.simulator.requests.reset();
    const result = await stack.query<Page>(PAGE, {
      variables: { ns: catalog, first: 100, label: 'app.kubernetes.io/part-of=shop' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.imageStreams.edges.map((e) => e.node.metadata.name)).toEqual(shop);
    const [entry] = stack.simulator.requests.entries().filter((e) => e.verb === 'list');
    expect(new URLSearchParams(entry?.query ?? '').get('labelSelector')).toBe(
      'app.kubernetes.io/part-of=shop',
    );
    expect(result.data!.imageStreams.remainingItemCount).toBeNull();
  });

  it('answers BAD_USER_INPUT for a selector the API server rejects', async () => {
    const result = await stack.query<Page>(PAGE, {
      variables: { ns: catalog, field: 'spec.tags=x' },
    });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(stack.simulator.requests.count({ verb: 'list', status: 400 })).toBe(1);
  });

  it('refuses a cursor of another selector, a malformed cursor and first above the maximum without any GET', async () => {
    const first = await stack.query<Page>(PAGE, { variables: { ns: catalog, first: 1 } });
    const after = first.data!.imageStreams.pageInfo.endCursor;
    stack.simulator.requests.reset();
    for (const variables of [
      { ns: catalog, first: 1, after, label: 'tier=web' },
      { ns: DEMO.namespaces.demo, first: 1, after },
      { ns: catalog, after: 'not-a-cursor!' },
      { ns: catalog, first: 101 },
      { ns: catalog, first: 0 },
    ]) {
      const result = await stack.query<Page>(PAGE, { variables });
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(gets()).toBe(0);
  });

  it('refuses, before any GET, a page whose selection could cause too many upstream reads', async () => {
    stack.simulator.requests.reset();
    const result = await stack.query(`{
      imageStreams(namespace: "${catalog}", first: 100) {
        edges { node { tags { image { digest } } } }
      }
    }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'MAX_QUERY_COST',
    });
    expect(gets()).toBe(0);
  });
});

describe('a stream page', () => {
  it('costs 1 ImageStream GET plus one ImageStreamImage GET per distinct digest cold, and 0 warm', async () => {
    stack.simulator.requests.reset();
    const cold = await stack.query<StreamPage>(STREAM_PAGE, {
      variables: { ns: catalog, name: frontend },
      headers: { 'x-gateway-stats': '1' },
    });
    expect(cold.errors).toBeUndefined();
    const stream = cold.data!.imageStream!;
    const heads = new Set(stream.tags.flatMap((t) => (t.image === null ? [] : [t.image.digest])));
    expect(heads.size).toBeGreaterThan(1);
    expect(gets('imagestreams', 'get')).toBe(1);
    expect(gets('imagestreamimages')).toBe(heads.size);
    expect(gets()).toBe(1 + heads.size);

    stack.simulator.requests.reset();
    const warm = await stack.query<StreamPage>(STREAM_PAGE, {
      variables: { ns: catalog, name: frontend },
      headers: { 'x-gateway-stats': '1' },
    });
    expect(warm.data).toEqual(cold.data);
    expect(gets()).toBe(0);
    expect(warm.extensions?.stats).toMatchObject({ upstreamRequests: 0 });
  });

  it('costs a new caller at most 2 upstream requests over images cached by someone else: their stream read and one access review', async () => {
    const warm = await stack.query<StreamPage>(STREAM_PAGE, {
      variables: { ns: catalog, name: frontend },
    });
    expect(warm.errors).toBeUndefined();

    stack.simulator.requests.reset();
    const admin = stack.simulator.token(DEMO.users.admin);
    const result = await stack.query<StreamPage>(STREAM_PAGE, {
      token: admin,
      variables: { ns: catalog, name: frontend },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual(warm.data);
    // Their own stream read proves which digests the stream lists; one review with their own
    // credential proves they may read images in the namespace. No image GET.
    expect(stack.simulator.requests.count({ resource: 'imagestreams', method: 'GET' })).toBe(1);
    expect(stack.simulator.requests.count({ resource: 'imagestreamimages' })).toBe(0);
    expect(stack.simulator.requests.count({})).toBeLessThanOrEqual(2);
    expect(stack.simulator.requests.count({ method: 'POST' })).toBe(1);
  });

  it('renders spec-only, status-only and both, import errors, and history newest first', async () => {
    const result = await stack.query<StreamPage>(STREAM_PAGE, {
      variables: { ns: catalog, name: frontend },
    });
    expect(result.errors).toBeUndefined();
    const tags = new Map(result.data!.imageStream!.tags.map((t) => [t.name, t]));
    expect(tags.get(DEMO.catalog.specOnlyTag)).toMatchObject({
      state: 'SPEC_ONLY',
      history: [],
      image: null,
      lastUpdated: null,
    });
    expect(tags.get(DEMO.catalog.statusOnlyTag)).toMatchObject({
      state: 'STATUS_ONLY',
      image: { digest: DEMO.catalog.hotfix },
    });
    const latest = tags.get('latest')!;
    expect(latest.state).toBe('BOTH');
    expect(latest.history.map((e) => e.image)).toEqual(DEMO.catalog.frontendLatestHistory);
    expect(latest.lastUpdated).toBe(latest.history[0]!.created);
    expect(tags.get(DEMO.catalog.failedImportTag)).toMatchObject({
      importError: { message: DEMO.catalog.failedImportMessage },
      image: { digest: DEMO.catalog.nightly },
    });
    expect(tags.get(DEMO.catalog.neverImportedTag)).toMatchObject({
      importError: { message: DEMO.catalog.neverImportedMessage },
      history: [],
      image: null,
    });
    expect(result.data!.imageStream!.importErrors.map((e) => e.tag).sort()).toEqual(
      [DEMO.catalog.failedImportTag, DEMO.catalog.neverImportedTag].sort(),
    );
    // Sorted by name, as the server sorts tags.
    const names = [...tags.keys()];
    expect(names).toEqual([...names].sort());
    // The timeline holds every event of every tag, newest first.
    const timeline = result.data!.imageStream!.timeline;
    const events = result.data!.imageStream!.tags.reduce((n, t) => n + t.history.length, 0);
    expect(timeline).toHaveLength(events);
    const times = timeline.map((e) => Date.parse(e.created));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('writes pull specs by referencePolicy: Local gives the registry repository at the digest', async () => {
    const result = await stack.query<{
      imageStream: {
        status: { dockerImageRepository: string };
        tags: {
          name: string;
          spec: { referencePolicy: { type: string } | null } | null;
          pullSpec: string | null;
          history: { image: string; dockerImageReference: string; pullSpec: string }[];
        }[];
      };
    }>(`{ imageStream(namespace: "${DEMO.namespaces.demo}", name: "${DEMO.streams.ubuntu}") {
      status { dockerImageRepository }
      tags { name spec { referencePolicy { type } } pullSpec history { image dockerImageReference pullSpec } }
    } }`);
    expect(result.errors).toBeUndefined();
    const stream = result.data!.imageStream;
    const local = stream.tags.filter((t) => t.spec?.referencePolicy?.type === 'Local');
    const source = stream.tags.filter(
      (t) => t.spec !== null && t.spec.referencePolicy?.type !== 'Local' && t.history.length > 0,
    );
    expect(local.length).toBeGreaterThan(0);
    for (const tag of local) {
      for (const event of tag.history) {
        expect(event.pullSpec).toBe(`${stream.status.dockerImageRepository}@${event.image}`);
      }
      expect(tag.pullSpec).toBe(tag.history[0]?.pullSpec ?? null);
    }
    for (const tag of source) {
      for (const event of tag.history) expect(event.pullSpec).toBe(event.dockerImageReference);
    }
  });

  it('reads an istag with its image as an Image, and NOT_FOUND for a spec-only tag', async () => {
    const result = await stack.query<{
      istag: { digest: string; image: { digest: string } } | null;
      specOnly: unknown;
    }>(`{
      istag: imageStreamTag(namespace: "${catalog}", name: "${frontend}:latest") { digest image { digest } }
      specOnly: imageStreamTag(namespace: "${catalog}", name: "${frontend}:${DEMO.catalog.specOnlyTag}") { digest }
    }`);
    expect(result.data!.istag).toEqual({
      digest: DEMO.catalog.frontendLatestHistory[0],
      image: { digest: DEMO.catalog.frontendLatestHistory[0] },
    });
    expect(result.data!.specOnly).toBeNull();
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['specOnly'], 'NOT_FOUND'],
    ]);
  });

  it('refuses malformed stream and istag names without any GET', async () => {
    stack.simulator.requests.reset();
    const result = await stack.query(`{
      a: imageStream(namespace: "${catalog}", name: "Bad/Name") { id }
      b: imageStreamTag(namespace: "${catalog}", name: "frontend") { id }
      c: imageStreamTag(namespace: "${catalog}", name: "frontend:a:b") { id }
      d: imageStreamTag(namespace: "${catalog}", name: "frontend@sha256:x") { id }
      e: imageStream(namespace: "Not_A_Namespace", name: "frontend") { id }
    }`);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(Array(5).fill('BAD_USER_INPUT'));
    expect(gets()).toBe(0);
  });
});

describe('reading a stream is not reading its images', () => {
  it('gives a streams-only caller the stream and FORBIDDEN per image, with nothing leaked from a warm cache', async () => {
    // Warm the cache for a caller who may read the images.
    const warm = await stack.query<StreamPage>(STREAM_PAGE, {
      variables: { ns: catalog, name: frontend },
    });
    expect(warm.errors).toBeUndefined();
    const heads = new Set(
      warm.data!.imageStream!.tags.flatMap((t) => (t.image === null ? [] : [t.image.digest])),
    );

    stack.simulator.requests.reset();
    const viewer = stack.simulator.token(DEMO.users.viewerStreamsOnly);
    const result = await stack.query<StreamPage>(STREAM_PAGE, {
      token: viewer,
      variables: { ns: catalog, name: frontend },
    });
    const stream = result.data!.imageStream!;
    expect(stream.tags.map((t) => t.name)).toEqual(warm.data!.imageStream!.tags.map((t) => t.name));
    expect(stream.tags.filter((t) => t.image !== null)).toEqual([]);
    const forbidden = (result.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
    expect(forbidden).toHaveLength(stream.tags.filter((t) => t.history.length > 0).length);
    expect(result.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    // The viewer's own credential asked for each image and was refused; nothing came from the cache.
    expect(stack.simulator.requests.count({ resource: 'imagestreamimages', status: 403 })).toBe(
      heads.size,
    );
    expect(stack.simulator.requests.count({ resource: 'imagestreamimages', status: 200 })).toBe(0);
    expect(JSON.stringify(result.data)).not.toContain('"digest"');
  });
});

describe('node ids', () => {
  it('round-trips every Node type through node(id:)', async () => {
    const first = await stack.query<{
      imageStream: {
        id: string;
        tags: {
          history: { imageStreamImage: { id: string; image: { id: string; digest: string } } }[];
        }[];
      };
      imageStreamTag: { id: string; digest: string };
    }>(`{
      imageStream(namespace: "${catalog}", name: "${frontend}") {
        id tags { history(first: 1) { imageStreamImage { id image { id digest } } } }
      }
      imageStreamTag(namespace: "${catalog}", name: "${frontend}:latest") { id digest }
    }`);
    expect(first.errors).toBeUndefined();
    const isi = first.data!.imageStream.tags.flatMap((t) => t.history)[0]!.imageStreamImage;
    const ids = [
      ['ImageStream', first.data!.imageStream.id],
      ['ImageStreamTag', first.data!.imageStreamTag.id],
      ['ImageStreamImage', isi.id],
      ['Image', isi.image.id],
    ] as const;
    for (const [typename, id] of ids) {
      const again = await stack.query<{ node: { __typename: string; id: string } }>(
        `query ($id: ID!) { node(id: $id) { __typename id } }`,
        { variables: { id } },
      );
      expect(again.errors).toBeUndefined();
      expect(again.data!.node).toEqual({ __typename: typename, id });
    }
  });

  it('gives one image reached through two streams and two namespaces one Image id', async () => {
    const admin = stack.simulator.token(DEMO.users.admin);
    const result = await stack.query<{
      a: { image: { id: string; digest: string }; id: string };
      b: { image: { id: string; digest: string }; id: string };
    }>(
      `{
        a: imageStreamImage(namespace: "${DEMO.namespaces.demo}", name: "${DEMO.streams.python}@${DEMO.digests.python}") { id image { id digest } }
        b: imageStreamImage(namespace: "${DEMO.namespaces.teamB}", name: "${DEMO.streams.teamBShared}@${DEMO.digests.python}") { id image { id digest } }
      }`,
      { token: admin },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.a.image.digest).toBe(result.data!.b.image.digest);
    expect(result.data!.a.image.id).toBe(result.data!.b.image.id);
    expect(result.data!.a.id).not.toBe(result.data!.b.id);
  });

  it('answers BAD_USER_INPUT for malformed ids without any GET', async () => {
    const forged = (parts: unknown): string =>
      Buffer.from(JSON.stringify(parts)).toString('base64url');
    stack.simulator.requests.reset();
    for (const id of [
      '',
      'not base64!',
      'bm90IGpzb24',
      forged(['Image', 'sha256:abc']),
      forged(['ImageStream', catalog]),
      forged(['ImageStream', 'Bad NS', 'x']),
      forged(['ImageStreamTag', catalog, 'no-colon']),
      forged(['Unknown', 'x']),
      forged({ type: 'Image' }),
    ]) {
      const result = await stack.query(`query ($id: ID!) { node(id: $id) { id } }`, {
        variables: { id },
      });
      expect(
        result.errors?.map((e) => e.extensions?.code),
        id,
      ).toEqual(['BAD_USER_INPUT']);
    }
    expect(gets()).toBe(0);
  });
});

describe('GraphiQL example tabs', () => {
  it('include the stream page, and every tab answers against the demo data without errors', async () => {
    expect(GRAPHIQL_EXAMPLE_QUERIES).toContain(STREAM_PAGE_QUERY);
    for (const query of GRAPHIQL_EXAMPLE_QUERIES) {
      const result = await stack.query(query);
      expect(result.errors, query.split('\n')[0]).toBeUndefined();
      expect(result.data).toBeTruthy();
    }
  });
});
