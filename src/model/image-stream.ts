/**
 * Upstream JSON types of image streams, image stream lists and image stream tags
 * (`image.openshift.io/v1`), exactly as the API server writes them; see docs/navigation.md.
 *
 * Public contract of the upstream: every name is the JSON name on the wire. Optional (`?`) means
 * the server may omit the key. Decoding (src/upstream/decode-image-stream.ts) turns explicit
 * `null`s of lists and maps into absent keys, so these types need no `| null` there.
 */
import type { ImageResource, ObjectMetaResource, TimeResource } from './resources.js';

/** `ObjectReference` as used in `TagReference.from`. */
export interface ObjectReferenceResource {
  /** `DockerImage`, `ImageStreamTag` or `ImageStreamImage`. */
  kind?: string;
  name?: string;
  namespace?: string;
}

/** `TagImportPolicy` of a spec tag. */
export interface TagImportPolicyResource {
  insecure?: boolean;
  scheduled?: boolean;
  /** `Legacy` (the default) or `PreserveOriginal`. */
  importMode?: string;
}

/** `TagReferencePolicy` of a spec tag. */
export interface TagReferencePolicyResource {
  /** `Source` (the default) or `Local`. */
  type?: string;
}

/** Spec `TagReference`: what a tag should point at. */
export interface TagReferenceResource {
  name: string;
  annotations?: Record<string, string>;
  from?: ObjectReferenceResource;
  reference?: boolean;
  /** int64; always emitted by the server, may be null (then absent here). */
  generation?: number;
  importPolicy?: TagImportPolicyResource;
  referencePolicy?: TagReferencePolicyResource;
}

/** `TagEvent`: one history entry of a tag, newest first in `items`. */
export interface TagEventResource {
  created: TimeResource;
  /** The pull spec recorded for this event. */
  dockerImageReference: string;
  /** The full digest (the Image name). */
  image: string;
  /** int64: the spec-tag generation that produced the event. */
  generation: number;
}

/** `TagEventCondition`: present when the last import of a tag failed. */
export interface TagEventConditionResource {
  /** `ImportSuccess`. */
  type: string;
  status: string;
  lastTransitionTime?: TimeResource;
  reason?: string;
  message?: string;
  generation: number;
}

/** `NamedTagEventList`: the status (history) of one tag. */
export interface NamedTagEventListResource {
  tag: string;
  /** Newest first; absent when no import ever succeeded (the server may write `null`). */
  items?: TagEventResource[];
  conditions?: TagEventConditionResource[];
}

/** `ImageLookupPolicy`. */
export interface ImageLookupPolicyResource {
  local: boolean;
}

/** `image.openshift.io/v1` ImageStream. Items of a list carry no kind or apiVersion. */
export interface ImageStreamResource {
  kind?: string;
  apiVersion?: string;
  metadata: ObjectMetaResource;
  spec: {
    lookupPolicy?: ImageLookupPolicyResource;
    dockerImageRepository?: string;
    /** Sorted by name by the server. */
    tags?: TagReferenceResource[];
  };
  status?: {
    /** Always emitted, may be `""`. */
    dockerImageRepository?: string;
    /** Only when the registry route is exposed. */
    publicDockerImageRepository?: string;
    /** Sorted by tag by the server. */
    tags?: NamedTagEventListResource[];
  };
}

/** `metav1.ListMeta`. */
export interface ListMetaResource {
  resourceVersion?: string;
  /** Set when more items exist; valid only with otherwise identical query parameters. */
  continue?: string;
  /** int64 estimate of what is left; absent with selectors and on the last page. */
  remainingItemCount?: number;
}

/** `ImageStreamList`, as `GET .../namespaces/{ns}/imagestreams` returns it. */
export interface ImageStreamListResource {
  kind: 'ImageStreamList';
  apiVersion?: string;
  metadata: ListMetaResource;
  items: ImageStreamResource[];
}

/** `image.openshift.io/v1` ImageStreamTag, as `GET .../imagestreamtags/{stream}:{tag}` returns it. */
export interface ImageStreamTagResource {
  kind?: string;
  apiVersion?: string;
  /** name `<stream>:<tag>`; uid and resourceVersion are the stream's; labels the stream's. */
  metadata: ObjectMetaResource;
  /** The spec tag; absent (`null` on the wire) when the tag exists only in status. */
  tag?: TagReferenceResource;
  /** int64: generation of the current tag event. */
  generation?: number;
  lookupPolicy?: ImageLookupPolicyResource;
  conditions?: TagEventConditionResource[];
  /** The current image; `dockerImageReference` rewritten by referencePolicy. */
  image: ImageResource;
}
