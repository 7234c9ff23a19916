/**
 * One question to the API server, asked with the caller's own credential: "may I `get
 * imagestreamimages` in this namespace?" (`POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`).
 * The digest cache uses a positive answer, with the caller's own read of an ImageStream, as a proof
 * of readability for the images that stream lists (docs/caching.md, "Stream pages").
 *
 * The review is sent by the OpenShift client (`reviewImageStreamImages` in ./openshift-client.ts)
 * through the same resilience loop as every read: the caller's slot, the circuit, one deadline,
 * the attempt events. This module holds what is particular to it: the path, the body and how an
 * answer is read. Any answer but a 200/201 with `status.allowed: true` proves nothing (the caller's
 * image is then read as usual, which reports the real error); the review is never retried, since a
 * failure costs only the saving, never the answer.
 */

export const ACCESS_REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

/** The review body: exactly the permission an ImageStreamImage GET needs. */
export function imageStreamImagesReview(namespace: string): object {
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: {
      resourceAttributes: {
        namespace,
        verb: 'get',
        group: 'image.openshift.io',
        resource: 'imagestreamimages',
      },
    },
  };
}

/** Whether an answer to the review allows the read: a 200/201 SelfSubjectAccessReview, allowed. */
export function reviewAllows(statusCode: number, body: string): boolean {
  if (statusCode !== 201 && statusCode !== 200) return false;
  try {
    const review = JSON.parse(body) as { kind?: unknown; status?: { allowed?: unknown } };
    return review.kind === 'SelfSubjectAccessReview' && review.status?.allowed === true;
  } catch {
    return false;
  }
}
