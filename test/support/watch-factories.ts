/**
 * Factories of watched ImageStream states for the live-update tests: a stream is a map of tag ->
 * history (newest first), with `resourceVersion` bumped by each change, as the API server does.
 */
import type {
  ImageStreamResource,
  NamedTagEventListResource,
  TagEventConditionResource,
} from '../../src/model/image-stream.js';

/** A digest made from a short name, e.g. `digest('a')`. */
export function digest(name: string): string {
  return `sha256:${name.padEnd(64, '0').slice(0, 64)}`;
}

/** Builds a stream state; `tags` maps a tag to its history, newest first, as digest names. */
export function buildStream(options: {
  rv: number;
  tags: Record<string, readonly string[]>;
  uid?: string;
  failures?: Record<string, Partial<TagEventConditionResource>>;
  name?: string;
  namespace?: string;
}): ImageStreamResource {
  const tags: NamedTagEventListResource[] = Object.keys({
    ...options.tags,
    ...options.failures,
  })
    .sort()
    .map((tag) => {
      const failure = options.failures?.[tag];
      return {
        tag,
        items: (options.tags[tag] ?? []).map((name) => ({
          created: `2026-01-01T00:00:${String(name.charCodeAt(0) % 60).padStart(2, '0')}Z`,
          dockerImageReference: `registry.example/ns/s@${digest(name)}`,
          image: digest(name),
          generation: 1,
        })),
        ...(failure === undefined
          ? {}
          : {
              conditions: [
                {
                  type: 'ImportSuccess',
                  status: 'False',
                  generation: 2,
                  reason: 'NotFound',
                  message: 'manifest unknown',
                  lastTransitionTime: '2026-01-01T01:00:00Z',
                  ...failure,
                },
              ],
            }),
      };
    });
  return {
    kind: 'ImageStream',
    apiVersion: 'image.openshift.io/v1',
    metadata: {
      name: options.name ?? 's',
      namespace: options.namespace ?? 'ns',
      uid: options.uid ?? 'uid-1',
      resourceVersion: String(options.rv),
    },
    spec: {},
    status: { dockerImageRepository: '', tags },
  };
}
