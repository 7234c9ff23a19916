/**
 * The one copy of the upstream fixtures (`fixtures/upstream/`): real and synthesized API documents
 * (`examples/`) and Status error answers byte for byte (`status/`). Every reader returns a fresh copy,
 * safe to mutate.
 */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('./fixtures/upstream/', import.meta.url);

/** A status fixture as stored: synthesized ones carry `_meta` and `wire`, captured ones `statusCode`, `headers` and `body`. */
export interface StatusFixtureFile {
  _meta?: { statusCode: number; headers: Record<string, string> };
  statusCode?: number;
  headers?: Record<string, string>;
  body?: unknown;
  wire?: string;
}

/** One upstream answer: status, headers (without the per-response `date` and `content-length`) and body bytes. */
export interface StatusAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly wire: string;
}

/** Reads `status/<name>.json` as stored. */
export function readStatusFixture(name: string): StatusFixtureFile {
  return JSON.parse(
    readFileSync(new URL(`status/${name}.json`, FIXTURES), 'utf8'),
  ) as StatusFixtureFile;
}

/**
 * `status/<name>.json` as the API server sends it. A captured answer without `wire` was written by
 * the server's JSON encoder: compact, with a trailing newline.
 */
export function statusAnswer(name: string): StatusAnswer {
  const file = readStatusFixture(name);
  const statusCode = file.statusCode ?? file._meta?.statusCode;
  if (statusCode === undefined) throw new Error(`status fixture ${name} has no status code`);
  const {
    date: _date,
    'content-length': _length,
    ...headers
  } = file.headers ?? file._meta?.headers ?? {};
  return { statusCode, headers, wire: file.wire ?? `${JSON.stringify(file.body)}\n` };
}

/** The names of every status fixture (without `.json`). */
export const STATUS_FIXTURE_NAMES: readonly string[] = [
  '400-isimage-malformed-name.synthesized',
  '400-istag-malformed-name.synthesized',
  '401-unauthorized.synthesized',
  '403-forbidden-isimage.synthesized',
  '404-isimage-digest-not-in-stream.synthesized',
  '404-isimage-image-object-deleted.synthesized',
  '404-isimage-stream-not-found.synthesized',
  '404-istag-tag-has-no-image.synthesized',
  '404-notfound-core-with-headers.real',
  '404-unknown-path.real',
  '409-isimage-ambiguous-prefix.legacy.synthesized',
  '429-apf-plaintext.synthesized',
  '429-toomanyrequests-status.synthesized',
  '500-internal-error.synthesized',
  '500-servertimeout-layer-index-not-synced.synthesized',
  '503-aggregator-plaintext.synthesized',
  '503-serviceunavailable-status.synthesized',
  '504-timeout.synthesized',
];

/** Reads `examples/<name>.json` (name without `.json`). */
export function exampleFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`examples/${name}.json`, FIXTURES), 'utf8')) as T;
}
