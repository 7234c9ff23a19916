/**
 * Name parsing and digest resolution, as openshift-apiserver does them (API.md 1b and 1d).
 */

import type { ImageResource, ImageStreamResource } from './types.js';

/** Parses an ImageStreamImage name `<stream>@<id>`: exactly two non-empty pieces, else `undefined`. */
export function parseImageStreamImageName(
  name: string,
): { stream: string; id: string } | undefined {
  const parts = name.split('@');
  const [stream, id] = parts;
  if (parts.length !== 2 || !stream || !id) return undefined;
  return { stream, id };
}

/** Parses an ImageStreamTag name `<stream>:<tag>`: no `@`, exactly one `:`, both sides non-empty. */
export function parseImageStreamTagName(name: string): { stream: string; tag: string } | undefined {
  if (name.includes('@')) return undefined;
  const parts = name.split(':');
  const [stream, tag] = parts;
  if (parts.length !== 2 || !stream || !tag) return undefined;
  return { stream, tag };
}

/**
 * The digests `GET imagestreamimages` can resolve in a stream: the keys of the stream's layers
 * view. That is every non-empty `status.tags[*].items[*].image` (tags in name order, history
 * newest first), then, recursively, each `dockerImageManifests[].digest` of a manifest-list image
 * that still exists. Duplicates are dropped, keeping the first position.
 */
export function streamCandidates(
  stream: ImageStreamResource,
  getImage: (digest: string) => ImageResource | undefined,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (digest: string): void => {
    if (digest === '' || seen.has(digest)) return;
    seen.add(digest);
    out.push(digest);
    for (const child of getImage(digest)?.dockerImageManifests ?? []) visit(child.digest);
  };
  const tags = [...(stream.status.tags ?? [])].sort((a, b) =>
    a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0,
  );
  for (const tag of tags) for (const item of tag.items ?? []) visit(item.image);
  return out;
}

/** Whether `id` selects `candidate`: a case-sensitive prefix of its hex or of the whole digest. */
export function digestMatches(candidate: string, id: string): boolean {
  const colon = candidate.indexOf(':');
  const hex = colon < 0 ? candidate : candidate.slice(colon + 1);
  return hex.startsWith(id) || candidate.startsWith(id);
}

/**
 * Resolves `id` (full digest, `sha256:` prefix, or bare hex prefix; no minimum length) against
 * the candidates.
 *
 * The real server takes whichever match comes last in Go map iteration (random per request) and
 * never reports ambiguity. The simulator is deterministic instead: it returns the FIRST match in
 * `streamCandidates` order (tags by name, newest history first, list children after their list).
 */
export function resolveImageId(candidates: readonly string[], id: string): string | undefined {
  return candidates.find((candidate) => digestMatches(candidate, id));
}
