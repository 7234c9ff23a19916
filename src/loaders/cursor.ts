/**
 * Cursors of `imageStreams` (docs/navigation.md, "Paging"). Kubernetes pages with an opaque continue
 * token per page, valid only with otherwise identical parameters. A cursor is base64url of JSON
 * `{ c, s, n, l, f }`: the continue token the page was read with (`c`, absent on the first page),
 * how many of its items come before the position (`s`), and the namespace and selectors (`n`, `l`,
 * `f`) it must be used with. The end cursor of a page is the next page's token with `s: 0`, so
 * walking with `endCursor` sends `limit=first` and the server's token unchanged. An edge's cursor in
 * the middle of a page re-reads that page from its token with a larger limit and drops the items
 * before it: still one list GET.
 */
import { GatewayError } from '../errors/gateway-error.js';

/** What a cursor must agree with. */
export interface CursorScope {
  readonly namespace: string;
  readonly labelSelector: string | undefined;
  readonly fieldSelector: string | undefined;
}

/** A decoded cursor: where to continue. */
export interface CursorPosition {
  /** The continue token to read the page with; undefined for the first page. */
  readonly token: string | undefined;
  /** Items of that page to skip. */
  readonly skip: number;
}

interface Encoded {
  c?: string;
  s: number;
  n: string;
  l?: string;
  f?: string;
}

/** Encodes a cursor for `scope`. */
export function encodeCursor(scope: CursorScope, position: CursorPosition): string {
  const value: Encoded = {
    ...(position.token === undefined ? {} : { c: position.token }),
    s: position.skip,
    n: scope.namespace,
    ...(scope.labelSelector === undefined ? {} : { l: scope.labelSelector }),
    ...(scope.fieldSelector === undefined ? {} : { f: scope.fieldSelector }),
  };
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function bad(message: string): GatewayError {
  return new GatewayError('BAD_USER_INPUT', message, { details: { argument: 'after' } });
}

/**
 * Decodes `after`; BAD_USER_INPUT (no upstream request) for a cursor this gateway did not issue,
 * or one issued for another namespace or other selectors.
 */
export function decodeCursor(after: string, scope: CursorScope): CursorPosition {
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(after)) throw new Error('not base64url');
    value = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw bad(
      '`after` is not a cursor of this gateway: pass `pageInfo.endCursor` or an edge `cursor` unchanged.',
    );
  }
  const v = value as Partial<Record<keyof Encoded, unknown>>;
  if (
    typeof value !== 'object' ||
    value === null ||
    (v.c !== undefined && (typeof v.c !== 'string' || v.c === '')) ||
    typeof v.s !== 'number' ||
    !Number.isSafeInteger(v.s) ||
    v.s < 0 ||
    v.s > 10_000 ||
    typeof v.n !== 'string' ||
    (v.l !== undefined && typeof v.l !== 'string') ||
    (v.f !== undefined && typeof v.f !== 'string')
  ) {
    throw bad(
      '`after` is not a cursor of this gateway: pass `pageInfo.endCursor` or an edge `cursor` unchanged.',
    );
  }
  if (v.n !== scope.namespace || v.l !== scope.labelSelector || v.f !== scope.fieldSelector) {
    throw bad(
      '`after` belongs to another namespace or other selectors: a cursor is valid only with the same namespace, labelSelector and fieldSelector.',
    );
  }
  return { token: v.c, skip: v.s };
}
