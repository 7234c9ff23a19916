import { request as httpRequest, type IncomingMessage } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { DEMO, type Simulator } from '../../../src/simulator/index.js';
import {
  DEMO_STREAM_NAMES,
  apiPath,
  fetchRaw,
  simulatorFor,
} from '../../support/simulator-http.js';

const { demo, catalog } = DEMO.namespaces;

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    metadata: { name?: string; resourceVersion: string; annotations?: Record<string, string> };
    status?: {
      tags?: {
        tag: string;
        items: { image: string }[] | null;
        conditions?: { type: string; status: string; message: string }[];
      }[];
    };
    code?: number;
    reason?: string;
    message?: string;
  };
}

/** A streaming watch client: buffers chunks and splits on newlines, never one chunk = one event. */
interface Watch {
  status: number;
  headers: IncomingMessage['headers'];
  /** The raw lines received so far (each ending in \n). */
  lines: string[];
  next(): Promise<WatchEvent>;
  /** Resolves when the server ends the stream ('end') or it errors ('error'). */
  ended: Promise<'end' | 'error'>;
  close(): void;
}

function openWatch(
  sim: Simulator,
  query: string,
  token: string,
  namespace: string = demo,
): Promise<Watch> {
  const url = new URL(
    `${sim.url}/apis/image.openshift.io/v1/namespaces/${namespace}/imagestreams?${query}`,
  );
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const lines: string[] = [];
      const queue: WatchEvent[] = [];
      const waiters: ((e: WatchEvent) => void)[] = [];
      let buffer = '';
      let endedResolve: (v: 'end' | 'error') => void = () => {};
      const ended = new Promise<'end' | 'error'>((r) => {
        endedResolve = r;
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          const text = buffer.slice(0, nl + 1);
          buffer = buffer.slice(nl + 1);
          lines.push(text);
          const event = JSON.parse(text) as WatchEvent;
          const waiter = waiters.shift();
          if (waiter) waiter(event);
          else queue.push(event);
          nl = buffer.indexOf('\n');
        }
      });
      res.on('end', () => endedResolve('end'));
      res.on('error', () => endedResolve('error'));
      res.on('aborted', () => endedResolve('error'));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        lines,
        next: () => {
          const queued = queue.shift();
          if (queued) return Promise.resolve(queued);
          return new Promise((r) => waiters.push(r));
        },
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
    req.end();
  });
}

let sim: Simulator;
let token: string;
const watches: Watch[] = [];
const watch = async (query: string, t = token, namespace: string = demo) => {
  const w = await openWatch(sim, query, t, namespace);
  watches.push(w);
  return w;
};

simulatorFor(
  'each',
  (started) => {
    sim = started;
    token = started.token('developer');
  },
  () => ({ historyWindow: 20 }),
);
afterEach(() => {
  for (const w of watches.splice(0)) w.close();
});

const headOf = (event: WatchEvent, tag: string) =>
  event.object.status?.tags?.find((t) => t.tag === tag)?.items?.[0]?.image;

describe('watch: framing and starting points', () => {
  it('answers 200 application/json chunked, synthetic ADDEDs without a resourceVersion, then changes', async () => {
    const w = await watch('watch=1');
    expect(w.status).toBe(200);
    expect(w.headers['content-type']).toBe('application/json');
    expect(w.headers['transfer-encoding']).toBe('chunked');
    const names: string[] = [];
    for (let i = 0; i < DEMO_STREAM_NAMES.length; i += 1) {
      const e = await w.next();
      expect(e.type).toBe('ADDED');
      expect(e.object.kind).toBe('ImageStream');
      names.push(e.object.metadata.name ?? '');
    }
    expect(names).toStrictEqual(DEMO_STREAM_NAMES);
    const digest = sim.pushImage(demo, 'app', 'latest');
    const modified = await w.next();
    expect(modified.type).toBe('MODIFIED');
    expect(modified.object.metadata.name).toBe('app');
    expect(headOf(modified, 'latest')).toBe(digest);
    expect(modified.object.metadata.resourceVersion).toBe(sim.resourceVersion);
    expect(w.lines.every((l) => l.endsWith('}\n') && !l.includes('\n  '))).toBe(true);
  });

  it('starts exactly at a list resourceVersion with the name field selector: no ADDED burst, only that stream', async () => {
    const list = await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'app'), { token });
    const rv = (list.json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const w = await watch(`watch=1&resourceVersion=${rv}&fieldSelector=metadata.name%3Dapp`);
    sim.pushImage(demo, 'ubuntu', 'latest');
    sim.setStreamAnnotations(demo, 'app', {
      'openshift.io/image.dockerRepositoryCheck': '2026-01-01T00:00:00Z',
    });
    const e = await w.next();
    expect(e.type).toBe('MODIFIED');
    expect(e.object.metadata.name).toBe('app');
    expect(e.object.metadata.annotations).toStrictEqual({
      'openshift.io/image.dockerRepositoryCheck': '2026-01-01T00:00:00Z',
    });
    expect(headOf(e, 'latest')).toBe(DEMO.digests.appV3);
    expect(w.lines).toHaveLength(1);
  });

  it('replays the changes after an older resourceVersion that is still in the history', async () => {
    const rv = sim.resourceVersion;
    const pushed = sim.pushImage(demo, 'app', 'v1');
    sim.deleteStream(demo, 'bigdata');
    const w = await watch(`watch=1&resourceVersion=${rv}`);
    const first = await w.next();
    const second = await w.next();
    expect([first.type, headOf(first, 'v1')]).toStrictEqual(['MODIFIED', pushed]);
    expect([second.type, second.object.metadata.name]).toStrictEqual(['DELETED', 'bigdata']);
    expect(second.object.metadata.resourceVersion).toBe(sim.resourceVersion);
  });
});

