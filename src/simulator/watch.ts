/**
 * `GET .../namespaces/{ns}/imagestreams?watch=1`: the Kubernetes watch protocol as
 * kube-apiserver serves it (`docs/watch.md`): 200 with `Content-Type: application/json` and
 * chunked encoding, flushed before any event; one compact JSON `{"type","object"}` per line;
 * ADDED/MODIFIED/DELETED/BOOKMARK/ERROR; synthetic ADDEDs without a resourceVersion, replay
 * from the bounded history with one, an ERROR event with a 410 Expired Status when it is too
 * old; the stream simply ends after `timeoutSeconds`.
 */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { goJson } from './go-json.js';
import {
  SelectorError,
  parseLabelSelector,
  parseStreamFieldSelector,
  type FieldSelector,
  type LabelSelector,
} from './selectors.js';
import {
  IMAGE_GROUP,
  badRequest,
  tooLargeResourceVersion,
  watchTooOld,
  type StatusBody,
} from './status.js';
import { statusReply, type Store, type StreamEvent } from './store.js';
import type { ImageStreamResource } from './types.js';
import { orderImageStream, orderStatus } from './wire-order.js';

/** One watch request, after authentication and authorization. */
export interface WatchStart {
  user: string;
  namespace: string;
  query: URLSearchParams;
  pretty: boolean;
}

interface OpenWatch {
  readonly user: string;
  readonly namespace: string;
  readonly labels: LabelSelector;
  readonly fields: FieldSelector;
  readonly bookmarks: boolean;
  readonly res: ServerResponse;
  timer: NodeJS.Timeout | undefined;
}

/** `[minRequestTimeout, 2 x minRequestTimeout)` with kube-apiserver's default of 1800 s. */
const defaultTimeoutSeconds = (): number => 1800 * (1 + Math.random());

const typed = (stream: ImageStreamResource): Record<string, unknown> =>
  orderImageStream({ ...stream, kind: 'ImageStream', apiVersion: 'image.openshift.io/v1' });

/** A watch event line, byte for byte as the JSON framer writes it. */
const line = (type: string, object: unknown): string => goJson({ type, object });

/**
 * A BOOKMARK's object: an empty ImageStream carrying only the resourceVersion. Go writes the
 * empty struct with its always-emitted fields (`creationTimestamp: null`, the zero lookup policy
 * and repository), which `orderImageStream` reproduces.
 */
const bookmarkLine = (rv: number): string =>
  line(
    'BOOKMARK',
    typed({
      metadata: { resourceVersion: String(rv) },
      spec: {},
      status: { dockerImageRepository: '' },
    }),
  );

