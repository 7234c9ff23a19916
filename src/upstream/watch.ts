/**
 * The upstream ImageStream watch: one streaming `GET .../namespaces/{ns}/imagestreams?watch=1`
 * narrowed to one stream by `fieldSelector=metadata.name=<name>`, with bookmarks and an explicit
 * `timeoutSeconds` (docs/subscriptions.md, "The upstream watch").
 *
 * One call is one HTTP watch: it yields the decoded events until the server ends the stream
 * (its timeout, a restart) and never reconnects; reconnecting, 410 handling and backoff belong
 * to the watch session (src/loaders/watch-session.ts). Watches are long-lived, so they use their
 * own connection pool and never hold one of the GET pool's connections.
 *
 * Not on the client's `send` loop (./resilience.ts), which every read and the access review use:
 * that loop ends a call at ONE deadline (UPSTREAM_TIMEOUT_MS) with the whole body read, holds the
 * caller's concurrency slot for the call, and retries. A watch's body is meant to last
 * `timeoutSeconds`, must not hold a caller slot for minutes, and is reconnected (not retried) by
 * its session. What can be shared is: the request headers, the connect options (./tls.ts), the
 * status and transport mapping (./status-mapping.ts) and the error-body bound.
 */
import { Agent, type Dispatcher } from 'undici';
import { GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamResource } from '../model/image-stream.js';
import type { RequestCredential } from './client.js';
import { badResponse, errorFromResponse, failureFromTransport } from './status-mapping.js';

/** A transport failure of the watch as the coded error the rest of the client gives. */
const errorFromTransport = (error: unknown, reason?: 'timeout' | 'aborted'): Error =>
  failureFromTransport(error, {}, reason).error;
import { checkImageStreamObject } from './decode-image-stream.js';
import { MAX_ERROR_BODY_BYTES } from './http-attempt.js';
import { createNdjsonSplitter, LineTooLongError } from './ndjson.js';
import { requestHeaders, splitBaseUrl } from './openshift-client.js';
import { IMAGE_API_PREFIX, encodePathSegment } from './paths.js';
import { connectOptions, type UpstreamTlsOptions } from './tls.js';

/** One decoded watch event. */
export type ImageStreamWatchEvent =
  | {
      readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
      readonly object: ImageStreamResource;
    }
  /** Only the resourceVersion moved (a quiet watch's checkpoint). */
  | { readonly type: 'BOOKMARK'; readonly resourceVersion: string }
  /**
   * A `metav1.Status` in the stream (the server closes it right after), or an HTTP 410 before it
   * started. `code` 410 means the resourceVersion is too old: re-get, never replay.
   */
  | {
      readonly type: 'ERROR';
      readonly code: number | undefined;
      readonly reason: string | undefined;
    };

/** What to watch, from where. */
export interface ImageStreamWatchRequest {
  readonly namespace: string;
  readonly name: string;
  /** Start after this version ("Start at Exact"); absent: the server sends the current state first. */
  readonly resourceVersion?: string;
  /** Server-side lifetime of this watch (`timeoutSeconds`). */
  readonly timeoutSeconds: number;
}

/** Per-watch options. */
export interface WatchCallOptions {
  /** Ends the watch (the session stops or the gateway closes). */
  readonly signal?: AbortSignal;
  readonly requestId?: string;
}

/** Opens ImageStream watches. */
export interface ImageStreamWatcher {
  /**
   * Opens one watch. Resolves once the server answered 200 (or throws its error: 401
   * UNAUTHENTICATED, 403 FORBIDDEN, 5xx, transport failures, as GatewayError); the iterable then
   * yields events until the stream ends. An HTTP 410 is yielded as an `ERROR` event with code 410.
   */
  watch(
    request: ImageStreamWatchRequest,
    credential: RequestCredential,
    options?: WatchCallOptions,
  ): Promise<AsyncIterable<ImageStreamWatchEvent>>;
  /** Aborts every open watch and closes the pool. */
  close(): Promise<void>;
}

/** Settings of {@link createImageStreamWatcher}. */
export interface ImageStreamWatcherOptions {
  readonly baseUrl: string;
  readonly tls?: UpstreamTlsOptions;
  /** A dispatcher to use instead of an own Agent (tests). */
  readonly dispatcher?: Dispatcher;
  /** @default 'openshift-image-graphql/0.1.0' */
  readonly userAgent?: string;
  /** Deadline of the answer's headers. @default 10000 */
  readonly headersTimeoutMs?: number;
  /** TCP/TLS connect timeout. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Largest single event (one ImageStream); a longer line is UPSTREAM_BAD_RESPONSE. @default 8 MiB */
  readonly maxEventBytes?: number;
}

