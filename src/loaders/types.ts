/**
 * What the loaders hand to resolvers. Resolvers receive upstream objects plus the origin
 * (namespace and stream) they were read through, so that children (manifest-list entries)
 * can be resolved through the same stream.
 */
import type DataLoader from 'dataloader';
import type { ImageStreamImageRef } from '../model/refs.js';
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

/** Per-request loaders: created for each GraphQL request, never shared between callers. */
export interface Loaders {
  /** Keyed by namespace, stream and id (as sent); duplicates in one request cost one GET. */
  readonly imageStreamImage: DataLoader<ImageStreamImageRef, LoadedImageStreamImage, string>;
}
