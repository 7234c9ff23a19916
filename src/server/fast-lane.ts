/**
 * The fast lane: a plain JSON query POSTed to /graphql, executed by yoga's own GraphQL pipeline
 * (`getResultForParams`: every envelop plugin, masking, limits, persisted operations, JIT,
 * metrics) and serialised by yoga's own result processor, without the fetch-adapter round trip
 * (a WHATWG Request built from the node request, a Response, and their promise chains) that
 * costs more than the rest of a cached query (bench/README.md, issue #11).
 *
 * The lane takes only what it answers byte for byte as yoga does (test/integration/gateway/
 * fast-lane.test.ts sends the same requests through both lanes and compares status, headers and
 * body). Decided on the headers, before the body is read: `POST /graphql`, no query string,
 * `Content-Type: application/json` (with at most `charset=utf-8`), no `Content-Encoding`, an
 * `Accept` that yoga answers with `application/json` (none, `*` `/` `*`, `application/json`); with
 * CORS_ORIGINS, the lane adds the CORS headers yoga's plugin would. Then on the body: one
 * JSON object (no batch) whose only non-null members are a non-empty `query` string, `variables`
 * (an object) and `operationName` (a string), and a query without the word `subscription` (so the
 * result is never a stream). Or an APQ hash-only request (`extensions` exactly
 * `{ persistedQuery: { version: 1, sha256Hash } }`, no `query`) whose document the gateway holds,
 * under the same conditions; other extensions, registrations and misses are yoga's. Anything
 * else goes to yoga with the body already read (`req.body`), which answers it, errors included,
 * as always.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import {
  getInstrumented,
  processRegularResult,
  type GraphQLParams,
  type Instrumentation,
  type YogaInitialContext,
  type YogaServerInstance,
} from 'graphql-yoga';
import { getCORSHeadersByRequestAndOptions } from '@whatwg-node/server';
import { variesOnOrigin, type CorsDecision } from './browser-policy.js';
import type { ServerContext } from './request-context.js';
import type { FastLaneKind } from './access-log.js';
import type { DirectExecution } from './direct-execution.js';

/** What the lane needs of the gateway's yoga. */
type Yoga = YogaServerInstance<Record<string, unknown>, ServerContext>;

/** The lane of one gateway. */
export interface FastLane {
  /** Whether the request's method, path and headers let the lane take it (its body still unread). */
  accepts(req: IncomingMessage): boolean;
  /**
   * Answers a request that {@link accepts} took, given its whole body, and resolves to how it did
   * (`direct` when the direct execution ran it, `replay` when it replayed it, else `fast`).
   * Resolves to false, having answered nothing, when the body is not one the lane takes: the
   * caller hands it to yoga.
   */
  serve(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<FastLaneKind | false>;
}

/** How the lane is built. */
export interface FastLaneOptions {
  readonly yoga: Yoga;
  /** The request id the gateway's onResponse hook sets as `x-request-id` on yoga's answers. */
  readonly requestIdOf: (request: Request) => string;
  /**
   * The CORS policy yoga was given (CORS_ORIGINS, `createCorsPolicy`; false without origins): the
   * lane adds the headers it grants a request's `Origin` as yoga's CORS plugin does, before the
   * gateway's own. With a policy, every answer also gets `Vary: Origin` (unless a CORS header
   * already varies on it), which the gateway's hook appends to yoga's headers: that makes
   * @whatwg-node write every header name in lower case; otherwise it writes them as yoga's
   * result processor named them (`Content-Type`).
   */
  readonly cors: false | ((request: Request) => CorsDecision);
  /**
   * The `operation` instrumentation of the gateway's plugins (the access log's and metrics'
   * observer), which yoga wraps around each operation: the lane wraps it the same way.
   */
  readonly operation?: Instrumentation<YogaInitialContext & ServerContext>['operation'];
  /**
   * The document of an APQ hash, if the gateway holds it (the persisted-operations plugin's
   * `documentOf`). Then a hash-only request (`extensions.persistedQuery`, no `query`) whose
   * document is held takes the lane; without it, every request with `extensions` is yoga's.
   */
  readonly documentOf?: DocumentOf;
  /** Runs what yoga has validated before without its pipeline (./direct-execution.ts). */
  readonly direct?: DirectExecution;
}

/**
 * The instrumentation keys the lane reproduces: `operation`, and envelop's own (parse, validate,
 * context, execute, subscribe, init), which run inside yoga's pipeline anyway. A plugin that
 * instruments the request, its parsing or the result processing (tracing) needs yoga's adapter.
 */
const LANE_INSTRUMENTATION = new Set([
  'operation',
  'init',
  'parse',
  'validate',
  'context',
  'execute',
  'subscribe',
]);

/** Whether the lane can serve alongside plugins with this (composed) instrumentation. */
export function laneKeepsInstrumentation(instrumentation: object | undefined): boolean {
  return Object.keys(instrumentation ?? {}).every((key) => LANE_INSTRUMENTATION.has(key));
}

const JSON_TYPES = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
]);
/** Accept values yoga answers with its regular `application/json` processor. */
const JSON_ACCEPTS = new Set(['*/*', 'application/json']);
const SUBSCRIPTION = /\bsubscription\b/;

