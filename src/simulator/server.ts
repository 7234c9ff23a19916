/**
 * The HTTP(S) front of the simulator: authentication, authorization, routing, latency, faults
 * and the request log. Behaviour follows shared/upstream/API.md 1b-1d:
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

import type { FaultTable, SimulatorFault } from './faults.js';
import { isPrettyPrint } from './go-json.js';
import type { RequestLog } from './request-log.js';
import {
  forbidden,
  internalError,
  methodNotSupported,
  serverTimeout,
  unauthorized,
  unknownPath,
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

const PREFIX_SEGMENTS = ['', 'apis', 'image.openshift.io', 'v1', 'namespaces'];
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
  readonly timers: Set<NodeJS.Timeout>;
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

/** Routes one authenticated request to a reply. */
function route(
  ctx: HandlerContext,
  method: string,
  segments: readonly string[] | undefined,
  rawPath: string,
  user: string,
  pretty: boolean,
): Reply {
  if (rawPath === '/healthz' || rawPath === '/readyz' || rawPath === '/livez') return OK;
  if (rawPath === '/version') return VERSION_REPLY;
  if (
    segments?.length !== 8 ||
    !PREFIX_SEGMENTS.every((s, i) => segments[i] === s) ||
    !RESOURCES.has(segments[6] ?? '')
  ) {
    return statusReply(unknownPath(), pretty);
  }
  const namespace = segments[5] ?? '';
  const resource = segments[6] as ImageApiResource;
  const name = segments[7] ?? '';
  if (namespace === '' || name === '') return statusReply(unknownPath(), pretty);
  if (method !== 'GET' && method !== 'HEAD') {
    return statusReply(methodNotSupported(resource, VERBS[method] ?? method.toLowerCase()), pretty);
  }
  if (!ctx.store.canGet(user, namespace)) {
    return statusReply(forbidden(resource, name, user, 'get', namespace), pretty);
  }
  return ctx.store.get(resource, namespace, name, pretty);
}

/** Handles one HTTP request end to end. */
export function handleRequest(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const at = Date.now();
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
  const record = (status: number): void =>
    ctx.log.record({ method, path: rawPath, status, user, tokenHash: hash, at });
  const segments = decodeSegments(rawPath);
  const fault = ctx.faults.take(method, rawPath, segments?.join('/') ?? rawPath);
  const pretty = isPrettyPrint(rawQuery, req.headers['user-agent']);

  const respond = (): void => {
    if (ctx.closed || res.destroyed) return;
    if (fault !== undefined) {
      const reply = faultReply(fault, pretty);
      if (reply) {
        writeReply(res, reply);
        record(reply.status);
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
    const reply =
      invalidToken || user === undefined
        ? statusReply(unauthorized(), pretty)
        : route(ctx, method, segments, rawPath, user, pretty);
    writeReply(res, reply, fault?.kind === 'truncated');
    record(reply.status);
  };

  if (ctx.latencyMs > 0) {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      respond();
    }, ctx.latencyMs);
    ctx.timers.add(timer);
  } else {
    respond();
  }
}