const invalidResourceVersion = (value: string): StatusBody => {
  const detail = `invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `imagestreams.${IMAGE_GROUP} "" is invalid: resourceVersion: Invalid value: ${JSON.stringify(value)}: ${detail}`,
    reason: 'Invalid',
    details: {
      group: IMAGE_GROUP,
      kind: 'imagestreams',
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
          field: 'resourceVersion',
        },
      ],
    },
    code: 422,
  };
};

/** The open watches of one simulator, fed by the store's stream events. */
export class WatchHub {
  readonly #watches = new Set<OpenWatch>();
  #forced: 'event' | 'http' | undefined;

  constructor(private readonly store: Store) {
    store.onEvent((event) => this.#deliver(event));
  }

  /** Starts a watch on `res`; returns the HTTP status sent (for the request log). */
  start(_req: IncomingMessage, res: ServerResponse, w: WatchStart): number {
    const fail = (body: StatusBody): number => {
      const r = statusReply(body, w.pretty);
      res.writeHead(r.status, {
        'Audit-Id': randomUUID(),
        'Cache-Control': 'no-cache, private',
        'Content-Type': r.contentType,
        'Content-Length': r.body.length,
        ...r.headers,
      });
      res.end(r.body);
      return r.status;
    };
    let labels: LabelSelector;
    let fields: FieldSelector;
    try {
      labels = parseLabelSelector(w.query.get('labelSelector') ?? '');
      fields = parseStreamFieldSelector(w.query.get('fieldSelector') ?? '');
    } catch (err) {
      if (err instanceof SelectorError) return fail(badRequest(err.message));
      throw err;
    }
    const rvText = w.query.get('resourceVersion') ?? '';
    let since: number | undefined;
    if (rvText !== '' && rvText !== '0') {
      if (!/^\d+$/.test(rvText) || !Number.isSafeInteger(Number(rvText))) {
        return fail(invalidResourceVersion(rvText));
      }
      since = Number(rvText);
    }
    const forced = this.#forced;
    this.#forced = undefined;
    if (forced === 'http') {
      return fail(watchTooOld(since ?? this.store.resourceVersion, this.store.resourceVersion));
    }

    res.writeHead(200, {
      'Audit-Id': randomUUID(),
      'Cache-Control': 'no-cache, private',
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    const errorAndEnd = (status: StatusBody): number => {
      res.end(line('ERROR', orderStatus(status)));
      return 200;
    };
    const current = this.store.resourceVersion;
    if (forced === 'event') {
      return errorAndEnd(watchTooOld(since ?? current, this.store.compactedResourceVersion));
    }
    const watch: OpenWatch = {
      user: w.user,
      namespace: w.namespace,
      labels,
      fields,
      bookmarks: ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(
        w.query.get('allowWatchBookmarks') ?? '',
      ),
      res,
      timer: undefined,
    };
    const matches = (s: ImageStreamResource | undefined): boolean =>
      s !== undefined && labels.matches(s.metadata.labels) && fields.matches(s);
    let initial = '';
    if (since === undefined) {
      // "Get state and start at most recent": a synthetic ADDED for every object, then changes.
      for (const stream of this.store.streamsAt(w.namespace) ?? []) {
        if (matches(stream)) initial += line('ADDED', typed(stream));
      }
    } else {
      if (since > current) return errorAndEnd(tooLargeResourceVersion(since, current));
      if (since < this.store.compactedResourceVersion) {
        return errorAndEnd(watchTooOld(since, this.store.compactedResourceVersion));
      }
      for (const event of this.store.eventsSince(since)) {
        initial += this.#render(watch, event);
      }
    }
    if (initial !== '') res.write(initial);
    const seconds = Number(w.query.get('timeoutSeconds') ?? '');
    const timeout = Number.isFinite(seconds) && seconds > 0 ? seconds : defaultTimeoutSeconds();
    watch.timer = setTimeout(() => this.#end(watch), timeout * 1000);
    watch.timer.unref();
    this.#watches.add(watch);
    const forget = (): void => {
      if (watch.timer) clearTimeout(watch.timer);
      this.#watches.delete(watch);
    };
    // The response's close fires when the client goes away (the request's fires once it is read).
    res.once('close', forget);
    return 200;
  }

  /** What one stored event looks like to one watch (with selector transitions), or ''. */
  #render(watch: OpenWatch, event: StreamEvent, memo?: Map<string, string>): string {
    if (!memo) return this.#renderUncached(watch, event);
    const key = this.#kind(watch, event);
    if (key === '') return '';
    let text = memo.get(key);
    if (text === undefined) {
      text = this.#renderUncached(watch, event);
      memo.set(key, text);
    }
    return text;
  }

  /** Which line a watch gets for an event ('' = none): the line depends only on this. */
  #kind(watch: OpenWatch, event: StreamEvent): string {
    if (event.namespace !== watch.namespace) return '';
    const passes = (s: ImageStreamResource | undefined): boolean =>
      s !== undefined && watch.labels.matches(s.metadata.labels) && watch.fields.matches(s);
    if (event.type === 'DELETED') return passes(event.prev) ? 'deleted' : '';
    const now = passes(event.object);
    const before = passes(event.prev);
    return now && before ? 'modified' : now ? 'added' : before ? 'left' : '';
  }

  #renderUncached(watch: OpenWatch, event: StreamEvent): string {
    if (event.namespace !== watch.namespace) return '';
    const passes = (s: ImageStreamResource | undefined): boolean =>
      s !== undefined && watch.labels.matches(s.metadata.labels) && watch.fields.matches(s);
    const rv = String(event.rv);
    if (event.type === 'DELETED') {
      return passes(event.prev) ? line('DELETED', typed(event.object)) : '';
    }
    const now = passes(event.object);
    const before = passes(event.prev);
    if (now && before) return line('MODIFIED', typed(event.object));
    if (now) return line('ADDED', typed(event.object));
    if (before && event.prev) {
      // Left the selector: DELETED with the previous content at the event's resourceVersion.
      return line(
        'DELETED',
        typed({ ...event.prev, metadata: { ...event.prev.metadata, resourceVersion: rv } }),
      );
    }
    return '';
  }

  #deliver(event: StreamEvent): void {
    // Serialise each distinct line once per event, however many watches receive it.
    const memo = new Map<string, string>();
    for (const watch of this.#watches) {
      const text = this.#render(watch, event, memo);
      if (text !== '' && !watch.res.destroyed) watch.res.write(text);
    }
  }

  #end(watch: OpenWatch): void {
    if (watch.timer) clearTimeout(watch.timer);
    this.#watches.delete(watch);
    // The stream just ends: no final event (docs/watch.md, "Lifetime").
    if (!watch.res.destroyed) watch.res.end();
  }

  /** The next watch request answers 410 Expired: an ERROR event, or with `http` an HTTP 410. */
  forceExpired(http: boolean): void {
    this.#forced = http ? 'http' : 'event';
  }

  /**
   * Ends the open watches (of one user, or all) with an ERROR event carrying a 410 Expired
   * Status, as a watch whose position fell out of the history ends mid-stream; returns how many.
   */
  expireOpen(user?: string): number {
    let n = 0;
    const text = line(
      'ERROR',
      orderStatus(
        watchTooOld(this.store.compactedResourceVersion, this.store.compactedResourceVersion),
      ),
    );
    for (const watch of [...this.#watches]) {
      if (user !== undefined && watch.user !== user) continue;
      if (watch.timer) clearTimeout(watch.timer);
      this.#watches.delete(watch);
      if (!watch.res.destroyed) watch.res.end(text);
      n += 1;
    }
    return n;
  }

  /** Sends a BOOKMARK at the current resourceVersion to every watch that allowed bookmarks. */
  bookmark(): void {
    const text = bookmarkLine(this.store.resourceVersion);
    for (const watch of this.#watches) {
      if (watch.bookmarks && !watch.res.destroyed) watch.res.write(text);
    }
  }

  /** Resets the connections of the open watches (of one user, or all); returns how many. */
  drop(user?: string): number {
    let n = 0;
    for (const watch of [...this.#watches]) {
      if (user !== undefined && watch.user !== user) continue;
      if (watch.timer) clearTimeout(watch.timer);
      this.#watches.delete(watch);
      watch.res.socket?.destroy();
      n += 1;
    }
    return n;
  }

  /** Number of open watches (of one user, or all). */
  count(user?: string): number {
    let n = 0;
    for (const watch of this.#watches) if (user === undefined || watch.user === user) n += 1;
    return n;
  }

  /** Ends every watch (the simulator is closing). */
  closeAll(): void {
    for (const watch of [...this.#watches]) this.#end(watch);
  }
}
