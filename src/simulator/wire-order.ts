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
  ['name', 'omit'],
  ['generateName', 'omit'],
  ['namespace', 'omit'],
  ['selfLink', 'omit'],
  ['uid', 'omit'],
  ['resourceVersion', 'omit'],
  ['generation', 'omit'],
  ['creationTimestamp', 'always'],
  ['deletionTimestamp', 'ptr'],
  ['labels', 'omit', sortedMap],
  ['annotations', 'omit', sortedMap],
]);

const dockerConfig = struct([
  ['Hostname', 'omit'],
  ['Domainname', 'omit'],
  ['User', 'omit'],
  ['Memory', 'omit'],
  ['MemorySwap', 'omit'],
  ['CpuShares', 'omit'],
  ['Cpuset', 'omit'],
  ['AttachStdin', 'omit'],
  ['AttachStdout', 'omit'],
  ['AttachStderr', 'omit'],
  ['PortSpecs', 'omit'],
  ['ExposedPorts', 'omit', emptyStructMap],
  ['Tty', 'omit'],
  ['OpenStdin', 'omit'],
  ['StdinOnce', 'omit'],
  ['Env', 'omit'],
  ['Cmd', 'omit'],
  ['Dns', 'omit'],
  ['Image', 'omit'],
  ['Volumes', 'omit', emptyStructMap],
  ['VolumesFrom', 'omit'],
  ['WorkingDir', 'omit'],
  ['Entrypoint', 'omit'],
  ['NetworkDisabled', 'omit'],
  ['SecurityOpts', 'omit'],
  ['OnBuild', 'omit'],
  ['Labels', 'omit', sortedMap],
]);

const dockerImage = struct([
  ['kind', 'omit'],
  ['apiVersion', 'omit'],
  ['Id', 'always', undefined, ''],
  ['Parent', 'omit'],
  ['Comment', 'omit'],
  ['Created', 'always'],
  ['Container', 'omit'],
  ['ContainerConfig', 'struct', dockerConfig],
  ['DockerVersion', 'omit'],
  ['Author', 'omit'],
  ['Config', 'ptr', dockerConfig],
  ['Architecture', 'omit'],
  ['Size', 'omit'],
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
  ['reason', 'omit'],
  ['message', 'omit'],
]);

const signature = struct([
  ['kind', 'omit'],
  ['apiVersion', 'omit'],
  ['metadata', 'struct', objectMeta],
  ['type', 'always', undefined, ''],
  ['content', 'always'],
  ['conditions', 'omit', list(signatureCondition)],
  ['imageIdentity', 'omit'],
  ['signedClaims', 'omit', sortedMap],
  ['created', 'ptr'],
  [
    'issuedBy',
    'ptr',
    struct([
      ['organization', 'omit'],
      ['commonName', 'omit'],
    ]),
  ],
  [
    'issuedTo',
    'ptr',
    struct([
      ['organization', 'omit'],
      ['commonName', 'omit'],
      ['publicKeyID', 'always', undefined, ''],
    ]),
  ],
]);

const image = struct([
  ['kind', 'omit'],
  ['apiVersion', 'omit'],
  ['metadata', 'struct', objectMeta],
  ['dockerImageReference', 'omit'],
  ['dockerImageMetadata', 'always', dockerImage],
  ['dockerImageMetadataVersion', 'omit'],
  ['dockerImageManifest', 'omit'],
  ['dockerImageLayers', 'omit', list(imageLayer)],
  ['signatures', 'omit', list(signature)],
  ['dockerImageSignatures', 'omit'],
  ['dockerImageManifestMediaType', 'omit'],
  ['dockerImageConfig', 'omit'],
  ['dockerImageManifests', 'omit', list(imageManifest)],
]);

const objectReference = struct([
  ['kind', 'omit'],
  ['namespace', 'omit'],
  ['name', 'omit'],
  ['uid', 'omit'],
  ['apiVersion', 'omit'],
  ['resourceVersion', 'omit'],
  ['fieldPath', 'omit'],
]);

const tagReference = struct([
  ['name', 'always', undefined, ''],
  ['annotations', 'always', sortedMap],
  ['from', 'ptr', objectReference],
  ['reference', 'omit'],
  ['generation', 'always'],
  [
    'importPolicy',
    'struct',
    struct([
      ['insecure', 'omit'],
      ['scheduled', 'omit'],
      ['importMode', 'omit'],
    ]),
  ],
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
  ['reason', 'omit'],
  ['message', 'omit'],
  ['generation', 'always', undefined, 0],
]);

const lookupPolicy = struct([['local', 'always', undefined, false]]);

const byKey =
  <T>(key: (item: T) => string) =>
  (items: readonly T[]): T[] =>
    [...items].sort((a, b) => compareBytes(key(a), key(b)));

const imageStream = struct([
  ['kind', 'omit'],
  ['apiVersion', 'omit'],
  ['metadata', 'struct', objectMeta],
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

const imageStreamImage = struct([
  ['kind', 'omit'],
  ['apiVersion', 'omit'],
  ['metadata', 'struct', objectMeta],
  ['image', 'struct', image],
]);

const imageStreamTag = struct([
  ['kind', 'omit'],
  ['apiVersion', 'omit'],
  ['metadata', 'struct', objectMeta],
  ['tag', 'always', tagReference],
  ['generation', 'always', undefined, 0],
  ['lookupPolicy', 'struct', lookupPolicy],
  ['conditions', 'omit', list(tagEventCondition)],
  ['image', 'struct', image],
]);

const statusDetails = struct([
  ['name', 'omit'],
  ['group', 'omit'],
  ['kind', 'omit'],
  ['uid', 'omit'],
  [
    'causes',
    'omit',
    list(
      struct([
        ['reason', 'omit'],
        ['message', 'omit'],
        ['field', 'omit'],
      ]),
    ),
  ],
  ['retryAfterSeconds', 'omit'],
]);

const listMeta = struct([
  ['selfLink', 'omit'],
  ['resourceVersion', 'omit'],
  ['continue', 'omit'],
  ['remainingItemCount', 'ptr'],
]);

const status = struct([
  ['kind', 'omit'],
  ['apiVersion', 'omit'],
  ['metadata', 'struct', listMeta],
  ['status', 'omit'],
  ['message', 'omit'],
  ['reason', 'omit'],
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
