/**
 * Global ids of the `Node` types (docs/navigation.md, "Ids"): base64url of a JSON array
 * `[type, ...parts]`. Opaque to clients, stable (built only from names and digests, never from
 * anything that changes), and decoded back into exactly the parts that read the object again.
 * `Image` ids hold only the digest, so one image has one id however it was reached.
 */
import { createHash } from 'node:crypto';
import { stringify as canonicalJson } from 'safe-stable-stringify';
import { GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamRef, ImageStreamTagRef } from '../model/refs.js';
import { parseImageStreamImageName, parseImageStreamRef, parseImageStreamTagName } from './keys.js';

/** The canonical full digest form. */
const FULL_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** What a global id names. */
export type NodeRef =
  | { readonly type: 'ImageStream'; readonly ref: ImageStreamRef }
  | { readonly type: 'ImageStreamTag'; readonly ref: ImageStreamTagRef }
  | {
      readonly type: 'ImageStreamImage';
      readonly namespace: string;
      readonly stream: string;
      readonly digest: string;
    }
  | { readonly type: 'Image'; readonly digest: string };

function encode(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The id of an ImageStream. */
export const imageStreamId = (namespace: string, name: string): string =>
  encode(['ImageStream', namespace, name]);

/** The id of an ImageStreamTag (`<stream>:<tag>`). */
export const imageStreamTagId = (namespace: string, stream: string, tag: string): string =>
  encode(['ImageStreamTag', namespace, `${stream}:${tag}`]);

/** The id of an ImageStreamImage by its full digest (a prefix read has the same id). */
export const imageStreamImageId = (namespace: string, stream: string, digest: string): string =>
  encode(['ImageStreamImage', namespace, stream, digest]);

/** The id of a row of a stream's tag table (not a Node: `node(id:)` refuses it). */
export const imageStreamTagSummaryId = (namespace: string, stream: string, tag: string): string =>
  encode(['ImageStreamTagSummary', namespace, stream, tag]);

/** The id of one tag event (not a Node): an event is its tag, its image and its time. */
export const tagEventId = (
  namespace: string,
  stream: string,
  tag: string,
  digest: string,
  created: string,
): string => encode(['TagEvent', namespace, stream, tag, digest, created]);

/** The id of an Image: the digest alone. */
export const imageId = (digest: string): string => encode(['Image', digest]);

/**
 * The id of a part of a stream that has no name of its own but belongs to exactly one stream (not
 * a Node): its `spec`, its `status`, or one status tag list (`tag` given). A client cache keeps one
 * entry per stream part and updates it when the stream is read again.
 */
export const imageStreamPartId = (
  type: 'ImageStreamSpec' | 'ImageStreamStatus' | 'NamedTagEventList',
  namespace: string,
  stream: string,
  tag?: string,
): string => encode(tag === undefined ? [type, namespace, stream] : [type, namespace, stream, tag]);

/** Value ids already computed, by type: upstream objects are never mutated, so hash each once. */
const valueIds = new Map<string, WeakMap<object, string>>();

/**
 * The id of a value that names nothing (not a Node: metadata, layers, conditions, policies, a live
 * event): base64url of the JSON array `[type, hash]`, where `hash` is the first 22 characters of
 * the base64url SHA-256 of the value's canonical JSON (keys sorted). Equal values share one id and
 * a changed value gets a new one, so a client cache may merge them safely. `scope` is what the
 * value's fields read besides the value itself (a tag name): then the hashed value is
 * `[scope, value]`.
 */
export function valueId(type: string, value: object, scope?: string): string {
  let memo = valueIds.get(type);
  if (memo === undefined) {
    memo = new WeakMap();
    valueIds.set(type, memo);
  }
  const known = scope === undefined ? memo.get(value) : undefined;
  if (known !== undefined) return known;
  const hash = createHash('sha256')
    .update(canonicalJson(scope === undefined ? value : [scope, value]) ?? '')
    .digest('base64url')
    .slice(0, 22);
  const id = encode([type, hash]);
  if (scope === undefined) memo.set(value, id);
  return id;
}

function malformed(): GatewayError {
  return new GatewayError(
    'BAD_USER_INPUT',
    'The id is not a global id of this gateway: pass an `id` exactly as a `Node.id` field returned it.',
    { details: { argument: 'id' } },
  );
}

function fullDigest(value: string | undefined): string {
  if (value === undefined || !FULL_DIGEST.test(value)) throw malformed();
  return value;
}

/**
 * Decodes a global id; BAD_USER_INPUT (no upstream request) for anything this gateway did not
 * issue: not base64url, not a JSON array of strings, an unknown type, the wrong number of parts, or
 * names the API server would refuse.
 */
export function parseNodeId(id: string): NodeRef {
  if (id.length === 0 || id.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(id)) throw malformed();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parts) || !parts.every((p): p is string => typeof p === 'string')) {
    throw malformed();
  }
  // A canonical id only: re-encoding must give the same string (no padding or odd spellings).
  if (encode(parts) !== id) throw malformed();
  const [type, a, b, c] = parts;
  try {
    switch (type) {
      case 'ImageStream':
        if (parts.length !== 3 || a === undefined || b === undefined) break;
        return { type, ref: parseImageStreamRef(a, b) };
      case 'ImageStreamTag':
        if (parts.length !== 3 || a === undefined || b === undefined) break;
        return { type, ref: parseImageStreamTagName(a, b) };
      case 'ImageStreamImage': {
        if (parts.length !== 4 || a === undefined || b === undefined) break;
        const digest = fullDigest(c);
        const ref = parseImageStreamImageName(a, `${b}@${digest}`);
        return { type, namespace: ref.namespace, stream: ref.stream, digest };
      }
      case 'Image':
        if (parts.length !== 2) break;
        return { type, digest: fullDigest(a) };
      case undefined:
      default:
        break;
    }
  } catch {
    throw malformed();
  }
  throw malformed();
}
