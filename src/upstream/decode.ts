/**
 * Decoding of API server answers: the ImageStreamImage shape check, and the translation of
 * Kubernetes Status bodies, plain-text errors and transport failures into stable error codes.
 *
 * Boundary rule: a GatewayError built here carries a message written by us for the client and
 * `details` with only safe facts (HTTP status, Status reason, resource, the names the caller
 * sent). Upstream messages name users ("User \"system:serviceaccount:...\" cannot get ..."),
 * so they are never copied into the message, the details or the cause.
 */
import { UnreachableCaseError, type ErrorCode } from '../errors/codes.js';
import { GatewayError, type SafeDetails } from '../errors/gateway-error.js';
import type { ImageStreamImageRef } from '../model/refs.js';
import type { ImageStreamImageResource, StatusResource } from '../model/resources.js';

/** A navigation call (docs/navigation.md): which resource, in which namespace, under which name. */
export interface NavigationTarget {
  /** `imagestreams` (one stream), `imagestreamtags` (one istag) or `imagestreamlist` (a page). */
  readonly resource: 'imagestreams' | 'imagestreamtags' | 'imagestreamlist';
  readonly namespace: string;
  /** The stream, or `<stream>:<tag>`; absent for a list. */
  readonly name?: string;
}

/** What the error translation knows about the call that failed; all of it was sent by the caller. */
export interface DecodeContext {
  readonly ref?: ImageStreamImageRef;
  readonly target?: NavigationTarget;
}

/** Headers as undici returns them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * The failure class of one attempt, used by retries and the circuit breaker. `status` errors
 * carry the Retry-After the server asked for (client-go retries statuses only when it is present).
 */
export type FailureKind =
  /** An HTTP answer the server meant (4xx, 5xx), possibly with a Retry-After. */
  | 'status'
  /** The connection failed or broke (refused, reset, DNS, TLS, truncated body). */
  | 'transport'
  /** Our own per-attempt deadline expired. */
  | 'timeout'
  /** The caller aborted (the request's deadline or the client went away). */
  | 'aborted'
  /** A complete answer that is not the documented shape; retrying will not fix it. */
  | 'bad-response';

/** Internal facts about a failure, attached to the GatewayError for the client's own policies. */
export interface FailureFacts {
  readonly kind: FailureKind;
  /** HTTP status, when the server answered. */
  readonly httpStatus?: number;
  /** Seconds the server asked us to wait (Retry-After or `details.retryAfterSeconds`). */
  readonly retryAfterSeconds?: number;
}

const FACTS = Symbol('upstreamFailureFacts');

/** The failure facts of an error built by this module, or undefined for anything else. */
export function failureFacts(error: unknown): FailureFacts | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as { [FACTS]?: FailureFacts })[FACTS];
}

function withFacts(error: GatewayError, facts: FailureFacts): GatewayError {
  // Non-enumerable: the facts are for the client's retry and circuit logic, not for serialising.
  Object.defineProperty(error, FACTS, { value: facts, enumerable: false });
  return error;
}

/**
 * The cause attached to status errors: only the HTTP status and the Status reason, so that logs
 * never receive the upstream body (which can name the caller's user identity).
 */
export class UpstreamStatusError extends Error {
  readonly code = 'UPSTREAM_STATUS';
  constructor(
    readonly httpStatus: number,
    readonly reason: string | undefined,
  ) {
    super(`API server answered HTTP ${httpStatus}${reason === undefined ? '' : ` (${reason})`}`);
    this.name = 'UpstreamStatusError';
  }
}

/** The name the caller sent, as `<stream>@<id>`. */
function requestedName(ref: ImageStreamImageRef): string {
  return `${ref.stream}@${ref.id}`;
}

function refDetails(ctx: DecodeContext): Record<string, string> {
  if (ctx.target !== undefined) {
    return {
      namespace: ctx.target.namespace,
      ...(ctx.target.name === undefined ? {} : { name: ctx.target.name }),
    };
  }
  if (ctx.ref === undefined) return {};
  return { namespace: ctx.ref.namespace, name: requestedName(ctx.ref) };
}