/** A body the lane takes: its GraphQL parameters (as yoga gets them) and the document they run. */
interface LaneBody {
  readonly params: GraphQLParams;
  /** `query`, or the held document of an APQ hash-only request. */
  readonly document: string;
}

/**
 * The GraphQL parameters of a body the lane takes (the parsed object, as yoga passes it) and
 * their document, or undefined. `documentOf` finds the document of an APQ hash-only request
 * (see {@link FastLaneOptions}).
 */
function bodyOf(body: Buffer, documentOf: DocumentOf | undefined): LaneBody | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const params = value as Record<string, unknown>;
  for (const key in params) {
    if (params[key] === null || params[key] === undefined) continue;
    if (key === 'extensions' && documentOf !== undefined) continue;
    if (key !== 'query' && key !== 'variables' && key !== 'operationName') return undefined;
  }
  const { query, variables, operationName, extensions } = params;
  let document: string | undefined;
  if (extensions !== undefined && extensions !== null) {
    // Only an APQ hash-only request whose document the gateway holds: the persisted-operations
    // plugin then runs that document. A registration, a miss or any other extension is yoga's.
    // The plugin looks the hash up in the same synchronous run (every onParams hook is
    // synchronous), so no other request can evict it in between.
    if (query !== undefined && query !== null) return undefined;
    const hash = persistedHashOf(extensions);
    document = hash === undefined ? undefined : documentOf?.(hash);
    if (document === undefined || SUBSCRIPTION.test(document)) return undefined;
  } else if (typeof query !== 'string' || query === '' || SUBSCRIPTION.test(query)) {
    return undefined;
  } else {
    document = query;
  }
  if (!(variables === undefined || variables === null || isPlainObject(variables)))
    return undefined;
  if (!(
    operationName === undefined ||
    operationName === null ||
    typeof operationName === 'string'
  )) {
    return undefined;
  }
  return { params: params as GraphQLParams, document };
}

/** Finds the document of an APQ hash (lowercase hex sha256), if the gateway holds it. */
type DocumentOf = (hash: string) => string | undefined;

const APQ_HASH = /^[0-9a-f]{64}$/;

/**
 * The hash of `extensions` that are exactly `{ persistedQuery: { version: 1, sha256Hash } }` with
 * a lowercase hex sha256 (as the persisted-operations plugin takes it unchanged), else undefined.
 */
function persistedHashOf(extensions: unknown): string | undefined {
  if (!isPlainObject(extensions)) return undefined;
  const keys = Object.keys(extensions as object);
  if (keys.length !== 1 || keys[0] !== 'persistedQuery') return undefined;
  const persisted = (extensions as { persistedQuery: unknown }).persistedQuery;
  if (!isPlainObject(persisted)) return undefined;
  const { version, sha256Hash, ...rest } = persisted as Record<string, unknown>;
  if (version !== 1 || Object.keys(rest).length > 0) return undefined;
  return typeof sha256Hash === 'string' && APQ_HASH.test(sha256Hash) ? sha256Hash : undefined;
}

/** `Headers.set` on a flat [name, value, ...] list of lower-case names: replaces, else appends. */
function setHeader(headers: string[], name: string, value: string): void {
  for (let i = 0; i < headers.length; i += 2) {
    if (headers[i] === name) {
      headers[i + 1] = value;
      return;
    }
  }
  headers.push(name, value);
}

/** The value of `name` (lower case) in a flat [name, value, ...] list. */
function headerOf(headers: readonly string[], name: string): string | undefined {
  for (let i = 0; i < headers.length; i += 2) if (headers[i] === name) return headers[i + 1];
  return undefined;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The Request the pipeline sees: what yoga's GraphQL pipeline and the gateway's plugins read of
 * one (url, method, headers, signal). The signal, built on first use only, aborts when the client
 * goes away before the answer is sent, as the fetch adapter's does.
 */
class LaneRequest {
  readonly method = 'POST';
  #signal: AbortSignal | undefined;
  constructor(
    readonly url: string,
    readonly headers: Headers,
    private readonly res: ServerResponse,
  ) {}
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const controller = new AbortController();
      this.#signal = controller.signal;
      if (this.res.closed && !this.res.writableFinished) controller.abort();
      else
        this.res.once('close', () => {
          if (!this.res.writableFinished) controller.abort();
        });
    }
    return this.#signal;
  }
}

