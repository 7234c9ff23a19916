/**
 * Mapper types: what each GraphQL object's resolvers receive as `parent` (wired in `codegen.ts`),
 * where that is more than an upstream object of `src/model` (those are mapped there directly): an
 * Image and a manifest-list entry also carry the namespace and stream they were read through, so
 * that children resolve through the same stream; a string-map entry or platform is built here.
 */
import type { ImageOrigin, LoadedImageStreamImage } from '../loaders/types.js';
import type { ImageManifestResource, ImageResource } from '../model/resources.js';

/** `ImageStreamImage`: the decoded response and where it was read. */
export type ImageStreamImageMapper = LoadedImageStreamImage;

/** `Image`: the upstream Image plus the namespace and stream it was read through. */
export interface ImageMapper {
  readonly resource: ImageResource;
  readonly origin: ImageOrigin;
}

/** `ImageManifest`: one manifest-list entry plus the origin of the list it belongs to. */
export interface ImageManifestMapper {
  readonly resource: ImageManifestResource;
  readonly origin: ImageOrigin;
}

/** `StringEntry`: one key and value of an upstream string map. */
export interface StringEntryMapper {
  readonly key: string;
  readonly value: string;
}
/** `Platform`: what an image or a manifest-list entry says it runs on. */
export interface PlatformMapper {
  readonly architecture: string;
  readonly os: string | null;
  readonly variant: string | null;
}

/** The `Image` of a loaded ImageStreamImage, carrying the origin it was read through. */
export function imageOf(loaded: LoadedImageStreamImage): ImageMapper {
  return { resource: loaded.resource.image, origin: loaded.origin };
}