/**
 * The client-facing message of a code for one call. An exhaustive switch: a new code must get a
 * message here or this file stops compiling.
 */
export function safeMessage(code: ErrorCode, ctx: DecodeContext, resource?: string): string {
  const what =
    ctx.target !== undefined
      ? targetDescription(ctx.target)
      : ctx.ref === undefined
        ? 'the resource'
        : `ImageStreamImage ${JSON.stringify(requestedName(ctx.ref))} in namespace ${JSON.stringify(ctx.ref.namespace)}`;
  switch (code) {
    case 'CURSOR_EXPIRED':
      return 'The cursor (continue token) has expired; start over without `after`.';
    case 'NOT_FOUND':
      if (ctx.target !== undefined && resource === 'images') {
        return `${what} refers to an image that no longer exists (it may have been pruned).`;
      }
      if (ctx.target?.resource === 'imagestreamtags' && resource === 'imagestreams') {
        const stream = ctx.target.name?.split(':')[0] ?? '';
        return `Image stream ${JSON.stringify(stream)} was not found in namespace ${JSON.stringify(ctx.target.namespace)}.`;
      }
      if (ctx.ref !== undefined && resource === 'imagestreams') {
        return `Image stream ${JSON.stringify(ctx.ref.stream)} was not found in namespace ${JSON.stringify(ctx.ref.namespace)}.`;
      }
      if (ctx.ref !== undefined && resource === 'images') {
        return `${what} refers to an image that no longer exists (it may have been pruned).`;
      }
      return `${what} was not found.`;
    case 'FORBIDDEN':
      return `The caller may not read ${what}.`;
    case 'UNAUTHENTICATED':
      return 'The API server rejected the credential: it is missing, invalid or expired.';
    case 'BAD_USER_INPUT':
      if (ctx.target?.resource === 'imagestreamlist') {
        return `The API server rejected the list of ${what}: check labelSelector and fieldSelector (field selectors support metadata.name, metadata.namespace, spec.dockerImageRepository and status.dockerImageRepository with =, == and !=).`;
      }
      return `The API server rejected the request for ${what} as malformed.`;
    case 'RATE_LIMITED':
      return 'The API server is throttling requests; try again later.';
    case 'UPSTREAM_UNAVAILABLE':
      return 'The OpenShift image API is currently unavailable; try again later.';
    case 'UPSTREAM_TIMEOUT':
      return 'The OpenShift API server did not answer in time.';
    case 'UPSTREAM_BAD_RESPONSE':
      return 'The OpenShift API server answered with something that is not the documented shape.';
    // Codes of the GraphQL layer: the upstream client never produces them, but the switch stays
    // exhaustive so that a new code is a compile error here, not a silent fallthrough. The same
    // for the subscription hub's codes (src/loaders/watch-hub.ts), never of an upstream answer.
    case 'GRAPHQL_PARSE_FAILED':
    case 'GRAPHQL_VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_ALLOWED':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
    case 'QUERY_TOO_COMPLEX':
    case 'TOO_MANY_SUBSCRIPTIONS':
    case 'SLOW_CONSUMER':
    case 'SUBSCRIPTION_CLOSED':
    case 'INTERNAL_SERVER_ERROR':
      return 'Unexpected error.';
    default:
      throw new UnreachableCaseError(code);
  }
}

function targetDescription(target: NavigationTarget): string {
  const ns = JSON.stringify(target.namespace);
  switch (target.resource) {
    case 'imagestreams':
      return `Image stream ${JSON.stringify(target.name ?? '')} in namespace ${ns}`;
    case 'imagestreamtags':
      return `ImageStreamTag ${JSON.stringify(target.name ?? '')} in namespace ${ns}`;
    case 'imagestreamlist':
      return `the image streams in namespace ${ns}`;
    default:
      throw new UnreachableCaseError(target.resource);
  }
}

