/**
 * What happened to each request, once: a yoga plugin that observes every GraphQL operation (name,
 * type, outcome, error codes, upstream GETs, cache hits, duration) for metrics and logs, and the
 * access log that writes one JSON line per HTTP request. Nothing here reads a header other than
 * `x-request-id`, and nothing logs a query string, a variable, a token or an upstream body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ERROR_CODES, type ErrorCode } from '../errors/codes.js';
import type { UpstreamEvent } from '../upstream/openshift-client.js';
import { flatLineLogger, type FlatLine, type Logger } from './logger.js';
import { requestSlot } from './request-slot.js';

/**
 * How the fast lane answered: `fast` through yoga's GraphQL pipeline, `direct` by executing an
 * operation yoga has validated before itself (./direct-execution.ts), `replay` with the result
 * of that execution after its loads gave the same again (./replay-memo.ts).
 */
export type FastLaneKind = 'fast' | 'direct' | 'replay';

/** An error code seen in a result: one of the public codes, or UNKNOWN for anything else. */
export type ObservedErrorCode = ErrorCode | 'UNKNOWN';

/** The type of an operation, or `unknown` when its document did not parse. */
export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/** What the gateway learned about one GraphQL operation (one item of a batch). */
export interface OperationRecord {
  /** The operation's name as the document declares it; undefined when anonymous or unparsed. */
  readonly name: string | undefined;
  readonly type: OperationType;
  /** Whether the document parsed and validated (only then is `name` trusted as a label). */
  readonly validated: boolean;
  /** `ok`, or the code of the first error. */
  readonly outcome: 'ok' | ObservedErrorCode;
  /** The distinct codes of every error of the result, in order of appearance. */
  readonly errorCodes: readonly ObservedErrorCode[];
  /** HTTP attempts sent upstream for this operation (retries included). */
  readonly upstreamRequests: number;
  /** Answers served from the process-wide cache. */
  readonly cacheHits: number;
  readonly durationSeconds: number;
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** The bounded code of an error object, matched on shape (never `instanceof`). */
function codeOf(error: unknown): ObservedErrorCode {
  const code =
    typeof error === 'object' && error !== null
      ? (error as { extensions?: { code?: unknown } }).extensions?.code
      : undefined;
  return typeof code === 'string' && KNOWN_CODES.has(code) ? (code as ErrorCode) : 'UNKNOWN';
}

/** The distinct error codes of a GraphQL result (an empty list for a result without errors). */
export function errorCodesOf(result: unknown): ObservedErrorCode[] {
  const errors =
    typeof result === 'object' && result !== null
      ? (result as { errors?: unknown }).errors
      : undefined;
  if (!Array.isArray(errors)) return [];
  return [...new Set(errors.map(codeOf))];
}

/** The per-operation fields the plugin reads from the context (present once the context is built). */
interface ObservedContext {
  readonly stats?: { readonly upstreamRequests: number; readonly cacheHits: number };
  readonly params?: { readonly operationName?: string | null };
}

interface OperationState {
  name: string | undefined;
  type: OperationType;
  validated: boolean;
  result: unknown;
}

export function describe(
  document: DocumentNode,
  operationName: string | null | undefined,
): Pick<OperationState, 'name' | 'type'> {
  const operation = getOperationAST(document, operationName ?? undefined);
  return { name: operation?.name?.value, type: operation?.operation ?? 'unknown' };
}

/** What an operation was and how it ended, as of now. */
export interface ObservedOperation {
  readonly name: string | undefined;
  readonly type: OperationType;
  readonly validated: boolean;
  /** The final (masked) result; undefined when there was none (an error was thrown). */
  readonly result: unknown;
}

/**
 * The record of an operation that ran in `context` since `started` (`performance.now()`): the
 * observer plugin's, and the fast lane's direct execution's (./direct-execution.ts).
 */
export function operationRecordOf(
  operation: ObservedOperation,
  context: object,
  started: number,
): OperationRecord {
  const observed = context as ObservedContext;
  const errorCodes =
    operation.result === undefined ? ['UNKNOWN' as const] : errorCodesOf(operation.result);
  return {
    name: operation.name,
    type: operation.type,
    validated: operation.validated,
    outcome: errorCodes[0] ?? 'ok',
    errorCodes,
    upstreamRequests: observed.stats?.upstreamRequests ?? 0,
    cacheHits: observed.stats?.cacheHits ?? 0,
    durationSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * A yoga plugin that calls `onOperation` once per GraphQL operation (each item of a batch), after
 * its result is final (masked), with the context it ran in. Parse and validation failures are
 * operations too.
 */
export function createOperationObserverPlugin<TContext extends object>(
  onOperation: (record: OperationRecord, context: TContext) => void,
): Plugin<TContext> {
  const states = new WeakMap<object, OperationState>();
  const stateOf = (context: object): OperationState => {
    let state = states.get(context);
    if (state === undefined) {
      state = { name: undefined, type: 'unknown', validated: false, result: undefined };
      states.set(context, state);
    }
    return state;
  };
  return {
    instrumentation: {
      // Wraps parse, validate, context, execute and the result hooks of one operation.
      operation: ({ context }, wrapped) => {
        const started = performance.now();
        const finish = (): void => {
          onOperation(operationRecordOf(stateOf(context), context, started), context);
        };
        const failed = (error: unknown): never => {
          finish();
          throw error;
        };
        let running: ReturnType<typeof wrapped>;
        try {
          running = wrapped();
        } catch (error) {
          return failed(error);
        }
        // No extra promise hops: the operation's own (possibly yoga's fake, already settled) one.
        return isThenable(running) ? Promise.resolve(running).then(finish, failed) : finish();
      },
    },
    onValidate({ context, params }) {
      const state = stateOf(context);
      Object.assign(
        state,
        describe(
          params.documentAST as DocumentNode,
          (context as ObservedContext).params?.operationName,
        ),
      );
      return ({ valid }) => {
        state.validated = valid;
      };
    },
    onExecutionResult({ context, result }) {
      stateOf(context).result = result;
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/** One HTTP request being served. */
interface AccessRecord {
  readonly requestId: string;
  readonly started: number;
  readonly operations: string[];
  readonly errorCodes: Set<ObservedErrorCode>;
  upstreamRequests: number;
  cacheHits: number;
  /** Which part of the fast lane answered (./fast-lane.ts), if it did. */
  lane: FastLaneKind | undefined;
}

/** Paths that are polled (probes, scrapes): logged at debug so they do not drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Longest operation name written to a log line. */
const MAX_LOGGED_NAME = 100;

/** The access log: one JSON line per HTTP request, written when the response closes. */
export interface AccessLog {
  /** Starts the record of `req`, served under `requestId`. */
  begin(req: IncomingMessage, requestId: string): void;
  /** Adds an operation of `req` (a batch has several). */
  noteOperation(req: IncomingMessage, operation: OperationRecord): void;
  /** Records that the fast lane answered `req`, and how (./fast-lane.ts). */
  noteFastLane(req: IncomingMessage, lane: FastLaneKind): void;
  /** Writes the line: call once, when `res` closes. */
  end(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * Creates the access log. Fields: `requestId`, `method`, `path` (never the query string),
 * `status`, `durationMs`, `operationName` (or `operationNames` for a batch), `upstreamRequests`,
 * `cacheHits`, `errorCodes`, `lane` when the fast lane answered (`fast` through yoga's pipeline,
 * `direct` by its direct execution), and `aborted` when the
 * client went away first. Levels: error for
 * 5xx, info otherwise, debug for probes and scrapes.
 */
export function createAccessLog(logger: Logger): AccessLog {
  const records = requestSlot<AccessRecord>('access record');
  const lines = flatLineLogger(logger);
  return {
    begin(req, requestId) {
      records.set(req, {
        requestId,
        started: performance.now(),
        operations: [],
        errorCodes: new Set(),
        upstreamRequests: 0,
        cacheHits: 0,
        lane: undefined,
      });
    },
    noteFastLane(req, lane) {
      const record = records.get(req);
      if (record !== undefined) record.lane = lane;
    },
    noteOperation(req, operation) {
      const record = records.get(req);
      if (record === undefined) return;
      record.operations.push((operation.name ?? '(anonymous)').slice(0, MAX_LOGGED_NAME));
      for (const code of operation.errorCodes) record.errorCodes.add(code);
      record.upstreamRequests += operation.upstreamRequests;
      record.cacheHits += operation.cacheHits;
    },
    end(req, res) {
      const record = records.get(req);
      if (record === undefined) return;
      records.clear(req);
      const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
      const status = res.statusCode;
      const line: FlatLine = {
        requestId: record.requestId,
        method: req.method,
        path,
        status,
        durationMs: Math.round((performance.now() - record.started) * 1000) / 1000,
      };
      if (record.operations.length === 1) line.operationName = record.operations[0];
      else if (record.operations.length > 1) line.operationNames = record.operations;
      if (record.operations.length > 0) {
        line.upstreamRequests = record.upstreamRequests;
        line.cacheHits = record.cacheHits;
      }
      if (record.errorCodes.size > 0) line.errorCodes = [...record.errorCodes];
      if (record.lane !== undefined) line.lane = record.lane;
      if (!res.writableFinished) line.aborted = true;
      const level = status >= 500 ? 'error' : QUIET_PATHS.has(path) ? 'debug' : 'info';
      lines[level](line, 'request completed');
    },
  };
}

/**
 * Logs the upstream client's notable events: retries and circuit changes at warn, refusals by an
 * open circuit at debug (the access log already counts them as errors). Attempts are not logged.
 */
export function logUpstreamEvent(logger: Logger): (event: UpstreamEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'retry':
        logger.warn({ upstream: { delayMs: event.delayMs, code: event.code } }, 'upstream retry');
        return;
      case 'circuit':
        logger.warn({ upstream: { circuit: event.state } }, 'upstream circuit changed');
        return;
      case 'rejected-by-circuit':
        logger.debug({ upstream: { circuit: 'open' } }, 'upstream call refused by the circuit');
        return;
      case 'attempt':
      case 'response':
        return;
    }
  };
}
