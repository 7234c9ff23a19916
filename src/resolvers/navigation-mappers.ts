/**
 * Mapper types of the navigation objects (wired in `codegen.ts`): what their resolvers receive as
 * `parent`. A tag event or tag row carries the stream it came from, so that pull specs follow the
 * tag's referencePolicy and images are read through the same stream.
 */
import type { CursorScope } from '../loaders/cursor.js';
import type { LoadedImageStream, LoadedImageStreamTag } from '../loaders/types.js';
import type {
  ImageStreamListResource,
  NamedTagEventListResource,
  TagEventConditionResource,
  TagEventResource,
  TagReferenceResource,
} from '../model/image-stream.js';

/** `ImageStream`: the upstream stream and the namespace it was read in. */
export type ImageStreamMapper = LoadedImageStream;
/** `ImageStreamSpec`: the whole stream (tags need nothing else, but keeps one shape). */
export type ImageStreamSpecMapper = LoadedImageStream;
/** `ImageStreamStatus`: the whole stream, so that events know their stream. */
export type ImageStreamStatusMapper = LoadedImageStream;

/** `NamedTagEventList`: one status tag and its stream. */
export interface NamedTagEventListMapper {
  readonly stream: LoadedImageStream;
  readonly list: NamedTagEventListResource;
}

/** `TagEvent`: one event, its tag and its stream. */
export interface TagEventMapper {
  readonly stream: LoadedImageStream;
  readonly tag: string;
  readonly event: TagEventResource;
}

/** `ImageStreamTagSummary`: one name of the stream, with its spec and status parts. */
export interface ImageStreamTagSummaryMapper {
  readonly stream: LoadedImageStream;
  readonly name: string;
  readonly spec: TagReferenceResource | undefined;
  readonly status: NamedTagEventListResource | undefined;
}

/** `TagImportError`: the failing condition and its tag. */
export interface TagImportErrorMapper {
  readonly tag: string;
  readonly condition: TagEventConditionResource;
}

/** `ImageStreamTag`: the upstream istag and the parts of its name. */
export type ImageStreamTagMapper = LoadedImageStreamTag;

/** `ImageStreamConnection`: one page and what its cursors must repeat. */
export interface ImageStreamConnectionMapper {
  readonly namespace: string;
  readonly list: ImageStreamListResource;
  /** The page's parameters, encoded into every cursor (see cursor.ts). */
  readonly cursorScope: CursorScope;
  /** The continue token this page was read with (undefined for the first page). */
  readonly pageToken: string | undefined;
  /** Items of the page to drop before the edges (when `after` was an edge's cursor). */
  readonly skip: number;
}

/** `ImageStreamEdge`: one stream of a page and its cursor. */
export interface ImageStreamEdgeMapper {
  readonly cursor: string;
  readonly node: LoadedImageStream;
}
