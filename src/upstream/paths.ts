/**
 * Upstream request paths. Every caller-controlled value is one encoded path segment, so no input
 * can add a segment, traverse (`..`), or start a query string or fragment.
 */
import type { ImageStreamImageRef } from './client.js';

/** The API group path every image request lives under. */
export const IMAGE_API_PREFIX = '/apis/image.openshift.io/v1';

/**
 * Encodes one path segment. `encodeURIComponent` leaves `.` alone, so the segments `.` and `..`
 * would still be dot-segments that URL normalisation (in proxies, or the API server's router)
 * collapses; encoding the dots of those two exact values keeps them literal names. Any other
 * value with a dot (`ubuntu.v2`) is left readable: a dot inside a segment is not special.
 */
export function encodePathSegment(value: string): string {
  if (value === '.' || value === '..') return value.replaceAll('.', '%2E');
  // encodeURIComponent leaves !'()* unescaped; they are harmless in a path, but escaping them
  // makes the segment unambiguous for any intermediary that treats them specially.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `GET` path of one ImageStreamImage: `/apis/image.openshift.io/v1/namespaces/{ns}/imagestreamimages/{stream}@{id}`.
 * The namespace, the stream and the id are encoded separately; the `@` between stream and id is
 * literal because it is the API's own separator (an `@` inside the stream or id is encoded, so the
 * server still sees exactly the pieces the caller sent).
 */
export function imageStreamImagePath(ref: ImageStreamImageRef): string {
  return (
    `${IMAGE_API_PREFIX}/namespaces/${encodePathSegment(ref.namespace)}` +
    `/imagestreamimages/${encodePathSegment(ref.stream)}@${encodePathSegment(ref.id)}`
  );
}
