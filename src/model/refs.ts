/**
 * References to upstream objects: what names one object in the OpenShift API.
 */

/** Identifies one ImageStreamImage: `GET /apis/image.openshift.io/v1/namespaces/{namespace}/imagestreamimages/{stream}@{id}`. */
export interface ImageStreamImageRef {
  readonly namespace: string;
  readonly stream: string;
  /** The id as the caller sent it: a full digest, a prefix, with or without `sha256:`. */
  readonly id: string;
}

/** Identifies one ImageStream: `GET .../namespaces/{namespace}/imagestreams/{name}`. */
export interface ImageStreamRef {
  readonly namespace: string;
  readonly name: string;
}

/** Identifies one ImageStreamTag: `GET .../namespaces/{namespace}/imagestreamtags/{stream}:{tag}`. */
export interface ImageStreamTagRef {
  readonly namespace: string;
  readonly stream: string;
  readonly tag: string;
}

/**
 * One page of `GET .../namespaces/{namespace}/imagestreams` (docs/navigation.md): `limit` and
 * `continue` page it, the selectors filter it; a continue token is valid only with otherwise
 * identical parameters.
 */
export interface ImageStreamListQuery {
  readonly namespace: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}
