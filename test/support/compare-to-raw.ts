/**
 * Compares a gateway response with the raw ImageStreamImage JSON the API server sent, field by
 * field along a {@link Selection}. Upstream-named fields must equal the raw keys (maps as entries
 * sorted by key, sets as sorted keys, `null` where the API omits a key); derived fields must equal
 * what this file computes from the raw JSON on its own, following the schema descriptions. It never
 * imports gateway code: an independent rule is the point.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import stableStringify from 'fast-json-stable-stringify';
import type { SelectedField } from './selection.js';

/** A JSON object as parsed from the API server's body. */
export type RawObject = Readonly<Record<string, unknown>>;

/** One difference between the gateway and the raw JSON. */
export interface Mismatch {
  /** Where in the gateway response, e.g. `image.dockerImageLayers[1].size`. */
  readonly path: string;
  readonly message: string;
}

/** What the comparison needs besides the one raw object. */
export interface CompareContext {
  /**
   * Raw ImageStreamImage bodies of the manifest-list children, by child digest, fetched through
   * the same namespace and stream: what `ImageManifest.image` must equal.
   */
  readonly rawChildren: ReadonlyMap<string, RawObject>;
}

const isObject = (value: unknown): value is RawObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

const LIST_MEDIA_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
]);

function objectAt(raw: RawObject, key: string): RawObject | undefined {
  const value = raw[key];
  return isObject(value) ? value : undefined;
}

function arrayAt(raw: RawObject, key: string): readonly unknown[] | undefined {
  const value = raw[key];
  return Array.isArray(value) ? value : undefined;
}

function isManifestList(image: RawObject): boolean {
  const manifests = arrayAt(image, 'dockerImageManifests') ?? [];
  const mediaType = image.dockerImageManifestMediaType;
  return manifests.length > 0 || (typeof mediaType === 'string' && LIST_MEDIA_TYPES.has(mediaType));
}

/** The part of `metadata.name` before / after the first `@`. */
function nameParts(isi: RawObject): { stream: string; id: string } | undefined {
  const name = objectAt(isi, 'metadata')?.name;
  if (typeof name !== 'string') return undefined;
  const at = name.indexOf('@');
  return at < 0 ? undefined : { stream: name.slice(0, at), id: name.slice(at + 1) };
}

/**
 * `verificationState` per the schema description, first match wins: Revoked True → REVOKED;
 * Expired True → EXPIRED; no Trusted or Trusted Unknown → UNVERIFIED; Trusted False, or Trusted
 * True without ForImage True → UNTRUSTED; else VERIFIED.
 */
export function expectedVerificationState(signature: RawObject): string {
  const conditions = (arrayAt(signature, 'conditions') ?? []).filter(isObject);
  const status = (type: string): unknown => conditions.find((c) => c.type === type)?.status;
  if (status('Revoked') === 'True') return 'REVOKED';
  if (status('Expired') === 'True') return 'EXPIRED';
  const trusted = status('Trusted');
  if (trusted === undefined || trusted === 'Unknown') return 'UNVERIFIED';
  if (trusted === 'False' || status('ForImage') !== 'True') return 'UNTRUSTED';
  return 'VERIFIED';
}

/** Sum of the distinct layer blobs' sizes, in BigInt so that no rounding can hide an error. */
function expectedTotalLayerSize(image: RawObject): number | null {
  const layers = arrayAt(image, 'dockerImageLayers');
  if (layers === undefined) return null;
  const sizes = new Map<string, bigint>();
  for (const layer of layers.filter(isObject)) {
    sizes.set(String(layer.name), BigInt(layer.size as number));
  }
  let total = 0n;
  for (const size of sizes.values()) total += size;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`total layer size ${total} is beyond 2^53; the test data must not need it`);
  }
  return Number(total);
}

