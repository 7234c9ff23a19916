/**
 * `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`: "may I?" answered from the
 * simulator's own per-user rights, with the caller's own token (`docs/lists-and-discovery.md`,
 * "SelfSubjectAccessReview"). The answer is 201 Created with the review echoed and
 * `status.allowed` filled in, as kube-apiserver's authorization REST does.
 */

import { goJson } from './go-json.js';
import { IMAGE_GROUP, badRequest } from './status.js';
import { statusReply, type Reply, type Store } from './store.js';
import type { SimulatorResource } from './types.js';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const NAMESPACED: ReadonlySet<string> = new Set([
  'imagestreams',
  'imagestreams/layers',
  'imagestreamimages',
  'imagestreamtags',
]);

/** Answers one review body for `user`; a body that is not a review is 400. */
export function answerAccessReview(
  store: Store,
  user: string,
  body: string,
  pretty: boolean,
): Reply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return statusReply(
      badRequest(
        `couldn't get version/kind; json parse error: ${body === '' ? 'unexpected end of JSON input' : 'invalid character in request body'}`,
      ),
      pretty,
    );
  }
  const review = (parsed ?? {}) as {
    spec?: { resourceAttributes?: unknown; nonResourceAttributes?: unknown };
  };
  const spec = review.spec ?? {};
  const raw = (spec.resourceAttributes ?? undefined) as Record<string, unknown> | undefined;
  const nonResource = (spec.nonResourceAttributes ?? undefined) as
    Record<string, unknown> | undefined;
  if (!raw && !nonResource) {
    return statusReply(
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
        reason: 'Invalid',
        details: {
          group: 'authorization.k8s.io',
          kind: 'SelfSubjectAccessReview',
          causes: [
            {
              reason: 'FieldValueInvalid',
              message:
                'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
              field: 'spec.resourceAttributes',
            },
          ],
        },
        code: 422,
      },
      pretty,
    );
  }
  let allowed = false;
  let echoedSpec: Record<string, unknown>;
  if (raw) {
    const a: ResourceAttributes = {
      namespace: str(raw.namespace),
      verb: str(raw.verb),
      group: str(raw.group),
      version: str(raw.version),
      resource: str(raw.resource),
      subresource: str(raw.subresource),
      name: str(raw.name),
    };
    const resource =
      a.subresource === '' ? (a.resource ?? '') : `${a.resource ?? ''}/${a.subresource ?? ''}`;
    if (a.group === IMAGE_GROUP) {
      if (NAMESPACED.has(resource) && a.namespace !== '') {
        allowed = store.can(user, a.verb ?? '', resource as SimulatorResource, a.namespace);
      } else if (resource === 'images' && a.namespace === '') {
        allowed = store.can(user, a.verb ?? '', 'images', undefined);
      }
    }
    // ResourceAttributes in Go field order, every field omitempty.
    const ordered: Record<string, string> = {};
    for (const key of [
      'namespace',
      'verb',
      'group',
      'version',
      'resource',
      'subresource',
      'name',
    ] as const) {
      const v = a[key];
      if (v !== undefined && v !== '') ordered[key] = v;
    }
    echoedSpec = { resourceAttributes: ordered };
  } else {
    const n = nonResource ?? {};
    const path = str(n.path);
    const verb = str(n.verb);
    allowed =
      verb === 'get' &&
      ['/healthz', '/readyz', '/livez', '/version', '/api', '/apis'].some(
        (p) => path === p || path.startsWith(`${p}/`),
      );
    const ordered: Record<string, string> = {};
    if (path !== '') ordered.path = path;
    if (verb !== '') ordered.verb = verb;
    echoedSpec = { nonResourceAttributes: ordered };
  }
  const answer = {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: echoedSpec,
    status: { allowed },
  };
  return {
    status: 201,
    contentType: 'application/json',
    body: Buffer.from(goJson(answer, pretty)),
  };
}
