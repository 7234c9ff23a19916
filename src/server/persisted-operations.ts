/**
 * Persisted operations, by PERSISTED_OPERATIONS_MODE (default `apq`, as Apollo Server and Apollo
 * Router have it, so that Apollo Client's persisted-queries link works against the defaults):
 *
 * - `apq`: Automatic Persisted Queries (Apollo's protocol). A client sends
 *   `extensions.persistedQuery: { version: 1, sha256Hash }` without the document; an unknown hash
 *   is answered with `PERSISTED_QUERY_NOT_FOUND`, the client re-sends the document with the hash,
 *   and once that document validates it is registered in a bounded LRU store. Arbitrary documents
 *   still run.
 * - `safelist`: only the operations of PERSISTED_OPERATIONS_FILE run, by hash; any other document
 *   is rejected with `PERSISTED_QUERY_NOT_ALLOWED`, and nothing can be registered at run time.
 * - `off`: a request that sends only a hash is answered `PERSISTED_QUERY_NOT_SUPPORTED` with the
 *   message `PersistedQueryNotSupported`: Apollo's link matches either, stops hashing and re-sends
 *   the document. A document sent with a hash runs as a plain document (the hash is ignored).
 *
 * Built on `@graphql-yoga/plugin-persisted-operations`, which resolves a hash to a document; the
 * APQ half it lacks (checking the hash of a sent document and registering it) is a small hook here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { LRUCache } from 'lru-cache';
import { ConfigError, type GatewayConfig, type PersistedOperationsMode } from './config.js';

/**
 * The context constraint of `usePersistedOperations`. `Record<string, unknown>` would refuse
 * interfaces such as `ServerContext` (they have no index signature); `any` values accept them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyContext = Record<string, any>;

/** Persisted operations by lowercase hex sha256 of the document's UTF-8 bytes. */
export type PersistedOperationMap = ReadonlyMap<string, string>;

/** The plugin, and what it would run for a request that sends only a hash. */
export type PersistedOperationsPlugin<TContext extends AnyContext> = Plugin<TContext> & {
  /**
   * The document a hash-only request with this lowercase hex sha256 runs now (pre-registered or in
   * the APQ store), or undefined: it would be answered with an error (or, with `off`, is never
   * looked up). The HTTP fast lane takes a hash-only request only when this finds its document.
   */
  readonly documentOf: (hash: string) => string | undefined;
};

/** Options of {@link createPersistedOperationsPlugin}. */
export interface PersistedOperationsOptions {
  /** `off` only answers hash-only requests with PERSISTED_QUERY_NOT_SUPPORTED. */
  readonly mode: PersistedOperationsMode;
  /**
   * Operations registered at start-up (see {@link loadPersistedOperations}): the whole safelist in
   * `safelist` mode, pre-registered (never evicted) hashes in `apq` mode.
   * @default an empty map
   */
  readonly operations?: PersistedOperationMap | undefined;
  /**
   * Bound of the APQ store in UTF-8 bytes of documents. Anyone can register, so the store is an
   * LRU: a flood of registrations evicts old entries instead of growing the heap.
   * @default 16777216 (16 MiB)
   */
  readonly apqMaxBytes?: number;
  /** Bound of the APQ store in entries. @default 10000 */
  readonly apqMaxEntries?: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** The hex sha256 of a document, as APQ clients compute it. */
export function sha256Hex(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/**
 * Reads PERSISTED_OPERATIONS_FILE once at start-up: a JSON object mapping the sha256 of each
 * document to the document. Every entry is checked (the key is the document's sha256, the
 * document parses) and all problems are thrown together as one {@link ConfigError}, so a bad file
 * fails start-up instead of rejecting operations later.
 */
export function loadPersistedOperations(path: string): Map<string, string> {
  const where = `PERSISTED_OPERATIONS_FILE (${path})`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError([
      `${where} cannot be read${typeof code === 'string' ? ` (${code})` : ''}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${where} is not valid JSON: ${(error as Error).message}`]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError([
      `${where} must be a JSON object mapping sha256 hashes to documents, but got: ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`,
    ]);
  }
  const problems: string[] = [];
  const operations = new Map<string, string>();
  for (const [key, document] of Object.entries(json)) {
    if (!SHA256_HEX.test(key)) {
      problems.push(`${where}: key '${key}' is not a sha256 hash (64 hex digits)`);
      continue;
    }
    if (typeof document !== 'string') {
      problems.push(
        `${where}: the document of ${key} must be a string, but got: ${typeof document}`,
      );
      continue;
    }
    const actual = sha256Hex(document);
    if (actual !== key.toLowerCase()) {
      problems.push(
        `${where}: ${key} is not the sha256 of its document (which hashes to ${actual})`,
      );
      continue;
    }
    try {
      parse(document);
    } catch (error) {
      problems.push(
        `${where}: the document of ${key} is not valid GraphQL: ${(error as Error).message}`,
      );
      continue;
    }
    operations.set(actual, document);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return operations;
}

/** Error factories: yoga's own GraphQLError class, with a public code and an HTTP status. */
const errors = {
  notFound: () =>
    // The message is the protocol: Apollo clients re-send the document when they see it.
    createGraphQLError('PersistedQueryNotFound', {
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    }),
  notAllowed: () =>
    createGraphQLError(
      'Only persisted operations may run on this gateway: send extensions.persistedQuery.sha256Hash of an operation in its safelist.',
      { extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } } },
    ),
  notSupported: () =>
    // The message is the protocol here too: Apollo's link stops hashing when it sees it (or the code).
    createGraphQLError('PersistedQueryNotSupported', {
      extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', http: { status: 400 } },
    }),
  noOperation: () =>
    createGraphQLError('Must provide a query or extensions.persistedQuery.sha256Hash.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    }),
  badRequest: (message: string) =>
    createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } }),
};

