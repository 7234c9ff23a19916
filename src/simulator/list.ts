/**
 * `GET /apis/image.openshift.io/v1/namespaces/{ns}/imagestreams` (the list): chunking with
 * `limit` and `continue`, consistent pages at the first page's resourceVersion, continue-token
 * expiry (410 Expired with a fresh token), `resourceVersion` semantics, and label and field
 * selectors. The facts, and where they come from, are in `docs/lists-and-discovery.md`.
 */

import { goJson } from './go-json.js';
import { SelectorError, parseLabelSelector, parseStreamFieldSelector } from './selectors.js';
import {
  badRequest,
  continueExpired,
  listTooOld,
  tooLargeResourceVersion,
  type StatusBody,
} from './status.js';
import { statusReply, type Reply, type Store } from './store.js';
import type { ImageStreamResource } from './types.js';
import { orderImage, orderImageStream, orderImageStreamTag, orderListMeta } from './wire-order.js';

/** The decoded form of a continue token (k8s.io/apiserver `storage.continueToken`). */
interface ContinueToken {
  /** The resourceVersion all pages share; -1 = "continue at the latest" (after an expiry). */
  rv: number;
  /** The stream name to start at (the last returned name plus "\u0000"). */
  start: string;
}

/** Encodes a token byte for byte as `storage.EncodeContinue` does (base64url JSON, no padding). */
export function encodeContinue(rv: number, start: string): string {
  // Go's json.Marshal writes the NUL byte as \u0000, which JSON.stringify does too.
  const json = `{"v":"meta.k8s.io/v1","rv":${rv},"start":${JSON.stringify(start)}}`;
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes a token; throws the message of the server's 400 for a malformed one. */
export function decodeContinue(token: string): ContinueToken {
  if (!/^[A-Za-z0-9_-]*$/.test(token) || token.length % 4 === 1) {
    const bad = token.search(/[^A-Za-z0-9_-]/);
    throw new SelectorError(
      `continue key is not valid: illegal base64 data at input byte ${bad < 0 ? token.length - 1 : bad}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new SelectorError('continue key is not valid: invalid character in continue token');
  }
  const c = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (c.v !== 'meta.k8s.io/v1') {
    throw new SelectorError(
      `continue key is not valid: server does not recognize this encoded version ${JSON.stringify(typeof c.v === 'string' ? c.v : '')}`,
    );
  }
  if (typeof c.rv !== 'number' || !Number.isInteger(c.rv) || c.rv === 0 || c.rv < -1) {
    throw new SelectorError(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  if (typeof c.start !== 'string' || c.start === '') {
    throw new SelectorError(
      'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)',
    );
  }
  return { rv: c.rv, start: c.start };
}

/** Options of the continue-token bookkeeping. */
export interface ContinueTokenOptions {
  /** A token older than this many milliseconds is expired (the real server: about 5 min). @default 300000 */
  ttlMs?: number;
}

/**
 * Remembers when each continue token was handed out, so that age and the explicit
 * `expireContinueTokens()` knob can expire them. A token this registry never issued (or forgot:
 * it keeps the newest 10000) expires only when its resourceVersion falls out of the history.
 */
export class ContinueTokens {
  readonly #issued = new Map<string, { at: number; seq: number }>();
  #seq = 0;
  #expiredSeq = 0;
  ttlMs: number;

  constructor(
    private readonly clock: () => number,
    options: ContinueTokenOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 300_000;
  }

  /** Records a token handed out now. */
  issue(token: string): void {
    this.#seq += 1;
    this.#issued.delete(token);
    this.#issued.set(token, { at: this.clock(), seq: this.#seq });
    if (this.#issued.size > 10_000) {
      const oldest = this.#issued.keys().next().value;
      if (oldest !== undefined) this.#issued.delete(oldest);
    }
  }

  /** Expires every token handed out so far. */
  expireAll(): void {
    this.#expiredSeq = this.#seq;
  }

  /** Whether a token handed out earlier has expired by age or by `expireAll`. */
  expired(token: string): boolean {
    const issued = this.#issued.get(token);
    if (!issued) return false;
    return issued.seq <= this.#expiredSeq || this.clock() - issued.at > this.ttlMs;
  }
}

const parseGoInt = (value: string): number | undefined =>
  /^[-+]?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;

/** One page of streams (and its ListMeta), or the error reply. */
type Page = { items: ImageStreamResource[]; meta: Record<string, unknown> } | Reply;

/**
 * The reply of one list request: `GET …/namespaces/{ns}/imagestreams` or
 * `…/imagestreamtags`, one page of streams either way (a 4xx Status when the options are wrong).
 */
export function listReply(
  resource: 'imagestreams' | 'imagestreamtags',
  store: Store,
  tokens: ContinueTokens,
  namespace: string,
  query: URLSearchParams,
  pretty: boolean,
): Reply {
  const page = pageImageStreams(store, tokens, namespace, query, pretty);
  if ('status' in page) return page;
  const body =
    resource === 'imagestreams' ? imageStreamList(page) : imageStreamTagList(page, namespace);
  return { status: 200, contentType: 'application/json', body: Buffer.from(goJson(body, pretty)) };
}

/** The ImageStreamList of one page. */
function imageStreamList(page: Exclude<Page, Reply>): Record<string, unknown> {
  return {
    kind: 'ImageStreamList',
    apiVersion: 'image.openshift.io/v1',
    metadata: orderListMeta(page.meta),
    items: page.items.map((s) => {
      const { kind: _kind, apiVersion: _apiVersion, ...rest } = s;
      return orderImageStream(rest);
    }),
  };
}

/**
 * The ImageStreamTag list (`GET …/namespaces/{ns}/imagestreamtags`), with its upstream quirks
 * (`docs/lists-and-discovery.md`, "ImageStreamTag list"): the caller's list options go to the
 * stream list unchanged (so `limit` counts streams), one item per status tag with history (spec-only
 * tags never appear), a thin `image` (name and the reference resolved by referencePolicy), and an
 * empty ListMeta (no continue, no resourceVersion).
 */
function imageStreamTagList(
  page: Exclude<Page, Reply>,
  namespace: string,
): Record<string, unknown> {
  const items: Record<string, unknown>[] = [];
  for (const stream of page.items) {
    const tags = [...(stream.status.tags ?? [])].sort((a, b) =>
      a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0,
    );
    for (const statusTag of tags) {
      const event = statusTag.items?.[0];
      if (!event) continue;
      const specTag = stream.spec.tags?.find((t) => t.name === statusTag.tag);
      const local =
        specTag?.referencePolicy?.type === 'Local' && stream.status.dockerImageRepository !== '';
      items.push(
        orderImageStreamTag({
          metadata: {
            name: `${stream.metadata.name ?? ''}:${statusTag.tag}`,
            namespace,
            uid: stream.metadata.uid,
            resourceVersion: stream.metadata.resourceVersion,
            creationTimestamp: event.created,
            labels: stream.metadata.labels ?? null,
            annotations: specTag?.annotations ?? null,
          },
          tag: specTag ?? null,
          generation: event.generation,
          lookupPolicy: stream.spec.lookupPolicy ?? { local: false },
          conditions: statusTag.conditions ?? [],
          image: orderImage({
            metadata: { name: event.image },
            dockerImageReference: local
              ? `${stream.status.dockerImageRepository}@${event.image}`
              : event.dockerImageReference,
          }),
        }),
      );
    }
  }
  return { kind: 'ImageStreamTagList', apiVersion: 'image.openshift.io/v1', metadata: {}, items };
}

function pageImageStreams(
  store: Store,
  tokens: ContinueTokens,
  namespace: string,
  query: URLSearchParams,
  pretty: boolean,
): Page {
  const fail = (body: StatusBody): Reply => statusReply(body, pretty);
  let labels;
  let fields;
  try {
    labels = parseLabelSelector(query.get('labelSelector') ?? '');
    fields = parseStreamFieldSelector(query.get('fieldSelector') ?? '');
  } catch (err) {
    if (err instanceof SelectorError) return fail(badRequest(err.message));
    throw err;
  }
  const limitText = query.get('limit') ?? '';
  let limit = 0;
  if (limitText !== '') {
    const parsed = parseGoInt(limitText);
    if (parsed === undefined) {
      return fail(
        badRequest(`strconv.ParseInt: parsing ${JSON.stringify(limitText)}: invalid syntax`),
      );
    }
    limit = Math.max(0, parsed);
  }
  const rvText = query.get('resourceVersion') ?? '';
  const continueText = query.get('continue') ?? '';
  const current = store.resourceVersion;

  let snapshotRv = current;
  let startAfter: string | undefined;
  if (continueText !== '') {
    if (rvText !== '' && rvText !== '0') {
      return fail(badRequest('specifying resource version is not allowed when using continue'));
    }
    let token: ContinueToken;
    try {
      token = decodeContinue(continueText);
    } catch (err) {
      if (err instanceof SelectorError)
        return fail(badRequest(`invalid continue token: ${err.message}`));
      throw err;
    }
    if (token.rv !== -1) {
      if (token.rv < store.compactedResourceVersion || tokens.expired(continueText)) {
        // A fresh token that continues at the latest resourceVersion (inconsistent).
        return fail(continueExpired(encodeContinue(-1, token.start)));
      }
      if (token.rv > current) return fail(tooLargeResourceVersion(token.rv, current));
      snapshotRv = token.rv;
    }
    startAfter = token.start;
  } else if (rvText !== '' && rvText !== '0') {
    const rv = parseGoInt(rvText);
    if (rv === undefined || rv < 0) {
      return fail(badRequest(`invalid resource version ${JSON.stringify(rvText)}`));
    }
    if (rv > current) return fail(tooLargeResourceVersion(rv, current));
    if (limit > 0 && query.get('resourceVersionMatch') !== 'NotOlderThan') {
      // limit without continue and rv=N: an exact read at N (410 once N is compacted).
      if (rv < store.compactedResourceVersion) return fail(listTooOld());
      snapshotRv = rv;
    }
  }

  const streams = store.streamsAt(namespace, snapshotRv);
  if (!streams) return fail(listTooOld());
  const fromStart =
    startAfter === undefined
      ? streams
      : streams.filter((s) => (s.metadata.name ?? '') >= startAfter);
  const items: ImageStreamResource[] = [];
  let lastName: string | undefined;
  let hasMore = false;
  for (const stream of fromStart) {
    if (limit > 0 && items.length >= limit) {
      hasMore = true;
      break;
    }
    lastName = stream.metadata.name ?? '';
    if (labels.matches(stream.metadata.labels) && fields.matches(stream)) items.push(stream);
  }
  const meta: Record<string, unknown> = { resourceVersion: String(snapshotRv) };
  if (hasMore && lastName !== undefined) {
    const next = encodeContinue(snapshotRv, `${lastName}\u0000`);
    tokens.issue(next);
    meta.continue = next;
    // Only without selectors: the count of keys after the page (etcd3 store GetList).
    if (labels.empty && fields.empty) meta.remainingItemCount = fromStart.length - limit;
  }
  return { items, meta };
}
