/**
 * What the loaders hand to resolvers. Resolvers receive upstream objects plus the origin
 * (namespace and stream) they were read through, so that children (manifest-list entries)
 * can be resolved through the same stream.
 */
import type DataLoader from 'dataloader';
import type {
  ImageStreamListResource,
  ImageStreamResource,
  ImageStreamTagResource,
} from '../model/image-stream.js';
import type {
  ImageStreamImageRef,
  ImageStreamListQuery,
  ImageStreamRef,
  ImageStreamTagRef,
} from '../model/refs.js';
import type { ImageStreamImageResource } from '../model/resources.js';

/** The namespace and stream an image was read through. */
export interface ImageOrigin {
  readonly namespace: string;
  readonly stream: string;
}

/** One decoded ImageStreamImage and where it was read. */
export interface LoadedImageStreamImage {
  readonly resource: ImageStreamImageResource;
  readonly origin: ImageOrigin;
}

/** One ImageStream and the namespace it was read in. */
export interface LoadedImageStream {
  readonly namespace: string;
  readonly resource: ImageStreamResource;
}

/** One ImageStreamTag and the parts of its name. */
export interface LoadedImageStreamTag {
  readonly namespace: string;
  readonly stream: string;
  readonly tag: string;
  readonly resource: ImageStreamTagResource;
}

/** Per-request loaders: created for each GraphQL request, never shared between callers. */
export interface Loaders {
  /** Keyed by namespace and name: one GET per stream per request, the caller's cache across requests. */
  readonly imageStream: DataLoader<ImageStreamRef, LoadedImageStream, string>;
  /** Keyed by namespace, stream and tag. */
  readonly imageStreamTag: DataLoader<ImageStreamTagRef, LoadedImageStreamTag, string>;
  /** One page of streams (one list GET; the same page twice in a request is one GET). */
  imageStreamPage(query: ImageStreamListQuery): Promise<ImageStreamListResource>;
  /**
   * Where this caller recently read an image with this full digest (a namespace and stream), so
   * that `node(id:)` of an Image, whose id names only the digest, can read it again through it.
   */
  imageOrigin(digest: string): ImageOrigin | undefined;
  /** Keyed by namespace, stream and id (as sent); duplicates in one request cost one GET. */
  readonly imageStreamImage: DataLoader<ImageStreamImageRef, LoadedImageStreamImage, string>;
}
