/**
 * `metav1.Status` error bodies, built exactly as k8s.io/apimachinery `pkg/api/errors` constructors
 * build them (see shared/upstream/API.md 1c and the status fixtures).
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
  metadata: Record<string, never>;
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

/** 403 for a namespaced resource request (`NewForbidden` as the authorization filter builds it). */
export function forbidden(
  resource: string,
  name: string,
  user: string,
  verb: string,
  namespace: string,
): StatusBody {
  const qualified = `${resource}.${IMAGE_GROUP}`;
  const subject = name === '' ? qualified : `${qualified} "${name}"`;
  return failure(
    403,
    `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${IMAGE_GROUP}" in the namespace "${namespace}"`,
    'Forbidden',
    { ...(name === '' ? {} : { name }), group: IMAGE_GROUP, kind: resource },
  );
}

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
