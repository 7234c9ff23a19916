/**
 * `metav1.Status` error bodies, built exactly as k8s.io/apimachinery `pkg/api/errors` constructors
 * build them (see `docs/openshift-api.md`, "Errors", and the status fixtures).
 */

/** Group of every resource the simulator serves. */
export const IMAGE_GROUP = 'image.openshift.io';

/** The `details` of a Status (all keys omitempty). */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message?: string; field?: string }[];
  retryAfterSeconds?: number;
}

/** A failure `metav1.Status`. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  /** ListMeta: empty except on a 410 for an expired continue token, which carries a fresh one. */
  metadata: { continue?: string };
  status: 'Failure';
  message: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

function failure(
  code: number,
  message: string,
  reason: string | undefined,
  details?: StatusDetails,
): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    ...(reason === undefined ? {} : { reason }),
    ...(details === undefined ? {} : { details }),
    code,
  };
}

/** 400 BadRequest, free text, no details. */
export const badRequest = (message: string): StatusBody => failure(400, message, 'BadRequest');

/** 401 `Unauthorized`. */
export const unauthorized = (): StatusBody => failure(401, 'Unauthorized', 'Unauthorized');

/**
 * 403 of the authorization filter (`NewForbidden`) for an image.openshift.io resource; `scope` ends
 * the message: `in the namespace "<ns>"` or `at the cluster scope`. The name is named when known.
 */
function forbiddenIn(
  resource: string,
  name: string,
  user: string,
  verb: string,
  scope: string,
): StatusBody {
  const qualified = `${resource}.${IMAGE_GROUP}`;
  const subject = name === '' ? qualified : `${qualified} "${name}"`;
  return failure(
    403,
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${IMAGE_GROUP}" ${scope}`,
    'Forbidden',
    { ...(name === '' ? {} : { name }), group: IMAGE_GROUP, kind: resource },
  );
}

/** 403 for a namespaced resource request (`NewForbidden` as the authorization filter builds it). */
export const forbidden = (
  resource: string,
  name: string,
  user: string,
  verb: string,
  namespace: string,
): StatusBody => forbiddenIn(resource, name, user, verb, `in the namespace "${namespace}"`);

/** 404 `<resource>.image.openshift.io "<name>" not found`. */
export const notFound = (resource: string, name: string): StatusBody =>
  failure(404, `${resource}.${IMAGE_GROUP} "${name}" not found`, 'NotFound', {
    name,
    group: IMAGE_GROUP,
    kind: resource,
  });

/** 404 for a URL no route serves. */
export const unknownPath = (): StatusBody =>
  failure(404, 'the server could not find the requested resource', 'NotFound', {});

/** 405 `<verb> is not supported on resources of kind "<resource>.image.openshift.io"`. */
export const methodNotSupported = (resource: string, verb: string): StatusBody =>
  failure(
    405,
    `${verb} is not supported on resources of kind "${resource}.${IMAGE_GROUP}"`,
    'MethodNotAllowed',
    { group: IMAGE_GROUP, kind: resource },
  );

/** 500 ServerTimeout (layer index not synced); the caller adds `Retry-After`. */
export const serverTimeout = (resource: string, retryAfterSeconds: number): StatusBody =>
  failure(
    500,
    `The get operation against ${resource}.${IMAGE_GROUP} could not be completed at this time, please try again.`,
    'ServerTimeout',
    { name: 'get', group: IMAGE_GROUP, kind: resource, retryAfterSeconds },
  );

/** 500 InternalError wrapping an error text. */
export const internalError = (text: string): StatusBody =>
  failure(500, `Internal error occurred: ${text}`, 'InternalError', {
    causes: [{ message: text }],
  });

/**
 * 403 for the cluster-scoped `images` (`... at the cluster scope`), as the authorization filter
 * words it when the request has no namespace.
 */
export const forbiddenClusterScope = (
  resource: string,
  name: string,
  user: string,
  verb: string,
): StatusBody => forbiddenIn(resource, name, user, verb, 'at the cluster scope');

/**
 * 403 for a subresource (`imagestreams/layers`): the message names `<resource>/<subresource>`,
 * while `details.kind` and the qualified resource name only the resource.
 */
export function forbiddenSubresource(
  resource: string,
  subresource: string,
  name: string,
  user: string,
  verb: string,
  namespace: string,
): StatusBody {
  return failure(
    403,
    `${resource}.${IMAGE_GROUP} "${name}" is forbidden: User "${user}" cannot ${verb} resource "${resource}/${subresource}" in API group "${IMAGE_GROUP}" in the namespace "${namespace}"`,
    'Forbidden',
    { name, group: IMAGE_GROUP, kind: resource },
  );
}

/** 403 for a resource outside image.openshift.io (e.g. selfsubjectaccessreviews), cluster scope. */
export function forbiddenOtherGroup(
  resource: string,
  group: string,
  user: string,
  verb: string,
): StatusBody {
  return failure(
    403,
    `${resource}.${group} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" at the cluster scope`,
    'Forbidden',
    { group, kind: resource },
  );
}

/** The text of `storage` "inconsistentContinue": a continue token too old for a consistent list. */
export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** 410 Expired for an expired continue token, with a fresh token (rv -1) in `metadata.continue`. */
export function continueExpired(freshToken: string): StatusBody {
  return {
    ...failure(410, CONTINUE_EXPIRED_MESSAGE, 'Expired'),
    metadata: { continue: freshToken },
  };
}

/** 410 Expired for an exact list read at a compacted resourceVersion. */
export const listTooOld = (): StatusBody =>
  failure(410, 'The resourceVersion for the provided list is too old.', 'Expired');

/** 410 Expired for a watch from a resourceVersion older than the history (the ERROR event's Status). */
export const watchTooOld = (requested: number, oldest: number): StatusBody =>
  failure(410, `too old resource version: ${requested} (${oldest})`, 'Expired');

/** 504 for a resourceVersion newer than the server has seen (`NewTooLargeResourceVersionError`). */
export const tooLargeResourceVersion = (requested: number, current: number): StatusBody =>
  failure(
    504,
    `Timeout: Too large resource version: ${requested}, current: ${current}`,
    'Timeout',
    {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    },
  );

/** 403 for a non-resource path (`forbidden: User "<u>" cannot get path "<path>"`, empty details). */
export const forbiddenPath = (user: string, verb: string, path: string): StatusBody =>
  failure(403, `forbidden: User "${user}" cannot ${verb} path "${path}"`, 'Forbidden', {});

/** 405 for a resource of another API group. */
export const methodNotSupportedIn = (resource: string, group: string, verb: string): StatusBody =>
  failure(
    405,
    `${verb} is not supported on resources of kind "${resource}.${group}"`,
    'MethodNotAllowed',
    {
      group,
      kind: resource,
    },
  );
