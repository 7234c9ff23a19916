/**
 * The part of an `image.openshift.io/v1` ImageStream that live updates read: its identity and
 * version, and each tag's history (`status.tags[].items`, newest first) and conditions. A
 * structural subset of the full ImageStream resource, so a fully decoded stream is one too.
 */

/** `TagEvent`: one history entry of a tag. */
export interface WatchedTagEventResource {
  /** When the tag started pointing at the image (RFC 3339). */
  readonly created: string;
  readonly dockerImageReference: string;
  /** The full image digest. */
  readonly image: string;
  readonly generation: number;
}

/** `TagEventCondition`, e.g. `ImportSuccess=False` after a failed import. */
export interface WatchedTagConditionResource {
  readonly type: string;
  readonly status: string;
  readonly lastTransitionTime?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly generation: number;
}

/** `NamedTagEventList`: the history of one tag. */
export interface WatchedNamedTagEventListResource {
  readonly tag: string;
  readonly items?: readonly WatchedTagEventResource[];
  readonly conditions?: readonly WatchedTagConditionResource[];
}

/** An ImageStream as a watch or a GET returns it (only the fields live updates read). */
export interface WatchedImageStreamResource {
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
  };
  readonly status?: {
    readonly tags?: readonly WatchedNamedTagEventListResource[];
  };
}
