/** A gateway over a counting fake client, for limit tests: every upstream GET is recorded. */
import type { ImageStreamImageResource } from '../../src/model/resources.js';
import { buildImageStreamImage, digestOf } from './factories.js';
import { createFakeGateway } from './fake-gateway.js';

export type { Body } from './fake-gateway.js';

/** The id the fake answers with a manifest list (hex, so a valid digest prefix). */
export const LIST_ID = 'cafe';

/** The digest of the `index`th child of a manifest list. */
export const childDigest = (index: number) => digestOf(`child-${index}`);

/**
 * Builds a gateway whose client answers every ref; a ref whose id is {@link LIST_ID} answers a manifest
 * list with `children` entries (each child a plain image).
 */
export async function limitsGateway(env: Record<string, string> = {}, children = 4) {
  const gateway = await createFakeGateway((ref) => {
    const resource: ImageStreamImageResource = buildImageStreamImage({
      digest:
        ref.id === LIST_ID
          ? digestOf('list')
          : ref.id.startsWith('sha256:')
            ? ref.id
            : digestOf(ref.id),
      namespace: ref.namespace,
      stream: ref.stream,
      id: ref.id,
    });
    if (ref.id === LIST_ID) {
      resource.image.dockerImageManifestMediaType =
        'application/vnd.docker.distribution.manifest.list.v2+json';
      resource.image.dockerImageManifests = Array.from({ length: children }, (_, i) => ({
        digest: childDigest(i),
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        manifestSize: 500,
        architecture: `arch${i}`,
        os: 'linux',
      }));
    }
    return Promise.resolve(resource);
  }, env);
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    gateway.post(payload, { authorization: 'Bearer sha256~alice', ...headers });
  const query = (q: string, variables?: Record<string, unknown>) =>
    post(variables === undefined ? { query: q } : { query: q, variables });
  return {
    server: gateway.server,
    post,
    query,
    calls: gateway.calls,
    navigationCalls: gateway.navigationCalls,
    logs: gateway.logs,
  };
}

/** What {@link limitsGateway} returns. */
export type LimitsGateway = Awaited<ReturnType<typeof limitsGateway>>;
