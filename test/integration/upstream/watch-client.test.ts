/**
 * The upstream watch client against a tiny NDJSON server on port 0: the request it sends, events
 * split at every byte boundary, several events per chunk, 410 in the stream and as HTTP, and
 * errors before the stream.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNdjsonSplitter } from '../../../src/upstream/ndjson.js';
import {
  createImageStreamWatcher,
  type ImageStreamWatchEvent,
} from '../../../src/upstream/watch.js';
import { buildStream } from '../../support/watch-factories.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const lines = [
  JSON.stringify({ type: 'ADDED', object: buildStream({ rv: 11, tags: { latest: ['a'] } }) }),
  JSON.stringify({
    type: 'MODIFIED',
    object: buildStream({ rv: 12, tags: { latest: ['b', 'a'], 'naïve-ü': ['c'] } }),
  }),
  JSON.stringify({
    type: 'BOOKMARK',
    object: { kind: 'ImageStream', metadata: { resourceVersion: '15' } },
  }),
  JSON.stringify({
    type: 'ERROR',
    object: {
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
      message: 'too old resource version: 1 (15)',
    },
  }),
];
const body = Buffer.from(lines.map((line) => `${line}\n`).join(''));

async function collect(events: AsyncIterable<ImageStreamWatchEvent>): Promise<string[]> {
  const out: string[] = [];
  for await (const event of events) {
    out.push(
      event.type === 'BOOKMARK'
        ? `BOOKMARK ${event.resourceVersion}`
        : event.type === 'ERROR'
          ? `ERROR ${event.code ?? '?'}`
          : `${event.type} ${event.object.metadata.resourceVersion ?? '?'}`,
    );
  }
  return out;
}

describe('NDJSON splitting', () => {
  it('yields the same lines for every chunking of the body, multi-byte characters included', () => {
    const whole = createNdjsonSplitter(1 << 20).push(body);
    expect(whole).toHaveLength(4);
    for (let size = 1; size <= 7; size++) {
      const splitter = createNdjsonSplitter(1 << 20);
      const got: string[] = [];
      for (let i = 0; i < body.length; i += size)
        got.push(...splitter.push(body.subarray(i, i + size)));
      expect(got).toEqual(whole);
    }
  });

  it('refuses a line longer than its bound instead of buffering without end', () => {
    const splitter = createNdjsonSplitter(100);
    expect(() => splitter.push(Buffer.alloc(101, 0x61))).toThrow(/longer than 100 bytes/);
  });
});

describe('createImageStreamWatcher', () => {
  it('sends watch=1, the name field selector, bookmarks, timeoutSeconds and the version, with the bearer token', async () => {
    let seen: { url: string; auth: string | undefined } | undefined;
    const url = await serve((req, res) => {
      seen = { url: req.url ?? '', auth: req.headers.authorization };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    });
    const watcher = createImageStreamWatcher({ baseUrl: url });
    const events = await watcher.watch(
      { namespace: 'demo', name: 'ubuntu', resourceVersion: '42', timeoutSeconds: 321 },
      { token: 'sha256~tok' },
    );
    expect(await collect(events)).toEqual([]);
    await watcher.close();
    const parsed = new URL(seen?.url ?? '', url);
    expect(parsed.pathname).toBe('/apis/image.openshift.io/v1/namespaces/demo/imagestreams');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      watch: '1',
      fieldSelector: 'metadata.name=ubuntu',
      allowWatchBookmarks: 'true',
      timeoutSeconds: '321',
      resourceVersion: '42',
    });
    expect(seen?.auth).toBe('Bearer sha256~tok');
  });

  it('decodes events written one byte per flush', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let i = 0;
      const next = (): void => {
        if (i >= body.length) {
          res.end();
          return;
        }
        res.write(body.subarray(i, i + 1), next);
        i += 1;
      };
      next();
    });
    const watcher = createImageStreamWatcher({ baseUrl: url });
    const events = await watcher.watch(
      { namespace: 'ns', name: 's', timeoutSeconds: 5 },
      { token: 't' },
    );
    expect(await collect(events)).toEqual(['ADDED 11', 'MODIFIED 12', 'BOOKMARK 15', 'ERROR 410']);
    await watcher.close();
  });

  it('turns an HTTP 410 into an ERROR 410 event and 401/403 into coded errors before any event', async () => {
    const statuses = [410, 401, 403, 503];
    const url = await serve((_req, res) => {
      const status = statuses.shift() ?? 500;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: status }),
      );
    });
    const watcher = createImageStreamWatcher({ baseUrl: url });
    const request = { namespace: 'ns', name: 's', timeoutSeconds: 5 };
    expect(await collect(await watcher.watch(request, { token: 't' }))).toEqual(['ERROR 410']);
    await expect(watcher.watch(request, { token: 't' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(watcher.watch(request, { token: 't' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(watcher.watch(request, { token: 't' })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
    await watcher.close();
  });

  it('reports a connection cut mid-stream as UPSTREAM_UNAVAILABLE after the events before it', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`${lines[0] ?? ''}\n${(lines[1] ?? '').slice(0, 20)}`, () => res.destroy());
    });
    const watcher = createImageStreamWatcher({ baseUrl: url });
    const events = await watcher.watch(
      { namespace: 'ns', name: 's', timeoutSeconds: 5 },
      { token: 't' },
    );
    const got: string[] = [];
    await expect(
      (async () => {
        for await (const event of events) got.push(event.type);
      })(),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(got).toEqual(['ADDED']);
    await watcher.close();
  });

  it('refuses a line that is not a watch event as UPSTREAM_BAD_RESPONSE', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"ImageStreamList","items":[]}\n');
    });
    const watcher = createImageStreamWatcher({ baseUrl: url });
    const events = await watcher.watch(
      { namespace: 'ns', name: 's', timeoutSeconds: 5 },
      { token: 't' },
    );
    await expect(collect(events)).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    await watcher.close();
  });
});