describe('watch: mutations', () => {
  it('emits one event per mutation, each with a new resourceVersion, and list/get reflect them', async () => {
    const w = await watch(
      `watch=1&resourceVersion=${sim.resourceVersion}&fieldSelector=metadata.name%3Dapp`,
    );
    const rvs: string[] = [];

    const pushed = sim.pushImage(demo, 'app', 'latest');
    const push = await w.next();
    expect(
      push.object.status?.tags?.find((t) => t.tag === 'latest')?.items?.map((i) => i.image),
    ).toStrictEqual([pushed, DEMO.digests.appV3, DEMO.digests.appV2, DEMO.digests.appV1]);
    rvs.push(push.object.metadata.resourceVersion);
    const isi = await fetchRaw(sim.url, apiPath(demo, 'imagestreamimages', `app@${pushed}`), {
      token,
    });
    expect(isi.status).toBe(200);

    sim.tagImage(demo, 'app', 'v2', DEMO.digests.appV1);
    const moved = await w.next();
    expect(headOf(moved, 'v2')).toBe(DEMO.digests.appV1);
    rvs.push(moved.object.metadata.resourceVersion);

    expect(sim.removeTag(demo, 'app', 'v3')).toBe(true);
    const removed = await w.next();
    expect(removed.object.status?.tags?.map((t) => t.tag)).not.toContain('v3');
    rvs.push(removed.object.metadata.resourceVersion);

    sim.failImport(demo, 'app', 'v1', 'Internal error occurred: manifest unknown');
    const failed = await w.next();
    expect(failed.object.status?.tags?.find((t) => t.tag === 'v1')?.conditions).toMatchObject([
      {
        type: 'ImportSuccess',
        status: 'False',
        message: 'Internal error occurred: manifest unknown',
      },
    ]);
    expect(headOf(failed, 'v1')).toBe(DEMO.digests.appV1);
    rvs.push(failed.object.metadata.resourceVersion);

    const before = JSON.stringify(failed.object.status);
    sim.setStreamAnnotations(demo, 'app', { note: 'only annotations' });
    const annotated = await w.next();
    expect(annotated.type).toBe('MODIFIED');
    expect(JSON.stringify(annotated.object.status)).toBe(before);
    rvs.push(annotated.object.metadata.resourceVersion);

    expect(sim.deleteStream(demo, 'app')).toBe(true);
    const deleted = await w.next();
    expect(deleted.type).toBe('DELETED');
    rvs.push(deleted.object.metadata.resourceVersion);

    const numbers = rvs.map(Number);
    expect(numbers).toStrictEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(deleted.object.metadata.resourceVersion).toBe(sim.resourceVersion);
    expect((await fetchRaw(sim.url, apiPath(demo, 'imagestreams', 'app'), { token })).status).toBe(
      404,
    );
  });

  it('turns a selector transition into ADDED and DELETED', async () => {
    const w = await watch(
      `watch=1&resourceVersion=${sim.resourceVersion}&labelSelector=${encodeURIComponent('team=a')}`,
      token,
      catalog,
    );
    const res = await fetchRaw(sim.url, apiPath(catalog, 'imagestreams', 'service-01'), { token });
    const stream = res.json() as { metadata: { labels: Record<string, string> } };
    stream.metadata.labels.team = 'a';
    sim.putStream(stream as never);
    const added = await w.next();
    expect([added.type, added.object.metadata.name]).toStrictEqual(['ADDED', 'service-01']);
    stream.metadata.labels.team = 'z';
    sim.putStream(stream as never);
    const gone = await w.next();
    expect([gone.type, gone.object.metadata.name]).toStrictEqual(['DELETED', 'service-01']);
    expect(gone.object.metadata.resourceVersion).toBe(sim.resourceVersion);
  });
});