/** `extensions.persistedQuery` as sent, or undefined when the request carries none. */
function persistedQueryOf(params: GraphQLParams): { version: unknown; hash: unknown } | undefined {
  // yoga hands over each entry of a batch as sent: `[null]` arrives as a null "params".
  if (typeof params !== 'object' || params === null) return undefined;
  const persistedQuery: unknown = params.extensions?.['persistedQuery'];
  if (persistedQuery === undefined || persistedQuery === null) return undefined;
  if (typeof persistedQuery !== 'object') return { version: undefined, hash: undefined };
  const { version, sha256Hash } = persistedQuery as Record<string, unknown>;
  return { version, hash: sha256Hash };
}

/** The hash of a well-formed `extensions.persistedQuery`, lowercased; throws BAD_REQUEST otherwise. */
function checkedHash(persistedQuery: { version: unknown; hash: unknown }): string {
  if (persistedQuery.version !== 1) {
    throw errors.badRequest('Unsupported persisted query version: only version 1 is supported.');
  }
  if (typeof persistedQuery.hash !== 'string' || !SHA256_HEX.test(persistedQuery.hash)) {
    throw errors.badRequest(
      'extensions.persistedQuery.sha256Hash must be the hex sha256 of the document.',
    );
  }
  return persistedQuery.hash.toLowerCase();
}

/**
 * The persisted-operations plugin for `mode`. Add it to yoga's `plugins`; its hooks run on
 * `onParams`, before parsing, so a rejected operation costs no parse, validation or upstream call.
 */
export function createPersistedOperationsPlugin<TContext extends AnyContext>(
  options: PersistedOperationsOptions,
): PersistedOperationsPlugin<TContext> {
  const { mode } = options;
  if (mode === 'off') {
    return {
      documentOf: () => undefined,
      onParams({ params }) {
        const hashOnly =
          persistedQueryOf(params) !== undefined &&
          (typeof params.query !== 'string' || params.query === '');
        if (hashOnly) throw errors.notSupported();
      },
    };
  }
  const registered: PersistedOperationMap = options.operations ?? new Map();
  const store =
    mode === 'apq'
      ? new LRUCache<string, string>({
          max: options.apqMaxEntries ?? 10_000,
          maxSize: options.apqMaxBytes ?? 16 * 1024 * 1024,
          sizeCalculation: (document) => Math.max(1, Buffer.byteLength(document, 'utf8')),
        })
      : undefined;
  // Documents sent with their hash, registered once they have validated (so the store only ever
  // holds operations that can run). Keyed by the per-operation context yoga passes to every hook.
  const toRegister = new WeakMap<object, { hash: string; document: string }>();

  const apqHook: Plugin<TContext> = {
    onParams({ params, setParams, context }) {
      // yoga checks the shape of each batch entry only after onParams, and the persisted-operations
      // plugin below reads `params.query` first: refuse a non-object here, as yoga would.
      if (typeof params !== 'object' || params === null) {
        throw errors.badRequest(
          `Expected params to be an object but given ${params === null ? 'null' : typeof params}.`,
        );
      }
      const persistedQuery = persistedQueryOf(params);
      if (persistedQuery === undefined) return;
      const hash = checkedHash(persistedQuery);
      // The plugin below looks the hash up as given; hand it the normalised one.
      const extensions = {
        ...params.extensions,
        persistedQuery: { version: 1, sha256Hash: hash },
      };
      if (typeof params.query !== 'string' || params.query === '') {
        setParams({ ...params, extensions });
        return;
      }
      if (sha256Hex(params.query) !== hash) {
        throw errors.badRequest('provided sha does not match query');
      }
      if (store !== undefined) {
        if (!registered.has(hash)) toRegister.set(context, { hash, document: params.query });
        return;
      }
      // Safelist: a listed document sent in full (with its hash) runs as the listed operation.
      if (registered.has(hash)) {
        const { query: _sent, ...rest } = params;
        setParams({ ...rest, extensions });
      }
    },
    onValidate({ context }) {
      const pending = toRegister.get(context);
      if (pending === undefined) return undefined;
      return ({ valid }) => {
        if (valid) store?.set(pending.hash, pending.document);
      };
    },
  };

  return {
    // Peeks: the lookup itself neither registers nor refreshes an entry's recency.
    documentOf: (hash) => registered.get(hash) ?? store?.peek(hash),
    onPluginInit({ addPlugin }) {
      addPlugin(apqHook);
      addPlugin(
        usePersistedOperations<TContext>({
          allowArbitraryOperations: mode === 'apq',
          getPersistedOperation: (hash) => registered.get(hash) ?? store?.get(hash) ?? null,
          customErrors: {
            notFound: errors.notFound,
            persistedQueryOnly: errors.notAllowed,
            keyNotFound: errors.noOperation,
          },
        }),
      );
    },
  };
}

/**
 * The plugin the configuration asks for, loading PERSISTED_OPERATIONS_FILE (once, now) when the
 * mode is not `off`. Throws a {@link ConfigError} when the file is unreadable or invalid.
 */
export function persistedOperationsPluginFor<TContext extends AnyContext>(
  config: Pick<GatewayConfig, 'persistedOperationsMode' | 'persistedOperationsFile'>,
): PersistedOperationsPlugin<TContext> {
  if (config.persistedOperationsMode === 'off')
    return createPersistedOperationsPlugin({ mode: 'off' });
  return createPersistedOperationsPlugin<TContext>({
    mode: config.persistedOperationsMode,
    operations:
      config.persistedOperationsFile === undefined
        ? undefined
        : loadPersistedOperations(config.persistedOperationsFile),
  });
}
