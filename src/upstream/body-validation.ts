/**
 * Validation of 200 bodies: the shape the gateway relies on, checked in one walk over the parsed
 * JSON, with the first wrong field named in UPSTREAM_BAD_RESPONSE.
 *
 * Hand-written on purpose (zod and valibot were weighed, issue #14): both build a new output
 * object for every object they check, i.e. a second copy of every image on the hot path, and
 * neither treats Go's `null` for an empty map or slice as absent without a transform per field.
 * This walk copies nothing (it allocates only the field paths it may name) and deletes those
 * nulls in place.
 */
import type { ImageStreamImageResource } from '../model/resources.js';
import type { DecodeContext } from './status-mapping.js';
import { badResponse } from './status-mapping.js';

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where in the body a shape check failed; a path written by us, safe to show. */
export class ShapeError extends Error {}

export function expectRecord(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ShapeError(`${path} must be an object`);
  return value;
}

export function expectOptional(
  parent: Record<string, unknown>,
  key: string,
  path: string,
  check: (value: unknown, path: string) => void,
): void {
  const value = parent[key];
  if (value === undefined) return;
  // Go writes nil maps and slices without omitempty as null; treat null as absent so the types'
  // optional (`?`) fields hold.
  if (value === null) {
    delete parent[key];
    return;
  }
  check(value, `${path}.${key}`);
}

export function expectArrayOf(
  value: unknown,
  path: string,
  item: (value: unknown, path: string) => void,
): void {
  if (!Array.isArray(value)) throw new ShapeError(`${path} must be an array`);
  value.forEach((entry, i) => item(entry, `${path}[${i}]`));
}

export function expectString(value: unknown, path: string): void {
  if (typeof value !== 'string') throw new ShapeError(`${path} must be a string`);
}

export function expectStringMap(value: unknown, path: string): void {
  const map = expectRecord(value, path);
  for (const entry of Object.values(map)) {
    if (typeof entry !== 'string') throw new ShapeError(`${path} values must be strings`);
  }
}

export function checkMetadata(value: unknown, path: string): Record<string, unknown> {
  const metadata = expectRecord(value, path);
  expectOptional(metadata, 'name', path, expectString);
  expectOptional(metadata, 'namespace', path, expectString);
  expectOptional(metadata, 'labels', path, expectStringMap);
  expectOptional(metadata, 'annotations', path, expectStringMap);
  return metadata;
}

function checkLayer(value: unknown, path: string): void {
  const layer = expectRecord(value, path);
  expectString(layer.name, `${path}.name`);
  if (typeof layer.size !== 'number') throw new ShapeError(`${path}.size must be a number`);
}

function checkManifest(value: unknown, path: string): void {
  const manifest = expectRecord(value, path);
  expectString(manifest.digest, `${path}.digest`);
}

function checkSignature(value: unknown, path: string): void {
  const signature = expectRecord(value, path);
  expectOptional(signature, 'conditions', path, (v, p) => expectArrayOf(v, p, expectRecord));
}

/**
 * Checks a 200 body and returns it as an ImageStreamImage. Checks what the gateway relies on:
 * the kind, `image.metadata.name` (the full digest, the cache key), and that lists are lists.
 * Throws UPSTREAM_BAD_RESPONSE naming the first field that is wrong.
 */
export function decodeImageStreamImage(body: string, ctx: DecodeContext): ImageStreamImageResource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw badResponse('the body is not valid JSON', ctx, { httpStatus: 200, cause: error });
  }
  try {
    const root = expectRecord(parsed, 'body');
    if (root.kind !== 'ImageStreamImage') {
      throw new ShapeError('kind must be "ImageStreamImage"');
    }
    if (root.apiVersion !== undefined && root.apiVersion !== 'image.openshift.io/v1') {
      throw new ShapeError('apiVersion must be "image.openshift.io/v1"');
    }
    checkMetadata(root.metadata, 'metadata');
    const image = expectRecord(root.image, 'image');
    const imageMetadata = checkMetadata(image.metadata, 'image.metadata');
    if (typeof imageMetadata.name !== 'string' || imageMetadata.name === '') {
      throw new ShapeError('image.metadata.name must be a non-empty string');
    }
    expectOptional(image, 'dockerImageLayers', 'image', (v, p) => expectArrayOf(v, p, checkLayer));
    expectOptional(image, 'dockerImageManifests', 'image', (v, p) =>
      expectArrayOf(v, p, checkManifest),
    );
    expectOptional(image, 'signatures', 'image', (v, p) => expectArrayOf(v, p, checkSignature));
    expectOptional(image, 'dockerImageSignatures', 'image', (v, p) =>
      expectArrayOf(v, p, expectString),
    );
    expectOptional(image, 'dockerImageMetadata', 'image', expectRecord);
    return root as unknown as ImageStreamImageResource;
  } catch (error) {
    if (error instanceof ShapeError) {
      throw badResponse(error.message, ctx, { httpStatus: 200 });
    }
    throw error;
  }
}
