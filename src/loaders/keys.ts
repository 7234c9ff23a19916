import { GatewayError } from '../errors/gateway-error.js';
import type { ImageStreamImageRef } from '../upstream/client.js';

/**
 * Splits `<stream>@<id>` exactly as openshift-apiserver does (imagestreamimage/rest.go): split on
 * `@` into at most three pieces; valid only with exactly two non-empty pieces. Anything else is
 * the API server's 400, answered here without a GET.
 */
export function parseImageStreamImageName(namespace: string, name: string): ImageStreamImageRef {
  const parts = name.split('@');
  const [stream, id] = parts;
  if (
    parts.length !== 2 ||
    stream === undefined ||
    id === undefined ||
    stream === '' ||
    id === ''
  ) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `ImageStreamImage name must be <stream>@<id> with exactly one '@' and both sides non-empty, but got: ${JSON.stringify(name)}`,
      { details: { argument: 'name' } },
    );
  }
  return { namespace, stream, id };
}

/** The DataLoader cache key of a ref: unambiguous because namespaces and streams never contain NUL. */
export function imageStreamImageKey(ref: ImageStreamImageRef): string {
  return `${ref.namespace}\u0000${ref.stream}\u0000${ref.id}`;
}