/** Parses `Retry-After` in delta-seconds (the only form the API server sends); HTTP dates are ignored. */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return undefined;
  const seconds = Number(raw.trim());
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Status body, or undefined when the body is not a Status (plain text, HTML, other JSON). */
export function parseStatus(body: string): StatusResource | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || parsed.kind !== 'Status') return undefined;
  return parsed as unknown as StatusResource;
}

/**
 * The code for an HTTP error answer. Status reasons refine the HTTP status where they change what
 * a client should do; otherwise the HTTP status decides.
 */
function codeForStatus(
  httpStatus: number,
  status: StatusResource | undefined,
  ctx: DecodeContext,
): ErrorCode {
  const reason = typeof status?.reason === 'string' ? status.reason : undefined;
  // A list's continue token expired (410, reason Expired, after about five minutes): the client
  // starts over without `after` (docs/navigation.md). On any other GET, 410 is undocumented.
  if (httpStatus === 410 && ctx.target?.resource === 'imagestreamlist') return 'CURSOR_EXPIRED';
  if (httpStatus === 400) return 'BAD_USER_INPUT';
  if (httpStatus === 401) return 'UNAUTHENTICATED';
  if (httpStatus === 403) return 'FORBIDDEN';
  if (httpStatus === 404) {
    // A resource 404 names the resource in details.kind (imagestreams, imagestreamimage, images).
    // A 404 without it is "the server could not find the requested resource" (or a plain-text
    // "404 page not found"): the route itself is missing, i.e. this API server does not serve
    // image.openshift.io/v1. Answering NOT_FOUND would tell the client the image does not exist,
    // which is false; the image API is what is unavailable.
    return typeof status?.details?.kind === 'string' && status.details.kind !== ''
      ? 'NOT_FOUND'
      : 'UPSTREAM_UNAVAILABLE';
  }
  // Servers older than Dec 2022 answer 409 Conflict for an id prefix that matches several images:
  // the caller can fix it by sending a longer id.
  if (httpStatus === 409) return 'BAD_USER_INPUT';
  if (httpStatus === 429) return 'RATE_LIMITED';
  if (httpStatus === 504) return 'UPSTREAM_TIMEOUT';
  if (httpStatus >= 500) {
    // 500 ServerTimeout ("could not be completed at this time, please try again", with
    // Retry-After) comes from a fresh openshift-apiserver whose layer index has not synced. The
    // server answered at once; it is the image API that is not ready yet. UPSTREAM_UNAVAILABLE
    // with retryAfterSeconds tells the client exactly what to do (wait, then retry), whereas
    // UPSTREAM_TIMEOUT ("did not answer within the deadline") would suggest a larger timeout or a
    // smaller query, neither of which helps.
    //
    // 500 InternalError and any other 5xx (502, 503 plain text or Status) also become
    // UPSTREAM_UNAVAILABLE rather than UPSTREAM_BAD_RESPONSE: the server failed to serve a
    // well-formed request, which is transient from the client's point of view and worth a retry
    // later; UPSTREAM_BAD_RESPONSE is kept for answers that break the documented shape, which no
    // retry will fix.
    if (reason === 'Timeout') return 'UPSTREAM_TIMEOUT';
    return 'UPSTREAM_UNAVAILABLE';
  }
  // Anything else (405, 410, 3xx redirects we do not follow, ...) means the answer is not one the
  // image API documents for this GET.
  return 'UPSTREAM_BAD_RESPONSE';
}

/**
 * Translates an HTTP error answer (any status but 200) into a GatewayError. Handles Status JSON
 * and plain-text bodies alike; the body is only inspected, never copied.
 */
