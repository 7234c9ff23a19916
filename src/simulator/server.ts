/**
 * The HTTP(S) front of the simulator: authentication, authorization, routing, latency, faults
 * and the request log. Behaviour follows `docs/openshift-api.md` (single objects),
 * `docs/lists-and-discovery.md` (lists, layers, images, access reviews, discovery) and
 * `docs/watch.md` (watches):
 *
 * - every response carries `Audit-Id` and `Cache-Control: no-cache, private`;
 * - an unknown or revoked bearer token is 401 on every path (authentication runs first, as in
 *   kube-apiserver); no `Authorization` header means `system:anonymous`;
 * - `/healthz`, `/readyz`, `/livez` and `/version` are readable anonymously;
 * - resource requests need `get` in the namespace, else 403 naming the user;
 * - verbs other than GET/HEAD on a resource are 405 (checked before authorization: the simulator
 *   is read-only, so no user holds write rights);
 * - unknown paths are 404 `the server could not find the requested resource` for everyone
 *   (a simplification: real anonymous requests to unknown non-resource paths get 403).
 */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { answerAccessReview } from './access-review.js';
import { discoveryReply } from './discovery.js';
import type { FaultTable, SimulatorFault } from './faults.js';
import { listReply, type ContinueTokens } from './list.js';
import { parseStreamFieldSelector } from './selectors.js';
import type { WatchHub } from './watch.js';
import { isPrettyPrint } from './go-json.js';
import type { RequestLog } from './request-log.js';
import {
  forbidden,
  forbiddenClusterScope,
  forbiddenOtherGroup,
  forbiddenPath,
  forbiddenSubresource,
  internalError,
  methodNotSupported,
  methodNotSupportedIn,
  serverTimeout,
  unauthorized,
  unknownPath,
  type StatusBody,
} from './status.js';
import { statusReply, tokenHash, type ImageApiResource, type Reply, type Store } from './store.js';

/** The Kubernetes version `/version` reports (OpenShift 4.16 ships Kubernetes 1.29). */
export const SIMULATED_VERSION = {
  major: '1',
  minor: '29',
  gitVersion: 'v1.29.7+4510e9c',
  gitCommit: '4510e9c5f6ee12b4dc4d6fe35d3b6e0f0b1de9f1',
  gitTreeState: 'clean',
  buildDate: '2024-07-23T17:31:28Z',
  goVersion: 'go1.21.11 (Red Hat 1.21.11-1.el9_4) X:strictfipsruntime',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

const API_SEGMENTS = ['', 'apis', 'image.openshift.io', 'v1'];
const PREFIX_SEGMENTS = [...API_SEGMENTS, 'namespaces'];
const SSAR_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const RESOURCES = new Set<string>(['imagestreamimages', 'imagestreams', 'imagestreamtags']);
const VERBS: Readonly<Record<string, string>> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body: Buffer.from(body),
  headers: { 'X-Content-Type-Options': 'nosniff', ...headers },
});

const OK = text(200, 'ok');
const VERSION_REPLY: Reply = {
  status: 200,
  contentType: 'application/json',
  // k8s.io/apiserver WriteRawJSON: always MarshalIndent, no trailing newline.
  body: Buffer.from(JSON.stringify(SIMULATED_VERSION, null, 2)),
};

/** State the request handler needs. */
export interface HandlerContext {
  readonly store: Store;
  readonly log: RequestLog;
  readonly faults: FaultTable;
  latencyMs: number;
  /** Answer `latencyMs` after arrival to within ~0.1 ms (SimulatorOptions.exactLatency). */
  readonly exactLatency: boolean;
  readonly timers: Set<NodeJS.Timeout>;
  readonly continueTokens: ContinueTokens;
  readonly watches: WatchHub;
  closed: boolean;
}

/** Reads a bearer token as kube's bearertoken authenticator does (`Bearer <token>`, case-insensitive scheme). */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parts = header.split(' ');
  if (parts.length < 2 || parts[0]?.toLowerCase() !== 'bearer') return undefined;
  const token = parts[1];
  return token === undefined || token === '' ? undefined : token;
}