/** The watch path of one stream. Caller-controlled values are encoded (see ./paths.ts). */
export function imageStreamWatchPath(request: ImageStreamWatchRequest): string {
  const query = new URLSearchParams({
    watch: '1',
    fieldSelector: `metadata.name=${request.name}`,
    allowWatchBookmarks: 'true',
    timeoutSeconds: String(request.timeoutSeconds),
  });
  if (request.resourceVersion !== undefined) query.set('resourceVersion', request.resourceVersion);
  encodePathSegment(request.name, 'name');
  return `${IMAGE_API_PREFIX}/namespaces/${encodePathSegment(request.namespace, 'namespace')}/imagestreams?${query.toString()}`;
}

/** Creates the watcher. Reads nothing from the environment. */
export function createImageStreamWatcher(options: ImageStreamWatcherOptions): ImageStreamWatcher {
  const { origin, prefix } = splitBaseUrl(options.baseUrl);
  const userAgent = options.userAgent ?? 'openshift-image-graphql/0.1.0';
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const maxEventBytes = options.maxEventBytes ?? 8 * 1024 * 1024;
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Agent({
      // A watch holds its connection for its whole life: no pipelining, no sharing.
      pipelining: 0,
      connect: connectOptions(options.tls, options.connectTimeoutMs ?? 5_000),
    });
  const open = new Set<AbortController>();

  return {
    async watch(request, credential, callOptions = {}) {
      const path = prefix + imageStreamWatchPath(request);
      const headers = requestHeaders(userAgent, credential, callOptions.requestId);
      const controller = new AbortController();
      const onAbort = (): void => controller.abort(callOptions.signal?.reason);
      if (callOptions.signal?.aborted === true) onAbort();
      callOptions.signal?.addEventListener('abort', onAbort, { once: true });
      open.add(controller);
      const done = (): void => {
        open.delete(controller);
        callOptions.signal?.removeEventListener('abort', onAbort);
      };
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatcher.request({
          origin,
          path,
          method: 'GET',
          headers,
          signal: controller.signal,
          headersTimeout,
          // The server ends the stream after timeoutSeconds; silence well past that is a dead link.
          bodyTimeout: (request.timeoutSeconds + 30) * 1000,
        });
      } catch (error) {
        done();
        throw errorFromTransport(error, controller.signal.aborted ? 'aborted' : undefined);
      }
      if (response.statusCode !== 200) {
        const body = await readSmall(response.body).finally(done);
        if (response.statusCode === 410) {
          return single({ type: 'ERROR', code: 410, reason: 'Expired' });
        }
        throw errorFromResponse(response.statusCode, response.headers, body, {});
      }
      const body = response.body;
      return {
        async *[Symbol.asyncIterator]() {
          const splitter = createNdjsonSplitter(maxEventBytes);
          try {
            for await (const chunk of body) {
              for (const line of splitter.push(chunk as Buffer)) yield decodeEvent(line);
            }
          } catch (error) {
            if (error instanceof GatewayError) throw error;
            if (error instanceof LineTooLongError) {
              throw badResponse(error.message, {}, { httpStatus: 200, cause: error });
            }
            throw errorFromTransport(error, controller.signal.aborted ? 'aborted' : undefined);
          } finally {
            done();
            if (!body.destroyed) body.destroy();
          }
        },
      };
    },
    async close() {
      for (const controller of open) controller.abort(new Error('watcher closed'));
      open.clear();
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
}

async function readSmall(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > MAX_ERROR_BODY_BYTES) {
        body.destroy();
        return '';
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return '';
  }
  return Buffer.concat(chunks).toString('utf8');
}

function single(event: ImageStreamWatchEvent): AsyncIterable<ImageStreamWatchEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      await Promise.resolve();
      yield event;
    },
  };
}

const EVENT_TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** Decodes one line; anything that is not a watch event is UPSTREAM_BAD_RESPONSE. */
export function decodeEvent(line: string): ImageStreamWatchEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw badResponse('a watch event is not JSON', {}, { httpStatus: 200, cause: error });
  }
  const event = parsed as { type?: unknown; object?: unknown };
  const type = event.type;
  if (typeof type !== 'string' || !EVENT_TYPES.has(type) || !isObject(event.object)) {
    throw badResponse('a watch event has no known type and object', {}, { httpStatus: 200 });
  }
  const object = event.object;
  const metadata = isObject(object['metadata']) ? object['metadata'] : {};
  if (type === 'ERROR') {
    const code = typeof object['code'] === 'number' ? object['code'] : undefined;
    const reason = typeof object['reason'] === 'string' ? object['reason'] : undefined;
    return { type: 'ERROR', code, reason };
  }
  const resourceVersion = metadata['resourceVersion'];
  if (type === 'BOOKMARK') {
    if (typeof resourceVersion !== 'string') {
      throw badResponse('a BOOKMARK has no resourceVersion', {}, { httpStatus: 200 });
    }
    return { type: 'BOOKMARK', resourceVersion };
  }
  if (typeof metadata['name'] !== 'string' || typeof resourceVersion !== 'string') {
    throw badResponse(
      'a watched ImageStream has no name or resourceVersion',
      {},
      { httpStatus: 200 },
    );
  }
  return {
    type: type as 'ADDED' | 'MODIFIED' | 'DELETED',
    object: checkImageStreamObject(object, {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
