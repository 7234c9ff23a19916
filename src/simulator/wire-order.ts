/**
 * Re-orders objects into Go struct field order and applies Go's `omitempty` rules, so that
 * `goJson` of the result is byte-identical to what openshift-apiserver writes.
 *
 * Field kinds:
 * - `omit`: `omitempty` on a string, number, bool, slice or map (dropped when zero or empty);
 * - `ptr`: `omitempty` on a pointer (dropped only when nil);
 * - `always`: no `omitempty`; nil becomes the given default (`null` unless stated);
 * - `struct`: a struct value (Go never omits it, even with `omitempty`); nil becomes `{}`.
 * Go writes maps with sorted keys; `sortedMap` does the same.
 */

import type {
  DockerImageMetadataResource,
  ImageResource,
  ImageStreamResource,
  ObjectMetaResource,
  TagReferenceResource,
} from './types.js';

type Encoder = (value: never) => unknown;
type Field =
  | readonly [key: string, kind: 'omit' | 'ptr' | 'struct', encode?: Encoder]
  | readonly [key: string, kind: 'always', encode?: Encoder | undefined, fallback?: unknown];

function isZero(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) {
    return true;
  }
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function encodeStruct(source: unknown, fields: readonly Field[]): Record<string, unknown> {
  const src = (source ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const [key, kind, encode] = field;
    const value = src[key];
    const enc = (v: unknown): unknown => (encode ? encode(v as never) : v);
    switch (kind) {
      case 'omit':
        if (!isZero(value)) out[key] = enc(value);
        break;
      case 'ptr':
        if (value !== undefined && value !== null) out[key] = enc(value);
        break;
      case 'always':
        out[key] = value === undefined || value === null ? (field[3] ?? null) : enc(value);
        break;
      case 'struct':
        out[key] = enc(value ?? {});
        break;
    }
  }
  return out;
}

const struct =
  (fields: readonly Field[]) =>
  (value: unknown): Record<string, unknown> =>
    encodeStruct(value, fields);
const list =
  (encode: (value: unknown) => unknown) =>
  (value: readonly unknown[]): unknown[] =>
    value.map(encode);

/** Plain `omitempty` fields (kind `omit`, no encoder), in the order given. */
const omitEmpty = (...keys: string[]): Field[] => keys.map((key) => [key, 'omit']);

/** A Go map: keys sorted (byte order), values as given. */
export function sortedMap(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareBytes)) out[key] = value[key];
  return out;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const emptyStructMap = (value: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareBytes)) out[key] = {};
  return out;
};

const objectMeta = struct([
  ...omitEmpty('name', 'generateName', 'namespace', 'selfLink', 'uid'),
  ...omitEmpty('resourceVersion', 'generation'),
  ['creationTimestamp', 'always'],
  ['deletionTimestamp', 'ptr'],
  ['labels', 'omit', sortedMap],
  ['annotations', 'omit', sortedMap],
]);

/** The embedded `metav1.TypeMeta` (inline) and `metadata` that head every top-level object. */
const objectHeader: Field[] = [
  ...omitEmpty('kind', 'apiVersion'),
  ['metadata', 'struct', objectMeta],
];

const dockerConfig = struct([
  ...omitEmpty('Hostname', 'Domainname', 'User', 'Memory', 'MemorySwap', 'CpuShares', 'Cpuset'),
  ...omitEmpty('AttachStdin', 'AttachStdout', 'AttachStderr', 'PortSpecs'),
  ['ExposedPorts', 'omit', emptyStructMap],
  ...omitEmpty('Tty', 'OpenStdin', 'StdinOnce', 'Env', 'Cmd', 'Dns', 'Image'),
  ['Volumes', 'omit', emptyStructMap],
  ...omitEmpty('VolumesFrom', 'WorkingDir', 'Entrypoint', 'NetworkDisabled'),
  ...omitEmpty('SecurityOpts', 'OnBuild'),
  ['Labels', 'omit', sortedMap],
]);

const dockerImage = struct([
  ...omitEmpty('kind', 'apiVersion'),
  ['Id', 'always', undefined, ''],
  ...omitEmpty('Parent', 'Comment'),
  ['Created', 'always'],
  ['Container', 'omit'],
  ['ContainerConfig', 'struct', dockerConfig],
  ...omitEmpty('DockerVersion', 'Author'),
  ['Config', 'ptr', dockerConfig],
  ...omitEmpty('Architecture', 'Size'),
]);

const imageLayer = struct([
  ['name', 'always', undefined, ''],
  ['size', 'always', undefined, 0],
  ['mediaType', 'always', undefined, ''],
]);

const imageManifest = struct([
  ['digest', 'always', undefined, ''],
  ['mediaType', 'always', undefined, ''],
  ['manifestSize', 'always', undefined, 0],
  ['architecture', 'always', undefined, ''],
  ['os', 'always', undefined, ''],
  ['variant', 'omit'],
]);

const signatureCondition = struct([
  ['type', 'always', undefined, ''],
  ['status', 'always', undefined, ''],
  ['lastProbeTime', 'always'],
  ['lastTransitionTime', 'always'],
  ...omitEmpty('reason', 'message'),
]);