/** Captures what yoga's result processor answers, instead of building a Response from it. */
class CapturedResponse {
  constructor(
    readonly body: string,
    readonly init: { status: number; headers: Record<string, string> },
  ) {}
}
const capture = { Response: CapturedResponse } as unknown as Parameters<
  typeof processRegularResult
>[1];

/** What yoga's result processor answers for a result, and the byte length of its body. */
interface Serialised {
  readonly answer: CapturedResponse;
  readonly length: string;
}

export function createFastLane(options: FastLaneOptions): FastLane {
  const { yoga, requestIdOf, cors, operation, documentOf, direct } = options;
  const getResult = (
    params: GraphQLParams,
    request: Request,
    serverContext: Record<string, unknown>,
  ) => {
    const payload = { params, request };
    if (operation === undefined) return yoga.getResultForParams(payload, serverContext);
    // As yoga's handle does: the operation instrumentation around getResultForParams.
    // yoga passes the server context, which its handleParams then turns into the operation's.
    const instrumented = { context: serverContext, request } as unknown as Parameters<
      typeof operation
    >[0];
    return getInstrumented(instrumented).asyncFn(operation, yoga.getResultForParams)(
      payload,
      serverContext,
    );
  };
  const Headers = yoga.fetchAPI.Headers;
  /**
   * The answers of reused results (a replay without `extensions.stats`): the replay memo hands
   * out the same frozen result until it drops it, and the answer is a function of the result
   * alone (`application/json`), bounded with the memo.
   */
  const replayed = new WeakMap<ExecutionResult, Serialised>();
  const serialise = (result: ExecutionResult): Serialised => {
    const answer = processRegularResult(
      result,
      capture,
      'application/json',
    ) as unknown as CapturedResponse;
    return { answer, length: String(Buffer.byteLength(answer.body)) };
  };
  return {
    accepts(req) {
      if (req.method !== 'POST' || req.url !== '/graphql') return false;
      const headers = req.headers;
      const type = headers['content-type'];
      if (type === undefined || !JSON_TYPES.has(type.toLowerCase())) return false;
      if (headers['content-encoding'] !== undefined) return false;
      const accept = headers.accept;
      return accept === undefined || JSON_ACCEPTS.has(accept);
    },
    async serve(req, res, body) {
      const taken = bodyOf(body, documentOf);
      if (taken === undefined) return false;
      const { params, document } = taken;
      const host = req.headers.host ?? 'localhost';
      const request = new LaneRequest(
        `http://${host}/graphql`,
        new Headers(req.headers as Record<string, string>),
        res,
      ) as unknown as Request;
      // What the fetch adapter hands yoga as the server context of a node request.
      const serverContext = { req, res };
      const directly =
        direct === undefined
          ? undefined
          : await direct.run(document, params, request, serverContext);
      const result = directly?.result ?? (await getResult(params, request, serverContext));
      if (result === undefined || Symbol.asyncIterator in result) {
        // Only a subscription (or @defer/@stream, which the schema has not) streams.
        throw new Error('the fast lane got a streamed result for a query without "subscription"');
      }
      const reused = directly?.reused === true;
      let serialised = reused ? replayed.get(result) : undefined;
      if (serialised === undefined) {
        serialised = serialise(result);
        if (reused) replayed.set(result, serialised);
      }
      const { answer } = serialised;
      const headers: string[] = [];
      for (const [name, value] of Object.entries(answer.init.headers)) {
        headers.push(cors === false ? name : name.toLowerCase(), value);
      }
      headers.push('content-length', serialised.length);
      // What yoga's CORS plugin sets (`headers.set`, in its order), then the gateway's hook.
      if (cors !== false) {
        const granted = getCORSHeadersByRequestAndOptions(request, cors(request)) ?? {};
        for (const [name, value] of Object.entries(granted)) {
          setHeader(headers, name.toLowerCase(), value);
        }
      }
      setHeader(headers, 'x-request-id', requestIdOf(request));
      if (cors !== false && !variesOnOrigin(headerOf(headers, 'vary'))) {
        headers.push('vary', 'Origin');
      }
      res.writeHead(answer.init.status, headers);
      res.end(answer.body);
      return directly === undefined ? 'fast' : directly.lane;
    },
  };
}
