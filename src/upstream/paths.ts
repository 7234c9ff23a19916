/**
 * Upstream request paths. Every caller-controlled value is one encoded path segment, so no input
 * can add a segment, traverse (`..`), or start a query string or fragment.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type {
  ImageStreamImageRef,
  ImageStreamListQuery,
  ImageStreamRef,
  ImageStreamTagRef,
} from '../model/refs.js';

/** The API group path every image request lives under. */
export const IMAGE_API_PREFIX = '/apis/image.openshift.io/v1';

/**
 * Encodes one path segment: `encodeURIComponent`, plus `!'()*`, which it leaves alone; they are
 * harmless in a path, but escaping them keeps the segment unambiguous for any intermediary.
 *
 * The segments `.` and `..` cannot be made safe by encoding: URL parsers treat `%2E` and `%2E%2E`
 * as dot-segments too and collapse them. Kubernetes names can never be `.` or `..` (nor empty), so
 * such a segment is refused with BAD_USER_INPUT before any request.
 */
export function encodePathSegment(value: string, argument: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `The ${argument} must be a name, but got: ${JSON.stringify(value)}`,
      { details: { argument } },
    );
  }
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `GET` path of one ImageStreamImage: `/apis/image.openshift.io/v1/namespaces/{ns}/imagestreamimages/{stream}@{id}`.
 * The namespace, the stream and the id are encoded separately; the `@` between stream and id is
 * literal because it is the API's own separator (an `@` inside the stream or id is encoded, so the
 * server still sees exactly the pieces the caller sent). Throws BAD_USER_INPUT for an empty,
 * `.` or `..` part.
 */
export function imageStreamImagePath(ref: ImageStreamImageRef): string {
  return (
    `${IMAGE_API_PREFIX}/namespaces/${encodePathSegment(ref.namespace, 'namespace')}` +
    `/imagestreamimages/${encodePathSegment(ref.stream, 'stream')}@${encodePathSegment(ref.id, 'id')}`
  );
}

function namespacePath(namespace: string): string {
  return `${IMAGE_API_PREFIX}/namespaces/${encodePathSegment(namespace, 'namespace')}`;
}

/** `GET` path of one ImageStream: `.../namespaces/{ns}/imagestreams/{name}`. */
export function imageStreamPath(ref: ImageStreamRef): string {
  return `${namespacePath(ref.namespace)}/imagestreams/${encodePathSegment(ref.name, 'name')}`;
}

/**
 * `GET` path of one ImageStreamTag: `.../namespaces/{ns}/imagestreamtags/{stream}:{tag}`. The `:`
 * is the API's own separator and stays literal; an encoded `:` inside a part would still reach the
 * server as a second separator, so the parser refuses it before (docs/navigation.md).
 */
export function imageStreamTagPath(ref: ImageStreamTagRef): string {
  return (
    `${namespacePath(ref.namespace)}/imagestreamtags/` +
    `${encodePathSegment(ref.stream, 'stream')}:${encodePathSegment(ref.tag, 'tag')}`
  );
}

/**
 * `GET` path and query of one page of image streams. Only the parameters given are sent, each
 * encoded by URLSearchParams, in a fixed order (the continue token is valid only with otherwise
 * identical parameters, so the same query always produces the same string).
 */
export function imageStreamListPath(query: ImageStreamListQuery): string {
  const params = new URLSearchParams();
  if (query.labelSelector !== undefined) params.set('labelSelector', query.labelSelector);
  if (query.fieldSelector !== undefined) params.set('fieldSelector', query.fieldSelector);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.continue !== undefined) params.set('continue', query.continue);
  const search = params.toString();
  return `${namespacePath(query.namespace)}/imagestreams${search === '' ? '' : `?${search}`}`;
}
