/** A gateway over a counting fake client, for limit tests: every upstream GET is recorded. */
import { createGatewayServer } from '../../../src/server/create-gateway-server.js';
import type { OpenShiftClient, ImageStreamImageRef } from '../../../src/upstream/client.js';
import type { ImageStreamImageResource } from '../../../src/upstream/types.js';
import { buildImageStreamImage, digestOf } from '../loaders/factories.js';
import { testConfig } from '../../helpers/config.js';
import { captureLogs } from '../../helpers/logs.js';

/** A GraphQL response body as the tests read it. */
export interface Body {
  data?: unknown;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** The digest of the `index`th child of a manifest list. */
export const childDigest = (index: number) => digestOf(`child-${index}`);

/**
 * Builds a gateway whose client answers every ref; a ref whose id is `list` answers a manifest
 * list with `children` entries (each child a plain image).
 */
export function limitsGateway(env: Record<string, string> = {}, children = 4) {
  const calls: ImageStreamImageRef[] = [];
  const client: OpenShiftClient = {
    getImageStreamImage(ref, _credential, options) {
      calls.push(ref);
      options?.onAttempt?.();
      const resource: ImageStreamImageResource = buildImageStreamImage({
        digest:
          ref.id === 'list'
            ? digestOf('list')
            : ref.id.startsWith('sha256:')
              ? ref.id
              : digestOf(ref.id),
        namespace: ref.namespace,
        stream: ref.stream,
        id: ref.id,
      });
      if (ref.id === 'list') {
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
    },
    probe: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const logs = captureLogs();
  const server = createGatewayServer({
    config: testConfig(env),
    client,
    logger: logs.logger,
    serviceCredential: () => Promise.resolve({ token: 'sha256~service' }),
  });
  const post = async (
    payload: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ response: Response; body: Body }> => {
    const response = await server.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sha256~alice',
        ...headers,
      },
      body: JSON.stringify(payload),
    });
    const text = await response.text();
    return { response, body: JSON.parse(text) as Body };
  };
  const query = (q: string, variables?: Record<string, unknown>) =>
    post(variables === undefined ? { query: q } : { query: q, variables });
  return { server, post, query, calls, logs };
}