function decodeSegments(rawPath: string): string[] | undefined {
  try {
    return rawPath.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function faultReply(fault: SimulatorFault, pretty: boolean): Reply | undefined {
  switch (fault.kind) {
    case 'too-many-requests':
      return text(429, 'Too many requests, please try again later.\n', {
        'Retry-After': String(fault.retryAfterSeconds ?? 1),
      });
    case 'service-unavailable':
      return text(503, 'service unavailable\n');
    case 'server-timeout':
      return statusReply(serverTimeout('imagestreams', fault.retryAfterSeconds ?? 2), pretty);
    case 'internal-error':
      return statusReply(internalError('unexpected end of JSON input'), pretty);
    case 'hang':
    case 'reset':
    case 'truncated':
      return undefined;
  }
}

function writeReply(res: ServerResponse, reply: Reply, truncate = false): void {
  const headers: Record<string, string | number> = {
    'Audit-Id': randomUUID(),
    'Cache-Control': 'no-cache, private',
    'Content-Type': reply.contentType,
    'Content-Length': reply.body.length,
    ...reply.headers,
  };
  res.writeHead(reply.status, headers);
  if (!truncate) {
    res.end(reply.body);
    return;
  }
  const socket = res.socket;
  res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => socket?.end());
}

/** What a request is, for authorization and the request log (a RequestInfo, as kube names it). */
export interface RouteInfo {
  /** The Kubernetes verb: get, list, watch, create...; undefined for non-resource paths. */
  verb?: string;
  /** The resource (`imagestreams`, `imagestreams/layers`, `images`, ...); undefined for non-resource paths. */
  resource?: string;
}

/** The answer of `route`: a reply, or a watch the caller streams. */
export type RouteResult =
  | { kind: 'reply'; reply: Reply; info: RouteInfo }
  | { kind: 'watch'; namespace: string; query: URLSearchParams; info: RouteInfo }
  | { kind: 'body'; info: RouteInfo; answer: (body: string) => Reply };

const reply = (r: Reply, info: RouteInfo = {}): RouteResult => ({ kind: 'reply', reply: r, info });

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/** The parts of a request `route` needs. */
export interface RouteRequest {
  method: string;
  segments: readonly string[] | undefined;
  rawPath: string;
  query: URLSearchParams;
  user: string;
  pretty: boolean;
  /** The Host header (what `/api` reports as the server address). */
  host?: string;
}

/** Routes one authenticated request. */
export function route(ctx: HandlerContext, r: RouteRequest): RouteResult {
  const { method, segments, rawPath, user, pretty } = r;
  if (rawPath === '/healthz' || rawPath === '/readyz' || rawPath === '/livez') return reply(OK);
  if (rawPath === '/version') return reply(VERSION_REPLY);
  const discovery = discoveryReply(rawPath, pretty, r.host);
  if (discovery) {
    if (user === 'system:anonymous') {
      return reply(statusReply(forbiddenPath(user, 'get', rawPath), pretty));
    }
    return reply(discovery);
  }
  if (!segments) return reply(statusReply(unknownPath(), pretty));
  if (rawPath === SSAR_PATH) return selfSubjectAccessReview(ctx, method, user, pretty);
  const image = segments.length === 6 && API_SEGMENTS.every((s, i) => segments[i] === s);
  if (image && segments[4] === 'images' && segments[5] !== '') {
    return clusterImage(ctx, method, segments[5] ?? '', user, pretty);
  }
  if (
    segments.length < 7 ||
    segments.length > 9 ||
    !PREFIX_SEGMENTS.every((s, i) => segments[i] === s) ||
    !RESOURCES.has(segments[6] ?? '')
  ) {
    return reply(statusReply(unknownPath(), pretty));
  }
  const namespace = segments[5] ?? '';
  const resource = segments[6] as ImageApiResource;
  const name = segments[7];
  if (namespace === '' || name === '') return reply(statusReply(unknownPath(), pretty));
  if (segments.length === 9) {
    if (resource !== 'imagestreams' || segments[8] !== 'layers' || name === undefined) {
      return reply(statusReply(unknownPath(), pretty));
    }
    return layers(ctx, method, namespace, name, user, pretty);
  }
  if (name === undefined) {
    // The collections: the imagestreams list and watch, the imagestreamtags list.
    if (resource === 'imagestreamimages') return reply(statusReply(unknownPath(), pretty));
    const watch = GO_TRUE.has(r.query.get('watch') ?? '');
    const verb = watch ? 'watch' : 'list';
    const info: RouteInfo = { verb, resource };
    if (method !== 'GET' && method !== 'HEAD') {
      const v =
        method === 'POST'
          ? 'create'
          : method === 'DELETE'
            ? 'deletecollection'
            : (VERBS[method] ?? method.toLowerCase());
      return reply(statusReply(methodNotSupported(resource, v), pretty), { verb: v, resource });
    }
    // A field selector that pins metadata.name makes the request name-scoped for authorization.
    let pinned = '';
    try {
      pinned = parseStreamFieldSelector(r.query.get('fieldSelector') ?? '').name ?? '';
    } catch {
      pinned = '';
    }
    if (!ctx.store.can(user, verb, resource, namespace)) {
      return reply(statusReply(forbidden(resource, pinned, user, verb, namespace), pretty), info);
    }
    if (resource === 'imagestreamtags') {
      // ImageStreamTags are not watchable (their REST implements no Watcher).
      if (watch) return reply(statusReply(methodNotSupported(resource, 'watch'), pretty), info);
      return reply(
        listReply('imagestreamtags', ctx.store, ctx.continueTokens, namespace, r.query, pretty),
        info,
      );
    }
    if (watch) return { kind: 'watch', namespace, query: r.query, info };
    return reply(
      listReply('imagestreams', ctx.store, ctx.continueTokens, namespace, r.query, pretty),
      info,
    );
  }
  return namedGet(method, resource, { verb: 'get', resource }, pretty, {
    allowed: () => ctx.store.can(user, 'get', resource, namespace),
    forbidden: () => forbidden(resource, name, user, 'get', namespace),
    answer: () => ctx.store.get(resource, namespace, name, pretty),
  });
}

/**
 * A GET (or HEAD) of one named object: 405 naming `kind` for any other method, 403 when the user
 * may not, the answer otherwise.
 */
function namedGet(
  method: string,
  kind: string,
  info: RouteInfo,
  pretty: boolean,
  get: { allowed: () => boolean; forbidden: () => StatusBody; answer: () => Reply },
): RouteResult {
  if (method !== 'GET' && method !== 'HEAD') {
    const v = VERBS[method] ?? method.toLowerCase();
    return reply(statusReply(methodNotSupported(kind, v), pretty), { ...info, verb: v });
  }
  if (!get.allowed()) return reply(statusReply(get.forbidden(), pretty), info);
  return reply(get.answer(), info);
}

function layers(
  ctx: HandlerContext,
  method: string,
  namespace: string,
  name: string,
  user: string,
  pretty: boolean,
): RouteResult {
  const info: RouteInfo = { verb: 'get', resource: 'imagestreams/layers' };
  return namedGet(method, 'imagestreams', info, pretty, {
    allowed: () => ctx.store.can(user, 'get', 'imagestreams/layers', namespace),
    forbidden: () => forbiddenSubresource('imagestreams', 'layers', name, user, 'get', namespace),
    answer: () => ctx.store.layers(namespace, name, pretty),
  });
}

function clusterImage(
  ctx: HandlerContext,
  method: string,
  digest: string,
  user: string,
  pretty: boolean,
): RouteResult {
  return namedGet(method, 'images', { verb: 'get', resource: 'images' }, pretty, {
    allowed: () => ctx.store.can(user, 'get', 'images', undefined),
    forbidden: () => forbiddenClusterScope('images', digest, user, 'get'),
    answer: () => ctx.store.clusterImage(digest, pretty),
  });
}

function selfSubjectAccessReview(
  ctx: HandlerContext,
  method: string,
  user: string,
  pretty: boolean,
): RouteResult {
  const info: RouteInfo = { verb: 'create', resource: 'selfsubjectaccessreviews' };
  if (method !== 'POST') {
    const v = method === 'GET' ? 'list' : (VERBS[method] ?? method.toLowerCase());
    return reply(
      statusReply(
        methodNotSupportedIn('selfsubjectaccessreviews', 'authorization.k8s.io', v),
        pretty,
      ),
      { ...info, verb: v },
    );
  }
  if (user === 'system:anonymous') {
    return reply(
      statusReply(
        forbiddenOtherGroup('selfsubjectaccessreviews', 'authorization.k8s.io', user, 'create'),
        pretty,
      ),
      info,
    );
  }
  return {
    kind: 'body',
    info,
    answer: (body) => answerAccessReview(ctx.store, user, body, pretty),
  };
}

/** Handles one HTTP request end to end. */
export function handleRequest(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const at = Date.now();
  const arrived = performance.now();
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const token = bearerToken(req.headers.authorization);
  let user: string | undefined = 'system:anonymous';
  let invalidToken = false;
  if (token !== undefined) {
    const who = ctx.store.authenticate(token);
    user = who.user;
    invalidToken = who.invalid;
  }
  const hash = token === undefined ? undefined : tokenHash(token);
  let info: RouteInfo = {};
  const record = (status: number): void =>
    ctx.log.record({
      method,
      path: rawPath,
      query: rawQuery,
      status,
      user,
      tokenHash: hash,
      at,
      ...(info.verb === undefined ? {} : { verb: info.verb }),
      ...(info.resource === undefined ? {} : { resource: info.resource }),
    });
  const segments = decodeSegments(rawPath);
  const fault = ctx.faults.take(method, rawPath, segments?.join('/') ?? rawPath);
  const pretty = isPrettyPrint(rawQuery, req.headers['user-agent']);

  const send = (r: Reply): void => {
    writeReply(res, r, fault?.kind === 'truncated');
    record(r.status);
  };

  const routeRequest = (who: string): RouteResult =>
    route(ctx, {
      method,
      segments,
      rawPath,
      query: new URLSearchParams(rawQuery),
      user: who,
      pretty,
      ...(req.headers.host === undefined ? {} : { host: req.headers.host }),
    });
  // With an exact latency, a request that reaches the routes is routed on arrival: the
  // simulator's own work is inside its latency, as a real server's is (SimulatorOptions).
  const routed =
    ctx.latencyMs > 0 &&
    ctx.exactLatency &&
    fault === undefined &&
    !invalidToken &&
    user !== undefined
      ? routeRequest(user)
      : undefined;

  const respond = (): void => {
    if (ctx.closed || res.destroyed) return;
    if (fault !== undefined) {
      const faulty = faultReply(fault, pretty);
      if (faulty) {
        writeReply(res, faulty);
        record(faulty.status);
        return;
      }
      if (fault.kind === 'hang') {
        record(0);
        return;
      }
      if (fault.kind === 'reset') {
        record(0);
        req.socket.destroy();
        return;
      }
    }
    if (invalidToken || user === undefined) {
      send(statusReply(unauthorized(), pretty));
      return;
    }
    const result = routed ?? routeRequest(user);
    info = result.info;
    switch (result.kind) {
      case 'reply':
        send(result.reply);
        return;
      case 'watch':
        record(
          ctx.watches.start(req, res, {
            user,
            namespace: result.namespace,
            query: result.query,
            pretty,
          }),
        );
        return;
      case 'body': {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          if (ctx.closed || res.destroyed) return;
          send(result.answer(Buffer.concat(chunks).toString('utf8')));
        });
        return;
      }
    }
  };

  if (ctx.latencyMs > 0) {
    after(ctx, arrived, respond);
  } else {
    respond();
  }
}

/** How much of an exact latency is polled rather than left to a timer (see {@link after}). */
const EXACT_POLL_MS = 2;

/**
 * Runs `respond` `ctx.latencyMs` after `arrived` (performance.now()). A timer alone fires when
 * the loop's whole-millisecond clock has passed the delay, up to ~1 ms late; with
 * `ctx.exactLatency` the timer stops {@link EXACT_POLL_MS} short and the rest is polled once per
 * loop turn, which keeps serving other sockets meanwhile.
 */
function after(ctx: HandlerContext, arrived: number, respond: () => void): void {
  if (!ctx.exactLatency) {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      respond();
    }, ctx.latencyMs);
    ctx.timers.add(timer);
    return;
  }
  const due = arrived + ctx.latencyMs;
  const poll = (): void => {
    if (ctx.closed) return;
    if (performance.now() >= due) respond();
    else setImmediate(poll);
  };
  const timer = setTimeout(
    () => {
      ctx.timers.delete(timer);
      poll();
    },
    Math.max(0, due - EXACT_POLL_MS - performance.now()),
  );
  ctx.timers.add(timer);
}
