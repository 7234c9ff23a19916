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