/** A global id as docs/navigation.md defines it. */
function globalId(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/**
 * The id of a value type (docs/navigation.md, "Ids"): `[type, hash]` where `hash` is the first 22
 * characters of the base64url SHA-256 of the value's JSON with sorted keys (another library than
 * the gateway's, on purpose).
 */
export function valueIdOf(type: string, value: unknown): string {
  const hash = createHash('sha256').update(stableStringify(value)).digest('base64url');
  return globalId([type, hash.slice(0, 22)]);
}

/** The value types whose `id` is derived from the raw object of the type itself. */
const CONTENT_ID_TYPES = [
  'ObjectMeta',
  'DockerImageMetadata',
  'DockerConfig',
  'ImageLayer',
  'ImageManifest',
  'ImageSignature',
  'SignatureCondition',
  'SignatureIssuer',
  'SignatureSubject',
];

/** `Platform` as the schema describes it: what an image or manifest entry says it runs on. */
function platform(architecture: unknown, os: unknown, variant: unknown): RawObject {
  const value = { architecture, os, variant };
  return { id: valueIdOf('Platform', value), ...value };
}

/**
 * Independent rules of every derived field without arguments, keyed by schema coordinate; each
 * receives the raw object of the field's parent type. A derived field missing here is reported
 * as a mismatch, so a new derived field cannot go unchecked.
 */
export const DERIVED_RULES: Readonly<Record<string, (raw: RawObject) => unknown>> = {
  'ImageStreamImage.stream': (isi) => nameParts(isi)?.stream ?? null,
  'ImageStreamImage.requestedId': (isi) => nameParts(isi)?.id ?? null,
  'Image.digest': (image) => objectAt(image, 'metadata')?.name ?? null,
  // Global ids (docs/navigation.md): base64url of a JSON array of the type and its names.
  'Image.id': (image) => globalId(['Image', objectAt(image, 'metadata')?.name]),
  'ImageStreamImage.id': (isi) =>
    globalId([
      'ImageStreamImage',
      objectAt(isi, 'metadata')?.namespace,
      nameParts(isi)?.stream,
      objectAt(objectAt(isi, 'image') ?? {}, 'metadata')?.name,
    ]),
  'Image.isManifestList': (image) => isManifestList(image),
  'Image.layerCount': (image) => arrayAt(image, 'dockerImageLayers')?.length ?? null,
  'Image.totalLayerSize': (image) => expectedTotalLayerSize(image),
  'Image.platform': (image) => {
    const architecture = objectAt(image, 'dockerImageMetadata')?.Architecture;
    if (isManifestList(image) || typeof architecture !== 'string' || architecture === '') {
      return null;
    }
    return platform(architecture, null, null);
  },
  'Image.platforms': (image) =>
    arrayAt(image, 'dockerImageManifests')
      ?.filter(isObject)
      .map((m) => platform(m.architecture, m.os ?? null, m.variant ?? null)) ?? null,
  'ImageSignature.verificationState': (signature) => expectedVerificationState(signature),
  ...Object.fromEntries(
    CONTENT_ID_TYPES.map((type) => [`${type}.id`, (raw: RawObject) => valueIdOf(type, raw)]),
  ),
};

/** Fields whose raw key differs from their name, or that follow a reference. */
type SpecialRule = (
  field: SelectedField,
  actual: unknown,
  raw: RawObject,
  path: string,
  ctx: CompareContext,
) => Mismatch[];

const SPECIAL_RULES: Readonly<Record<string, SpecialRule>> = {
  // The RawExtension exactly as sent.
  'Image.dockerImageMetadataRaw': (_field, actual, raw, path) =>
    expectEqual(path, raw.dockerImageMetadata ?? null, actual),
  // The child Image, read through the same stream: equals that child's own raw ImageStreamImage.
  'ImageManifest.image': (field, actual, raw, path, ctx) => {
    const child = ctx.rawChildren.get(String(raw.digest));
    if (child === undefined) {
      return [
        { path, message: `the test fetched no raw ImageStreamImage for ${show(raw.digest)}` },
      ];
    }
    return compareField(field, actual, child.image, path, ctx);
  },
};

function expectEqual(path: string, expected: unknown, actual: unknown): Mismatch[] {
  return isDeepStrictEqual(expected, actual)
    ? []
    : [{ path, message: `expected ${show(expected)}, got ${show(actual)}` }];
}

function compareEntries(path: string, raw: RawObject, actual: unknown): Mismatch[] {
  if (!Array.isArray(actual)) {
    return [{ path, message: `expected entries of ${show(raw)}, got ${show(actual)}` }];
  }
  const entries = actual as unknown[];
  const keys = entries.map((entry) => (isObject(entry) ? entry.key : undefined));
  const mismatches: Mismatch[] = [];
  for (let i = 1; i < keys.length; i += 1) {
    const previous = keys[i - 1];
    const current = keys[i];
    if (!(typeof previous === 'string' && typeof current === 'string' && previous < current)) {
      mismatches.push({ path, message: `entries are not sorted by key: ${show(keys)}` });
      break;
    }
  }
  // Each entry's id is derived from its key and value.
  for (const entry of entries) {
    if (isObject(entry) && 'id' in entry) {
      const expected = valueIdOf('StringEntry', { key: entry.key, value: entry.value });
      if (entry.id !== expected) {
        mismatches.push({ path, message: `entry ${show(entry)}: expected the id ${expected}` });
      }
    }
  }
  // Converted back to a map, the entries must be exactly the raw map.
  const asMap = Object.fromEntries(
    entries.map((entry) => (isObject(entry) ? [entry.key, entry.value] : [undefined, entry])),
  ) as unknown;
  if (entries.length !== Object.keys(raw).length || !isDeepStrictEqual(asMap, { ...raw })) {
    mismatches.push({ path, message: `expected the map ${show(raw)}, got ${show(actual)}` });
  }
  return mismatches;
}

function compareScalar(field: SelectedField, path: string, raw: unknown, actual: unknown) {
  if (field.typeName === 'Int64') {
    // Exact: a JSON number that is a safe integer and equals the raw value.
    if (typeof actual !== 'number' || !Number.isSafeInteger(actual) || actual !== raw) {
      return [{ path, message: `expected the Int64 ${show(raw)}, got ${show(actual)}` }];
    }
    return [];
  }
  return expectEqual(path, raw, actual);
}

function compareItem(
  field: SelectedField,
  actual: unknown,
  raw: unknown,
  path: string,
  ctx: CompareContext,
): Mismatch[] {
  if (field.typeKind === 'OBJECT') {
    if (!isObject(raw)) {
      return [{ path, message: `the raw value is not an object: ${show(raw)}` }];
    }
    if (!isObject(actual)) {
      return [{ path, message: `expected an object, got ${show(actual)}` }];
    }
    return compareObject(field.typeName, field.children, actual, raw, path, ctx);
  }
  return compareScalar(field, path, raw, actual);
}

function compareField(
  field: SelectedField,
  actual: unknown,
  raw: unknown,
  path: string,
  ctx: CompareContext,
): Mismatch[] {
  // The API omits empty values (or writes Go's null): the gateway answers null.
  if (raw === undefined || raw === null) return expectEqual(path, null, actual);
  if (field.typeName === 'StringEntry') {
    return isObject(raw)
      ? compareEntries(path, raw, actual)
      : [{ path, message: `the raw map is not an object: ${show(raw)}` }];
  }
  if (field.isList) {
    if (field.typeKind === 'SCALAR' && isObject(raw)) {
      // A set (`map[string]struct{}`, e.g. ExposedPorts): its keys, sorted.
      return expectEqual(path, Object.keys(raw).sort(), actual);
    }
    if (!Array.isArray(raw))
      return [{ path, message: `the raw value is not a list: ${show(raw)}` }];
    if (!Array.isArray(actual) || actual.length !== raw.length) {
      return [{ path, message: `expected a list of ${raw.length}, got ${show(actual)}` }];
    }
    const items = actual as unknown[];
    return raw.flatMap((item, i) => compareItem(field, items[i], item, `${path}[${i}]`, ctx));
  }
  return compareItem(field, actual, raw, path, ctx);
}

/**
 * Compares one object of type `typeName` with its raw JSON along `fields`; returns every mismatch
 * (empty when the gateway is faithful).
 */
export function compareObject(
  typeName: string,
  fields: readonly SelectedField[],
  actual: RawObject,
  raw: RawObject,
  path: string,
  ctx: CompareContext,
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const field of fields) {
    const coordinate = `${typeName}.${field.name}`;
    const fieldPath = path === '' ? field.name : `${path}.${field.name}`;
    if (!Object.hasOwn(actual, field.name)) {
      mismatches.push({ path: fieldPath, message: 'the field is missing from the response' });
      continue;
    }
    const value = actual[field.name];
    const special = SPECIAL_RULES[coordinate];
    if (special !== undefined) {
      mismatches.push(...special(field, value, raw, fieldPath, ctx));
      continue;
    }
    if (field.derived) {
      const rule = DERIVED_RULES[coordinate];
      if (rule === undefined) {
        mismatches.push({
          path: fieldPath,
          message: `${coordinate} is derived, but the test has no independent rule for it (add one to DERIVED_RULES)`,
        });
        continue;
      }
      mismatches.push(...expectEqual(fieldPath, rule(raw), value));
      continue;
    }
    mismatches.push(...compareField(field, value, raw[field.name], fieldPath, ctx));
  }
  return mismatches;
}