export function errorFromResponse(
  httpStatus: number,
  headers: ResponseHeaders,
  body: string,
  ctx: DecodeContext,
): GatewayError {
  const status = parseStatus(body);
  const code = codeForStatus(httpStatus, status, ctx);
  const reason = typeof status?.reason === 'string' ? status.reason : undefined;
  const resource =
    typeof status?.details?.kind === 'string' && status.details.kind !== ''
      ? status.details.kind
      : undefined;
  const fromDetails = status?.details?.retryAfterSeconds;
  const retryAfterSeconds =
    parseRetryAfter(headers['retry-after']) ??
    (typeof fromDetails === 'number' && Number.isSafeInteger(fromDetails) && fromDetails > 0
      ? fromDetails
      : undefined);
  const details: SafeDetails = {
    httpStatus,
    ...(reason === undefined ? {} : { reason }),
    ...(resource === undefined ? {} : { resource }),
    ...refDetails(ctx),
  };
  const error = new GatewayError(code, safeMessage(code, ctx, resource), {
    cause: new UpstreamStatusError(httpStatus, reason),
    details,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
  return withFacts(error, {
    kind: 'status',
    httpStatus,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

/** A GatewayError for an answer that breaks the documented shape. */
export function badResponse(
  problem: string,
  ctx: DecodeContext,
  options: { httpStatus?: number; cause?: unknown; kind?: FailureKind } = {},
): GatewayError {
  const error = new GatewayError(
    'UPSTREAM_BAD_RESPONSE',
    safeMessage('UPSTREAM_BAD_RESPONSE', ctx),
    {
      // `problem` is written by us (a field path, never a value from the body).
      cause: options.cause ?? new Error(problem),
      details: {
        ...(options.httpStatus === undefined ? {} : { httpStatus: options.httpStatus }),
        problem,
        ...refDetails(ctx),
      },
    },
  );
  return withFacts(error, {
    kind: options.kind ?? 'bad-response',
    ...(options.httpStatus === undefined ? {} : { httpStatus: options.httpStatus }),
  });
}

/** Error codes of Node and undici that mean "the connection failed or broke". */
const TRANSPORT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_PRX_TLS',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // undici's connect errors may wrap the system error.
  return errorCode((error as { cause?: unknown }).cause);
}

/**
 * Translates a failure without an HTTP answer. `reason` says why the attempt ended when the
 * caller's or our own signal fired; otherwise the error's code decides.
 */
export function errorFromTransport(
  error: unknown,
  ctx: DecodeContext,
  reason: 'timeout' | 'aborted' | undefined,
): GatewayError {
  const code = errorCode(error);
  // undici's own header/body timeouts are deadlines too.
  const timedOut =
    reason === 'timeout' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT';
  if (reason === 'aborted') {
    // The caller gave up (its deadline passed or it went away). There is no CANCELLED code and
    // nobody may be listening; UPSTREAM_TIMEOUT is what a deadline-driven abort means.
    const aborted = new GatewayError(
      'UPSTREAM_TIMEOUT',
      'The request was cancelled before the OpenShift API server answered.',
      { cause: error, details: { cancelled: true, ...refDetails(ctx) } },
    );
    return withFacts(aborted, { kind: 'aborted' });
  }
  if (timedOut) {
    const timeout = new GatewayError('UPSTREAM_TIMEOUT', safeMessage('UPSTREAM_TIMEOUT', ctx), {
      cause: error,
      details: refDetails(ctx),
    });
    return withFacts(timeout, { kind: 'timeout' });
  }
  if (code !== undefined && TRANSPORT_CODES.has(code)) {
    const unavailable = new GatewayError(
      'UPSTREAM_UNAVAILABLE',
      safeMessage('UPSTREAM_UNAVAILABLE', ctx),
      { cause: error, details: { transport: code, ...refDetails(ctx) } },
    );
    return withFacts(unavailable, { kind: 'transport' });
  }
  // TLS failures (certificate errors) and anything unknown: the server could not be reached in a
  // way we understand. Still a transport failure for retries and the circuit.
  const unknown = new GatewayError(
    'UPSTREAM_UNAVAILABLE',
    safeMessage('UPSTREAM_UNAVAILABLE', ctx),
    {
      cause: error,
      details: { ...(code === undefined ? {} : { transport: code }), ...refDetails(ctx) },
    },
  );
  return withFacts(unknown, { kind: 'transport' });
}

/** Where in the body a shape check failed; a path written by us, safe to show. */
export class ShapeError extends Error {}

export function expectRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ShapeError(`${path} must be an object`);
  return value;
}

export function expectOptional(
  parent: Record<string, unknown>,
  key: string,
  path: string,
  check: (value: unknown, path: string) => void,
): void {
  const value = parent[key];
  if (value === undefined) return;
  // Go writes nil maps and slices without omitempty as null; treat null as absent so the types'
  // optional (`?`) fields hold.
  if (value === null) {
    delete parent[key];
    return;
  }
  check(value, `${path}.${key}`);
}

export function expectArrayOf(
  value: unknown,
  path: string,
  item: (value: unknown, path: string) => void,
): void {
  if (!Array.isArray(value)) throw new ShapeError(`${path} must be an array`);
  value.forEach((entry, i) => item(entry, `${path}[${i}]`));
}

export function expectString(value: unknown, path: string): void {
  if (typeof value !== 'string') throw new ShapeError(`${path} must be a string`);
}

export function expectStringMap(value: unknown, path: string): void {
  const map = expectRecord(value, path);
  for (const entry of Object.values(map)) {
    if (typeof entry !== 'string') throw new ShapeError(`${path} values must be strings`);
  }
}

export function checkMetadata(value: unknown, path: string): Record<string, unknown> {
  const metadata = expectRecord(value, path);
  expectOptional(metadata, 'name', path, expectString);
  expectOptional(metadata, 'namespace', path, expectString);
  expectOptional(metadata, 'labels', path, expectStringMap);
  expectOptional(metadata, 'annotations', path, expectStringMap);
  return metadata;
}

function checkLayer(value: unknown, path: string): void {
  const layer = expectRecord(value, path);
  expectString(layer.name, `${path}.name`);
  if (typeof layer.size !== 'number') throw new ShapeError(`${path}.size must be a number`);
}

function checkManifest(value: unknown, path: string): void {
  const manifest = expectRecord(value, path);
  expectString(manifest.digest, `${path}.digest`);
}

function checkSignature(value: unknown, path: string): void {
  const signature = expectRecord(value, path);
  expectOptional(signature, 'conditions', path, (v, p) => expectArrayOf(v, p, expectRecord));
}

/**
 * Checks a 200 body and returns it as an ImageStreamImage. Checks what the gateway relies on:
 * the kind, `image.metadata.name` (the full digest, the cache key), and that lists are lists.
 * Throws UPSTREAM_BAD_RESPONSE naming the first field that is wrong.
 */
export function decodeImageStreamImage(body: string, ctx: DecodeContext): ImageStreamImageResource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw badResponse('the body is not valid JSON', ctx, { httpStatus: 200, cause: error });
  }
  try {
    const root = expectRecord(parsed, 'body');
    if (root.kind !== 'ImageStreamImage') {
      throw new ShapeError('kind must be "ImageStreamImage"');
    }
    if (root.apiVersion !== undefined && root.apiVersion !== 'image.openshift.io/v1') {
      throw new ShapeError('apiVersion must be "image.openshift.io/v1"');
    }
    checkMetadata(root.metadata, 'metadata');
    const image = expectRecord(root.image, 'image');
    const imageMetadata = checkMetadata(image.metadata, 'image.metadata');
    if (typeof imageMetadata.name !== 'string' || imageMetadata.name === '') {
      throw new ShapeError('image.metadata.name must be a non-empty string');
    }
    expectOptional(image, 'dockerImageLayers', 'image', (v, p) => expectArrayOf(v, p, checkLayer));
    expectOptional(image, 'dockerImageManifests', 'image', (v, p) =>
      expectArrayOf(v, p, checkManifest),
    );
    expectOptional(image, 'signatures', 'image', (v, p) => expectArrayOf(v, p, checkSignature));
    expectOptional(image, 'dockerImageSignatures', 'image', (v, p) =>
      expectArrayOf(v, p, expectString),
    );
    expectOptional(image, 'dockerImageMetadata', 'image', expectRecord);
    return root as unknown as ImageStreamImageResource;
  } catch (error) {
    if (error instanceof ShapeError) {
      throw badResponse(error.message, ctx, { httpStatus: 200 });
    }
    throw error;
  }
}