describe('watch: expiry, bookmarks, lifetime and knobs', () => {
  it('answers a resourceVersion older than the history with one ERROR event (410 Expired) and ends', async () => {
    const old = Number(sim.resourceVersion);
    for (let i = 0; i < 21; i += 1) sim.setStreamAnnotations(demo, 'app', { n: String(i) });
    const w = await watch(`watch=1&resourceVersion=${old}`);
    expect(w.status).toBe(200);
    expect(await w.ended).toBe('end');
    expect(w.lines).toStrictEqual([
      `{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: ${old} (${old + 1})","reason":"Expired","code":410}}\n`,
    ]);
  });

  it('forces the next watch to 410: as an ERROR event, or as an HTTP 410', async () => {
    sim.forceWatchExpired();
    const w = await watch(`watch=1&resourceVersion=${sim.resourceVersion}`);
    expect(await w.ended).toBe('end');
    expect(JSON.parse(w.lines[0] ?? '{}')).toMatchObject({
      type: 'ERROR',
      object: { code: 410, reason: 'Expired' },
    });
    sim.forceWatchExpired({ http: true });
    const http = await fetchRaw(
      sim.url,
      `/apis/image.openshift.io/v1/namespaces/${demo}/imagestreams?watch=1`,
      { token },
    );
    expect(http.status).toBe(410);
    expect(http.json()).toHaveProperty('reason', 'Expired');
    const normal = await watch(`watch=1&resourceVersion=${sim.resourceVersion}`);
    sim.pushImage(demo, 'app', 'latest');
    expect((await normal.next()).type).toBe('MODIFIED');
  });

  it('ends open watches mid-stream with an ERROR 410 on expireOpenWatches', async () => {
    const w = await watch(`watch=1&resourceVersion=${sim.resourceVersion}`);
    const other = await watch(`watch=1&resourceVersion=${sim.resourceVersion}`, sim.token('admin'));
    sim.pushImage(demo, 'app', 'latest');
    expect((await w.next()).type).toBe('MODIFIED');
    expect(sim.expireOpenWatches({ user: 'developer' })).toBe(1);
    const error = await w.next();
    expect(error).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    expect(await w.ended).toBe('end');
    expect(sim.openWatches()).toBe(1);
    expect((await other.next()).type).toBe('MODIFIED');
  });

  it('sends bookmarks (only resourceVersion, Go zero values) only to watches that allowed them', async () => {
    const rv = sim.resourceVersion;
    const withBookmarks = await watch(`watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`);
    const without = await watch(`watch=1&resourceVersion=${rv}`);
    sim.sendBookmark();
    await withBookmarks.next();
    expect(withBookmarks.lines[0]).toBe(
      `{"type":"BOOKMARK","object":{"kind":"ImageStream","apiVersion":"image.openshift.io/v1","metadata":{"resourceVersion":"${rv}","creationTimestamp":null},"spec":{"lookupPolicy":{"local":false}},"status":{"dockerImageRepository":""}}}\n`,
    );
    sim.pushImage(demo, 'app', 'latest');
    expect((await without.next()).type).toBe('MODIFIED');
    expect(without.lines).toHaveLength(1);
  });

  it('ends the stream after timeoutSeconds with no final event', async () => {
    const w = await watch(`watch=1&resourceVersion=${sim.resourceVersion}&timeoutSeconds=1`);
    expect(await w.ended).toBe('end');
    expect(w.lines).toStrictEqual([]);
    expect(sim.openWatches()).toBe(0);
  });

  it('drops open watches with a connection reset and counts them', async () => {
    const a = await watch(`watch=1&resourceVersion=${sim.resourceVersion}`);
    await watch(`watch=1&resourceVersion=${sim.resourceVersion}`, sim.token('admin'));
    expect(sim.openWatches()).toBe(2);
    expect(sim.openWatches({ user: 'developer' })).toBe(1);
    expect(sim.dropWatches({ user: 'developer' })).toBe(1);
    expect(await a.ended).toBe('error');
    expect(sim.openWatches()).toBe(1);
  });

  it('authorizes at the start only: 403 naming the selected stream, 401 after revocation while an open watch keeps streaming', async () => {
    const denied = await fetchRaw(
      sim.url,
      `/apis/image.openshift.io/v1/namespaces/${demo}/imagestreams?watch=1&fieldSelector=metadata.name%3Dapp`,
      { token: sim.token('teamb') },
    );
    expect(denied.status).toBe(403);
    expect(denied.json()).toHaveProperty(
      'message',
      'imagestreams.image.openshift.io "app" is forbidden: User "teamb" cannot watch resource "imagestreams" in API group "image.openshift.io" in the namespace "demo"',
    );
    const open = await watch(`watch=1&resourceVersion=${sim.resourceVersion}`);
    sim.revokeToken(token);
    sim.pushImage(demo, 'app', 'latest');
    expect((await open.next()).type).toBe('MODIFIED');
    const again = await fetchRaw(
      sim.url,
      `/apis/image.openshift.io/v1/namespaces/${demo}/imagestreams?watch=1`,
      { token },
    );
    expect(again.status).toBe(401);
    expect(sim.requests.count({ verb: 'watch', resource: 'imagestreams', status: 200 })).toBe(1);
  });

  it('rejects an unparsable resourceVersion before the stream starts', async () => {
    const res = await fetchRaw(
      sim.url,
      `/apis/image.openshift.io/v1/namespaces/${demo}/imagestreams?watch=true&resourceVersion=abc`,
      { token },
    );
    expect(res.status).toBe(422);
    expect(res.json()).toHaveProperty('reason', 'Invalid');
  });
});
