import { GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamImageRef, ImageStreamRef, ImageStreamTagRef } from '../model/refs.js';
import { canMatchAnImageDigest } from './image-id.js';

/** DNS-1123 label: what Kubernetes accepts as a namespace name. */
const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE_MAX_LENGTH = 63;

/**
 * An image stream name: one docker repository name component. OpenShift's validation
 * (`ValidateImageStreamName`) has used `[a-z0-9]+(?:[._-][a-z0-9]+)*`; docker/distribution's
 * grammar also allows `__` and runs of `-`. We accept the union, so that no name the API server
 * accepts is ever refused here: a name outside the union cannot exist on any version.
 */
const STREAM_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const STREAM_MAX_LENGTH = 255;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The caller's value for a message: quoted, and cut short so an error stays small. */
function shown(value: string): string {
  const limit = 100;
  return value.length <= limit
    ? JSON.stringify(value)
    : `${JSON.stringify(value.slice(0, limit))}… (${value.length} characters)`;
}

function badInput(message: string, argument: string, part?: string): GatewayError {
  return new GatewayError('BAD_USER_INPUT', message, {
    details: part === undefined ? { argument } : { argument, part },
  });
}

/**
 * Checks a namespace as the API server would (a DNS-1123 label). Throws BAD_USER_INPUT with
 * `details.argument: 'namespace'` otherwise, so that no request is made for a namespace that
 * cannot exist (and no odd value ever reaches an upstream URL).
 */
export function validateNamespace(namespace: string): void {
  if (namespace.length > NAMESPACE_MAX_LENGTH || !DNS1123_LABEL.test(namespace)) {
    throw badInput(
      `The namespace must be a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most ${NAMESPACE_MAX_LENGTH} characters), but got: ${shown(namespace)}`,
      'namespace',
    );
  }
}

/** `name` split at its one `separator` when both sides are non-empty; undefined otherwise. */
function splitOnce(name: string, separator: string): [string, string] | undefined {
  const parts = name.split(separator);
  const [left, right] = parts;
  if (parts.length !== 2 || left === undefined || right === undefined) return undefined;
  return left === '' || right === '' ? undefined : [left, right];
}

/**
 * Splits `<stream>@<id>` exactly as openshift-apiserver does (imagestreamimage/rest.go): split on
 * `@` into at most three pieces; valid only with exactly two non-empty pieces. Anything else is
 * the API server's 400, answered here without a GET. The namespace must be a DNS-1123 label and
 * the stream an image stream name (lowercase alphanumerics separated by `.`, `_`, `__` or `-`, at
 * most 255 characters): no such stream can exist otherwise. The id is matched by the API server as
 * a raw prefix, so it is only required to be non-empty and valid Unicode (no lone surrogate, which
 * no URL can carry); the client encodes it as one path segment.
 */
export function parseImageStreamImageName(namespace: string, name: string): ImageStreamImageRef {
  validateNamespace(namespace);
  const halves = splitOnce(name, '@');
  if (halves === undefined) {
    throw badInput(
      `ImageStreamImage name must be <stream>@<id> with exactly one '@' and both sides non-empty, but got: ${shown(name)}`,
      'name',
    );
  }
  const [stream, id] = halves;
  if (stream.length > STREAM_MAX_LENGTH || !STREAM_NAME.test(stream)) {
    throw badInput(
      `The image stream name in <stream>@<id> must be lowercase letters and digits, separated by '.', '_', '__' or '-', at most ${STREAM_MAX_LENGTH} characters, but got: ${shown(stream)}`,
      'name',
      'stream',
    );
  }
  // With the `u` flag a well-formed surrogate pair is one code point: only a lone half matches.
  // A lone surrogate has no UTF-8 form, so no URL can carry it to the API server.
  if (LONE_SURROGATE.test(id)) {
    throw badInput(
      `The id in <stream>@<id> must be valid Unicode text, but it contains a lone UTF-16 surrogate: ${shown(id)}`,
      'name',
      'id',
    );
  }
  if (!canMatchAnImageDigest(id)) {
    throw badInput(
      `The id in <stream>@<id> must be an image digest or a prefix of one (sha256:<hex>, or lowercase hex alone), but got: ${shown(id)}`,
      'name',
      'id',
    );
  }
  return { namespace, stream, id };
}

/** The DataLoader cache key of a ref: unambiguous because namespaces and streams never contain NUL. */
export function imageStreamImageKey(ref: ImageStreamImageRef): string {
  return `${ref.namespace}\u0000${ref.stream}\u0000${ref.id}`;
}

/** Checks an image stream name (see {@link parseImageStreamImageName}); BAD_USER_INPUT otherwise. */
export function validateStreamName(stream: string, argument: string, part?: string): void {
  if (stream.length > STREAM_MAX_LENGTH || !STREAM_NAME.test(stream)) {
    throw badInput(
      `The image stream name must be lowercase letters and digits, separated by '.', '_', '__' or '-', at most ${STREAM_MAX_LENGTH} characters, but got: ${shown(stream)}`,
      argument,
      part,
    );
  }
}

/** An ImageStream ref from the caller's arguments, checked as the API server would. */
export function parseImageStreamRef(namespace: string, name: string): ImageStreamRef {
  validateNamespace(namespace);
  validateStreamName(name, 'name');
  return { namespace, name };
}

/** A tag name: what docker accepts (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`), which OpenShift enforces on push. */
const TAG_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Splits `<stream>:<tag>` as openshift-apiserver does (imagestreamtag/rest.go, docs/navigation.md):
 * no `@`, exactly one `:`, both sides non-empty; otherwise the API server's 400, answered here
 * without a GET. The stream must be an image stream name and the tag a docker tag.
 */
export function parseImageStreamTagName(namespace: string, name: string): ImageStreamTagRef {
  validateNamespace(namespace);
  const halves = splitOnce(name, ':');
  if (name.includes('@') || halves === undefined) {
    throw badInput(
      `ImageStreamTag name must be <stream>:<tag> with exactly one ':', no '@' and both sides non-empty, but got: ${shown(name)}`,
      'name',
    );
  }
  const [stream, tag] = halves;
  validateStreamName(stream, 'name', 'stream');
  if (!TAG_NAME.test(tag)) {
    throw badInput(
      `The tag in <stream>:<tag> must be letters, digits, '_', '.' and '-' (not starting with '.' or '-'), at most 128 characters, but got: ${shown(tag)}`,
      'name',
      'tag',
    );
  }
  return { namespace, stream, tag };
}

/** DataLoader key of an ImageStream ref. */
export function imageStreamKey(ref: ImageStreamRef): string {
  return `${ref.namespace}\u0000${ref.name}`;
}

/** DataLoader key of an ImageStreamTag ref. */
export function imageStreamTagKey(ref: ImageStreamTagRef): string {
  return `${ref.namespace}\u0000${ref.stream}\u0000${ref.tag}`;
}
