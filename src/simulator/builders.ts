/**
 * Factories for consistent image data: every digest is the real sha256 of the manifest bytes the
 * factory writes, config digests are the sha256 of the config bytes, and
 * `dockerImageMetadata.Size` = config size + the sum of unique layer sizes, as the server computes
 * it. Tests build variations here instead of copy-pasting JSON.
 */

import { createHash } from 'node:crypto';

import type {
  ImageResource,
  ImageSignatureResource,
  ImageStreamResource,
  NamedTagEventListResource,
  TagReferenceResource,
} from './types.js';

/** `sha256:<hex>` of a string's UTF-8 bytes. */
export function sha256Digest(bytes: string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A deterministic RFC 4122-shaped UUID derived from a seed. */
export function seededUid(seed: string): string {
  const h = createHash('sha256').update(`uid:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const MEDIA = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    list: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    list: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

/** Platform of a single-arch image. */
export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

/** A built image: the API object plus the raw bytes its digests are computed from. */
export interface BuiltImage {
  /** `sha256:<hex>` of `manifest`; also `image.metadata.name`. */
  readonly digest: string;
  readonly image: ImageResource;
  /** The raw manifest (or manifest list) bytes. */
  readonly manifest: string;
  /** The raw config bytes (`''` for a manifest list). */
  readonly config: string;
  /** `sha256:<hex>` of `config` (`undefined` for a manifest list). */
  readonly configDigest: string | undefined;
  readonly platform: Platform | undefined;
}

/** Options of `buildImage`; every field has a default, so `buildImage()` is a valid image. */
export interface BuildImageOptions {
  /** Determines layer digests, config content and uid; distinct seeds give distinct images. @default 'image' */
  seed?: string;
  /** Manifest format. @default 'docker' */
  format?: 'docker' | 'oci';
  /** @default { architecture: 'amd64', os: 'linux' } */
  platform?: Platform;
  /** Layer blob sizes in bytes, base first (int64: may exceed 2 GiB). @default [28_000_000, 35_000, 850] */
  layerSizes?: readonly number[];
  /** Image `metadata.creationTimestamp`. @default '2024-05-01T10:00:00Z' */
  created?: string;
  /** The config's `created` (becomes `dockerImageMetadata.Created`). @default created */
  configCreated?: string;
  /** Repository part of `dockerImageReference` (`<repository>@<digest>`). @default 'quay.io/example/<seed>' */
  repository?: string;
  /** Extra config labels (`dockerImageMetadata.Config.Labels`). */
  configLabels?: Record<string, string>;
  /** Pads the config with a label of this many bytes, to make large responses. @default 0 */
  paddingBytes?: number;
  /** Image `metadata.labels`. */
  labels?: Record<string, string>;
  /** Image `metadata.annotations`. @default { 'image.openshift.io/dockerLayersOrder': 'ascending' } */
  annotations?: Record<string, string>;
  /** Image `metadata.resourceVersion`. @default derived from the digest */
  resourceVersion?: string;
  /** @default [] */
  signatures?: readonly ImageSignatureResource[];
  /**
   * Keep the raw manifest and config on the Image object (`dockerImageManifest`,
   * `dockerImageConfig`), as older data and pushes without manifestBlobStored do; the API must
   * strip them. @default false
   */
  storeBlobs?: boolean;
}

/** The metadata every stored Image has, derived from its digest so that it is stable. */
function storedImageMeta(
  digest: string,
  created: string,
  resourceVersion: string | undefined,
): { name: string; uid: string; resourceVersion: string; creationTimestamp: string } {
  return {
    name: digest,
    uid: seededUid(digest),
    resourceVersion: resourceVersion ?? String(100_000 + parseInt(digest.slice(7, 12), 16)),
    creationTimestamp: created,
  };
}

function layerDigest(seed: string, index: number): string {
  return sha256Digest(`layer ${index} of ${seed}`);
}

/** Builds a single-arch image whose digest, config digest and Size are consistent. */
export function buildImage(options: BuildImageOptions = {}): BuiltImage {
  const seed = options.seed ?? 'image';
  const format = options.format ?? 'docker';
  const media = MEDIA[format];
  const platform = options.platform ?? { architecture: 'amd64', os: 'linux' };
  const layerSizes = options.layerSizes ?? [28_000_000, 35_000, 850];
  const created = options.created ?? '2024-05-01T10:00:00Z';
  const configCreated = options.configCreated ?? created;
  const layers = layerSizes.map((size, i) => ({ name: layerDigest(seed, i), size }));
  const labels: Record<string, string> = { 'org.example.seed': seed, ...options.configLabels };
  if (options.paddingBytes !== undefined && options.paddingBytes > 0) {
    labels['org.example.padding'] = 'x'.repeat(options.paddingBytes);
  }
  const env = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
  const cmd = ['/bin/sh'];
  const config = JSON.stringify({
    architecture: platform.architecture,
    config: { Env: env, Cmd: cmd, Labels: labels },
    created: configCreated,
    os: platform.os,
    ...(platform.variant === undefined ? {} : { variant: platform.variant }),
    rootfs: {
      type: 'layers',
      diff_ids: layers.map((l) => sha256Digest(`diff of ${l.name}`)),
    },
  });
  const configDigest = sha256Digest(config);
  const manifestObject = {
    schemaVersion: 2,
    mediaType: media.manifest,
    config: { mediaType: media.config, size: Buffer.byteLength(config), digest: configDigest },
    layers: layers.map((l) => ({ mediaType: media.layer, size: l.size, digest: l.name })),
  };
  const manifest =
    format === 'docker' ? JSON.stringify(manifestObject, null, 3) : JSON.stringify(manifestObject);
  const digest = sha256Digest(manifest);
  const uniqueLayerBytes = [...new Map(layers.map((l) => [l.name, l.size])).values()].reduce(
    (a, b) => a + b,
    0,
  );
  const repository = options.repository ?? `quay.io/example/${seed.replace(/[^a-z0-9-]+/g, '-')}`;
  const image: ImageResource = {
    kind: 'Image',
    apiVersion: 'image.openshift.io/v1',
    metadata: {
      ...storedImageMeta(digest, created, options.resourceVersion),
      ...(options.labels === undefined ? {} : { labels: { ...options.labels } }),
      annotations: options.annotations ?? { 'image.openshift.io/dockerLayersOrder': 'ascending' },
    },
    dockerImageReference: `${repository}@${digest}`,
    dockerImageMetadata: {
      kind: 'DockerImage',
      apiVersion: 'image.openshift.io/1.0',
      Id: configDigest,
      Created: configCreated,
      ContainerConfig: {},
      Config: { Env: env, Cmd: cmd, Labels: labels },
      Architecture: platform.architecture,
      Size: Buffer.byteLength(config) + uniqueLayerBytes,
    },
    dockerImageMetadataVersion: '1.0',
    ...(options.storeBlobs === true ? { dockerImageManifest: manifest } : {}),
    dockerImageLayers: layers.map((l) => ({ name: l.name, size: l.size, mediaType: media.layer })),
    ...(options.signatures !== undefined && options.signatures.length > 0
      ? { signatures: structuredClone([...options.signatures]) }
      : {}),
    dockerImageManifestMediaType: media.manifest,
    ...(options.storeBlobs === true ? { dockerImageConfig: config } : {}),
  };
  return { digest, image, manifest, config, configDigest, platform };
}

/** Options of `buildManifestList`. */
export interface BuildManifestListOptions {
  /** @default 'docker' */
  format?: 'docker' | 'oci';
  /** @default '2024-05-01T10:00:00Z' */
  created?: string;
  /** Repository part of `dockerImageReference`. @default the first child's repository */
  repository?: string;
  resourceVersion?: string;
}

/** Builds a manifest list (or OCI index) over the children; each entry carries the child's platform. */
export function buildManifestList(
  children: readonly BuiltImage[],
  options: BuildManifestListOptions = {},
): BuiltImage {
  const format = options.format ?? 'docker';
  const media = MEDIA[format];
  const created = options.created ?? '2024-05-01T10:00:00Z';
  const entries = children.map((child) => {
    const platform = child.platform ?? { architecture: 'amd64', os: 'linux' };
    return {
      digest: child.digest,
      mediaType: child.image.dockerImageManifestMediaType ?? MEDIA.docker.manifest,
      size: Buffer.byteLength(child.manifest),
      platform,
    };
  });
  const manifest = `${JSON.stringify(
    { manifests: entries, mediaType: media.list, schemaVersion: 2 },
    null,
    2,
  )}\n`;
  const digest = sha256Digest(manifest);
  const firstRef = children[0]?.image.dockerImageReference ?? 'quay.io/example/list@x';
  const repository = options.repository ?? firstRef.slice(0, firstRef.lastIndexOf('@'));
  const image: ImageResource = {
    kind: 'Image',
    apiVersion: 'image.openshift.io/v1',
    metadata: storedImageMeta(digest, created, options.resourceVersion),
    dockerImageReference: `${repository}@${digest}`,
    dockerImageMetadata: {
      kind: 'DockerImage',
      apiVersion: 'image.openshift.io/1.0',
      Id: digest,
      Created: created,
      ContainerConfig: {},
    },
    dockerImageMetadataVersion: '1.0',
    dockerImageManifestMediaType: media.list,
    dockerImageManifests: entries.map((e) => ({
      digest: e.digest,
      mediaType: e.mediaType,
      manifestSize: e.size,
      architecture: e.platform.architecture,
      os: e.platform.os,
      ...(e.platform.variant === undefined ? {} : { variant: e.platform.variant }),
    })),
  };
  return { digest, image, manifest, config: '', configDigest: undefined, platform: undefined };
}

/** Options of `generateImages`. */
export interface GenerateImagesOptions {
  /** Seeds are `<seedPrefix>-<i>`. @default 'synthetic' */
  seedPrefix?: string;
  /** Layers per image. @default 3 */
  layerCount?: number;
  /** Bytes per layer (int64). @default 10_000_000 */
  layerSize?: number;
  /** Config label padding per image, to make each API response about this much larger. @default 0 */
  paddingBytes?: number;
  /** Extra options applied to every image. */
  base?: BuildImageOptions;
}

/** `count` distinct single-arch images with real digests (for cache and N+1 tests). */
export function generateImages(count: number, options: GenerateImagesOptions = {}): BuiltImage[] {
  const prefix = options.seedPrefix ?? 'synthetic';
  const layerCount = options.layerCount ?? 3;
  const layerSize = options.layerSize ?? 10_000_000;
  return Array.from({ length: count }, (_, i) =>
    buildImage({
      ...options.base,
      seed: `${prefix}-${i}`,
      layerSizes: Array.from({ length: layerCount }, (_l, j) => layerSize + j),
      paddingBytes: options.paddingBytes ?? 0,
    }),
  );
}

/** One tag of `buildImageStream`: its history newest first (built images or bare digests of pruned ones). */
export interface BuildTagOptions {
  tag: string;
  history: readonly (BuiltImage | string)[];
  /** @default 'Source' */
  referencePolicy?: 'Source' | 'Local';
  annotations?: Record<string, string> | null;
  /** @default { kind: 'DockerImage', name: '<repository>:<tag>' } */
  from?: { kind: string; name: string; namespace?: string } | null;
  /** @default 1 */
  generation?: number;
  /** Creation time of the newest event; older events are one hour apart. @default '2024-05-02T12:00:00Z' */
  created?: string;
}

/** Options of `buildImageStream`. */
export interface BuildImageStreamOptions {
  namespace: string;
  name: string;
  tags: readonly BuildTagOptions[];
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  /** @default '2024-05-01T09:00:00Z' */
  created?: string;
  resourceVersion?: string;
}

/** Builds an ImageStream whose spec and status tags point at the given history. */
export function buildImageStream(options: BuildImageStreamOptions): ImageStreamResource {
  const { namespace, name } = options;
  const registry = `image-registry.openshift-image-registry.svc:5000/${namespace}/${name}`;
  const specTags: TagReferenceResource[] = [];
  const statusTags: NamedTagEventListResource[] = [];
  for (const t of options.tags) {
    const generation = t.generation ?? 1;
    const newest = Date.parse(t.created ?? '2024-05-02T12:00:00Z');
    specTags.push({
      name: t.tag,
      annotations: t.annotations ?? null,
      ...(t.from === null
        ? {}
        : { from: t.from ?? { kind: 'DockerImage', name: `quay.io/example/${name}:${t.tag}` } }),
      generation,
      importPolicy: { importMode: 'Legacy' },
      referencePolicy: { type: t.referencePolicy ?? 'Source' },
    });
    statusTags.push({
      tag: t.tag,
      items: t.history.map((entry, i) => {
        const digest = typeof entry === 'string' ? entry : entry.digest;
        const reference =
          typeof entry === 'string'
            ? `quay.io/example/${name}@${digest}`
            : (entry.image.dockerImageReference ?? `${registry}@${digest}`);
        return {
          created: new Date(newest - i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          dockerImageReference: reference,
          image: digest,
          generation,
        };
      }),
    });
  }
  return {
    kind: 'ImageStream',
    apiVersion: 'image.openshift.io/v1',
    metadata: {
      name,
      namespace,
      uid: seededUid(`stream ${namespace}/${name}`),
      resourceVersion: options.resourceVersion ?? '490000',
      generation: Math.max(1, ...options.tags.map((t) => t.generation ?? 1)),
      creationTimestamp: options.created ?? '2024-05-01T09:00:00Z',
      ...(options.labels === undefined ? {} : { labels: options.labels }),
      annotations: options.annotations ?? {
        'openshift.io/image.dockerRepositoryCheck': '2024-05-02T12:00:00Z',
      },
    },
    spec: { lookupPolicy: { local: false }, tags: specTags },
    status: { dockerImageRepository: registry, tags: statusTags },
  };
}

/**
 * A signature named as the openshift-controller-manager import controller names them:
 * `<imageDigest>@<sha256 hex of the content bytes>`. `content` is base64 of `text`.
 */
export function buildSignature(
  imageDigest: string,
  text: string,
  extra: Partial<Omit<ImageSignatureResource, 'metadata' | 'content'>> = {},
): ImageSignatureResource {
  const bytes = Buffer.from(text, 'utf8');
  const hex = createHash('sha256').update(bytes).digest('hex');
  return {
    metadata: {
      name: `${imageDigest}@${hex}`,
      creationTimestamp: typeof extra.created === 'string' ? extra.created : '2024-05-03T08:00:00Z',
    },
    type: 'AtomicImageV1',
    content: bytes.toString('base64'),
    ...extra,
  };
}
