import { createHash } from 'node:crypto';
import type { ImageStreamImageRef } from '../../src/model/refs.js';
import type { ImageStreamImageResource } from '../../src/model/resources.js';

/** A canonical digest derived from a seed. */
export function digestOf(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

/** An ImageStreamImage response as the API server builds it; `layers` sets the image's size. */
export function buildImageStreamImage(
  options: {
    stream?: string;
    namespace?: string;
    id?: string;
    digest?: string;
    layers?: number;
    streamAnnotations?: Record<string, string>;
    signatures?: number;
  } = {},
): ImageStreamImageResource {
  const digest = options.digest ?? digestOf('default');
  const stream = options.stream ?? 'ubuntu';
  return {
    kind: 'ImageStreamImage',
    apiVersion: 'image.openshift.io/v1',
    metadata: {
      name: `${stream}@${options.id ?? digest}`,
      namespace: options.namespace ?? 'demo',
      creationTimestamp: '2024-03-11T09:15:02Z',
      annotations: options.streamAnnotations ?? {
        'openshift.io/image.dockerRepositoryCheck': '2024-03-11T09:15:02Z',
      },
    },
    image: {
      metadata: {
        name: digest,
        uid: '6b1f0d0e-3c1a-4a8e-9a51-2f0d3f4c1a02',
        resourceVersion: '480212',
        creationTimestamp: '2024-03-11T09:15:02Z',
      },
      dockerImageReference: `docker.io/library/${stream}@${digest}`,
      dockerImageMetadata: {
        kind: 'DockerImage',
        apiVersion: 'image.openshift.io/1.0',
        Id: digestOf(`config-${digest}`),
        Architecture: 'amd64',
        Size: 1000,
      },
      dockerImageMetadataVersion: '1.0',
      dockerImageLayers: Array.from({ length: options.layers ?? 2 }, (_, i) => ({
        name: digestOf(`${digest}-layer-${i}`),
        size: 1000 + i,
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
      })),
      dockerImageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      signatures: Array.from({ length: options.signatures ?? 0 }, (_, i) => ({
        metadata: { name: `${digest}@sig${i}` },
        type: 'AtomicImageV1',
        content: Buffer.from(`signature ${i}`).toString('base64'),
      })),
    },
  };
}

/** The ref a caller would send for `resource`. */
export function refOf(namespace: string, stream: string, id: string): ImageStreamImageRef {
  return { namespace, stream, id };
}