const signature = struct([
  ...objectHeader,
  ['type', 'always', undefined, ''],
  ['content', 'always'],
  ['conditions', 'omit', list(signatureCondition)],
  ['imageIdentity', 'omit'],
  ['signedClaims', 'omit', sortedMap],
  ['created', 'ptr'],
  ['issuedBy', 'ptr', struct([...omitEmpty('organization', 'commonName')])],
  [
    'issuedTo',
    'ptr',
    struct([...omitEmpty('organization', 'commonName'), ['publicKeyID', 'always', undefined, '']]),
  ],
]);

const image = struct([
  ...objectHeader,
  ['dockerImageReference', 'omit'],
  ['dockerImageMetadata', 'always', dockerImage],
  ...omitEmpty('dockerImageMetadataVersion', 'dockerImageManifest'),
  ['dockerImageLayers', 'omit', list(imageLayer)],
  ['signatures', 'omit', list(signature)],
  ...omitEmpty('dockerImageSignatures', 'dockerImageManifestMediaType', 'dockerImageConfig'),
  ['dockerImageManifests', 'omit', list(imageManifest)],
]);

const objectReference = struct([
  ...omitEmpty('kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'),
]);

const tagReference = struct([
  ['name', 'always', undefined, ''],
  ['annotations', 'always', sortedMap],
  ['from', 'ptr', objectReference],
  ['reference', 'omit'],
  ['generation', 'always'],
  ['importPolicy', 'struct', struct([...omitEmpty('insecure', 'scheduled', 'importMode')])],
  ['referencePolicy', 'struct', struct([['type', 'always', undefined, '']])],
]);

const tagEvent = struct([
  ['created', 'always'],
  ['dockerImageReference', 'always', undefined, ''],
  ['image', 'always', undefined, ''],
  ['generation', 'always', undefined, 0],
]);

const tagEventCondition = struct([
  ['type', 'always', undefined, ''],
  ['status', 'always', undefined, ''],
  ['lastTransitionTime', 'always'],
  ...omitEmpty('reason', 'message'),
  ['generation', 'always', undefined, 0],
]);

const lookupPolicy = struct([['local', 'always', undefined, false]]);

const byKey =
  <T>(key: (item: T) => string) =>
  (items: readonly T[]): T[] =>
    [...items].sort((a, b) => compareBytes(key(a), key(b)));

const imageStream = struct([
  ...objectHeader,
  [
    'spec',
    'struct',
    struct([
      ['lookupPolicy', 'struct', lookupPolicy],
      ['dockerImageRepository', 'omit'],
      [
        'tags',
        'omit',
        (tags: TagReferenceResource[]) =>
          byKey((t: TagReferenceResource) => t.name)(tags).map(tagReference),
      ],
    ]),
  ],
  [
    'status',
    'struct',
    struct([
      ['dockerImageRepository', 'always', undefined, ''],
      ['publicDockerImageRepository', 'omit'],
      [
        'tags',
        'omit',
        (tags: { tag: string }[]) =>
          byKey((t: { tag: string }) => t.tag)(tags).map(
            struct([
              ['tag', 'always', undefined, ''],
              ['items', 'always', list(tagEvent)],
              ['conditions', 'omit', list(tagEventCondition)],
            ]),
          ),
      ],
    ]),
  ],
]);

const imageStreamImage = struct([...objectHeader, ['image', 'struct', image]]);

const imageStreamTag = struct([
  ...objectHeader,
  ['tag', 'always', tagReference],
  ['generation', 'always', undefined, 0],
  ['lookupPolicy', 'struct', lookupPolicy],
  ['conditions', 'omit', list(tagEventCondition)],
  ['image', 'struct', image],
]);

const statusDetails = struct([
  ...omitEmpty('name', 'group', 'kind', 'uid'),
  ['causes', 'omit', list(struct([...omitEmpty('reason', 'message', 'field')]))],
  ['retryAfterSeconds', 'omit'],
]);

const listMeta = struct([
  ...omitEmpty('selfLink', 'resourceVersion', 'continue'),
  ['remainingItemCount', 'ptr'],
]);

const status = struct([
  ...omitEmpty('kind', 'apiVersion'),
  ['metadata', 'struct', listMeta],
  ...omitEmpty('status', 'message', 'reason'),
  ['details', 'ptr', statusDetails],
  ['code', 'omit'],
]);

/** An `ObjectMeta` in wire order. */
export const orderObjectMeta = (meta: ObjectMetaResource): Record<string, unknown> =>
  objectMeta(meta);
/** A `DockerImage` (`dockerImageMetadata`) in wire order. */
export const orderDockerImage = (value: DockerImageMetadataResource): Record<string, unknown> =>
  dockerImage(value);
/** An `Image` in wire order (kind/apiVersion kept only if present). */
export const orderImage = (value: ImageResource): Record<string, unknown> => image(value);
/** An `ImageStream` in wire order, spec and status tags sorted by name. */
export const orderImageStream = (value: ImageStreamResource): Record<string, unknown> =>
  imageStream(value);
/** An `ImageStreamImage` in wire order. */
export const orderImageStreamImage = (value: unknown): Record<string, unknown> =>
  imageStreamImage(value);
/** An `ImageStreamTag` in wire order. */
export const orderImageStreamTag = (value: unknown): Record<string, unknown> =>
  imageStreamTag(value);
/** A `metav1.Status` in wire order. */
export const orderStatus = (value: unknown): Record<string, unknown> => status(value);
/** A `metav1.ListMeta` in wire order (`remainingItemCount` is a pointer: 0 is written when set). */
export const orderListMeta = (value: unknown): Record<string, unknown> => listMeta(value);
