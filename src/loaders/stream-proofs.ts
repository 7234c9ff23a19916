/**
 * What a caller's own successful read of an ImageStream (a GET, or an item of a list page) tells
 * the digest cache: the stream's annotations (which its ImageStreamImages carry) and every digest of
 * its tag history. With a positive `get imagestreamimages` decision in the namespace, that is a
 * proof of readability for those digests through that stream (image-cache.ts, rule 2c;
 * docs/caching.md, "Stream pages"). The navigation loaders call {@link noteStreamRead} after each
 * successful stream read with the caller's identity.
 */
import type { ImageCache, StreamReadFacts } from './image-cache.js';

/** The parts of an ImageStream this reads (structural: any decoded ImageStream fits). */
export interface ImageStreamReadShape {
  readonly metadata?: {
    readonly name?: string;
    readonly annotations?: Readonly<Record<string, string>> | null;
  };
  readonly status?: {
    readonly tags?:
      | readonly {
          readonly items?: readonly { readonly image?: string }[] | null;
        }[]
      | null;
  };
}

/** The facts of one stream read, or undefined for a stream without a name. */
export function streamReadFacts(stream: ImageStreamReadShape): StreamReadFacts | undefined {
  const name = stream.metadata?.name;
  if (name === undefined || name === '') return undefined;
  const digests: string[] = [];
  for (const tag of stream.status?.tags ?? []) {
    for (const item of tag.items ?? []) if (item.image !== undefined) digests.push(item.image);
  }
  return { name, annotations: stream.metadata?.annotations ?? null, digests };
}

/** Records the caller's own successful read of `stream` in `namespace`. */
export function noteStreamRead(
  cache: ImageCache,
  identity: string,
  namespace: string,
  stream: ImageStreamReadShape,
): void {
  const facts = streamReadFacts(stream);
  if (facts !== undefined) cache.noteStreamRead(identity, namespace, facts);
}
