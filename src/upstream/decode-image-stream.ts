/**
 * Shape checks of the navigation answers (docs/navigation.md): an ImageStream, a page of them and
 * an ImageStreamTag. Like the ImageStreamImage check, each checks what the gateway relies on (kinds,
 * names, that lists are lists and that every tag event names its digest) and throws
 * UPSTREAM_BAD_RESPONSE naming the first field that is wrong, never a value from the body.
 * Explicit `null` lists and maps (Go nil slices without omitempty) become absent keys.
 */
import type {
  ImageStreamListResource,
  ImageStreamResource,
  ImageStreamTagResource,
} from '../model/image-stream.js';
import {
  badResponse,
  checkMetadata,
  expectArrayOf,
  expectOptional,
  expectRecord,
  expectString,
  expectStringMap,
  ShapeError,
  type DecodeContext,
} from './decode.js';

const API_VERSION = 'image.openshift.io/v1';

function expectNumber(value: unknown, path: string): void {
  if (typeof value !== 'number') throw new ShapeError(`${path} must be a number`);
}

function expectBoolean(value: unknown, path: string): void {
  if (typeof value !== 'boolean') throw new ShapeError(`${path} must be a boolean`);
}

function expectNonEmptyString(value: unknown, path: string): void {
  if (typeof value !== 'string' || value === '') {
    throw new ShapeError(`${path} must be a non-empty string`);
  }
}

function checkTagReference(value: unknown, path: string): void {
  const tag = expectRecord(value, path);
  expectNonEmptyString(tag.name, `${path}.name`);
  expectOptional(tag, 'annotations', path, expectStringMap);
  expectOptional(tag, 'from', path, expectRecord);
  expectOptional(tag, 'generation', path, expectNumber);
  expectOptional(tag, 'reference', path, expectBoolean);
  expectOptional(tag, 'importPolicy', path, expectRecord);
  expectOptional(tag, 'referencePolicy', path, expectRecord);
}

function checkTagEvent(value: unknown, path: string): void {
  const event = expectRecord(value, path);
  expectString(event.created, `${path}.created`);
  expectString(event.dockerImageReference, `${path}.dockerImageReference`);
  // The digest keys every image load and every id: it must be there.
  expectNonEmptyString(event.image, `${path}.image`);
  expectNumber(event.generation, `${path}.generation`);
}

function checkCondition(value: unknown, path: string): void {
  const condition = expectRecord(value, path);
  expectString(condition.type, `${path}.type`);
  expectString(condition.status, `${path}.status`);
}

function checkNamedTagEventList(value: unknown, path: string): void {
  const list = expectRecord(value, path);
  expectNonEmptyString(list.tag, `${path}.tag`);
  expectOptional(list, 'items', path, (v, p) => expectArrayOf(v, p, checkTagEvent));
  expectOptional(list, 'conditions', path, (v, p) => expectArrayOf(v, p, checkCondition));
}

/** Checks one stream object (top level or a list item) in place. */
function checkImageStream(value: unknown, path: string): void {
  const stream = expectRecord(value, path);
  const metadata = checkMetadata(stream.metadata, `${path}.metadata`);
  expectNonEmptyString(metadata.name, `${path}.metadata.name`);
  // `spec` is always emitted; an empty one is `{}`.
  if (stream.spec === undefined || stream.spec === null) stream.spec = {};
  const spec = expectRecord(stream.spec, `${path}.spec`);
  expectOptional(spec, 'tags', `${path}.spec`, (v, p) => expectArrayOf(v, p, checkTagReference));
  expectOptional(spec, 'dockerImageRepository', `${path}.spec`, expectString);
  expectOptional(spec, 'lookupPolicy', `${path}.spec`, expectRecord);
  expectOptional(stream, 'status', path, (v, p) => {
    const status = expectRecord(v, p);
    expectOptional(status, 'dockerImageRepository', p, expectString);
    expectOptional(status, 'publicDockerImageRepository', p, expectString);
    expectOptional(status, 'tags', p, (t, q) => expectArrayOf(t, q, checkNamedTagEventList));
  });
}

function parse(body: string, ctx: DecodeContext): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw badResponse('the body is not valid JSON', ctx, { httpStatus: 200, cause: error });
  }
}

function checked<T>(body: string, ctx: DecodeContext, check: (root: unknown) => void): T {
  const parsed = parse(body, ctx);
  try {
    check(parsed);
    return parsed as T;
  } catch (error) {
    if (error instanceof ShapeError) throw badResponse(error.message, ctx, { httpStatus: 200 });
    throw error;
  }
}

function checkKind(root: Record<string, unknown>, kind: string): void {
  if (root.kind !== kind) throw new ShapeError(`kind must be "${kind}"`);
  if (root.apiVersion !== undefined && root.apiVersion !== API_VERSION) {
    throw new ShapeError(`apiVersion must be "${API_VERSION}"`);
  }
}

/** Checks a 200 body of `GET .../imagestreams/{name}`. */
export function decodeImageStream(body: string, ctx: DecodeContext): ImageStreamResource {
  return checked(body, ctx, (root) => {
    checkKind(expectRecord(root, 'body'), 'ImageStream');
    checkImageStream(root, 'body');
  });
}

/** Checks a 200 body of `GET .../imagestreams` (one page). */
export function decodeImageStreamList(body: string, ctx: DecodeContext): ImageStreamListResource {
  return checked(body, ctx, (value) => {
    const root = expectRecord(value, 'body');
    checkKind(root, 'ImageStreamList');
    if (root.metadata === undefined || root.metadata === null) root.metadata = {};
    const metadata = expectRecord(root.metadata, 'metadata');
    expectOptional(metadata, 'continue', 'metadata', expectString);
    expectOptional(metadata, 'resourceVersion', 'metadata', expectString);
    expectOptional(metadata, 'remainingItemCount', 'metadata', expectNumber);
    // An empty continue means "no more pages", as client-go reads it.
    if (metadata.continue === '') delete metadata.continue;
    if (root.items === null || root.items === undefined) root.items = [];
    expectArrayOf(root.items, 'items', checkImageStream);
  });
}

/** Checks a 200 body of `GET .../imagestreamtags/{stream}:{tag}`. */
export function decodeImageStreamTag(body: string, ctx: DecodeContext): ImageStreamTagResource {
  return checked(body, ctx, (value) => {
    const root = expectRecord(value, 'body');
    checkKind(root, 'ImageStreamTag');
    const metadata = checkMetadata(root.metadata, 'metadata');
    expectNonEmptyString(metadata.name, 'metadata.name');
    expectOptional(root, 'tag', 'body', checkTagReference);
    expectOptional(root, 'generation', 'body', expectNumber);
    expectOptional(root, 'lookupPolicy', 'body', expectRecord);
    expectOptional(root, 'conditions', 'body', (v, p) => expectArrayOf(v, p, checkCondition));
    const image = expectRecord(root.image, 'image');
    const imageMetadata = checkMetadata(image.metadata, 'image.metadata');
    expectNonEmptyString(imageMetadata.name, 'image.metadata.name');
  });
}

/**
 * Checks an ImageStream that arrived already parsed (the `object` of a watch event, see
 * ./watch.ts), with the same shape rules as {@link decodeImageStream}.
 */
export function checkImageStreamObject(value: unknown, ctx: DecodeContext): ImageStreamResource {
  try {
    checkKind(expectRecord(value, 'object'), 'ImageStream');
    checkImageStream(value, 'object');
    return value as ImageStreamResource;
  } catch (error) {
    if (error instanceof ShapeError) throw badResponse(error.message, ctx, { httpStatus: 200 });
    throw error;
  }
}
