/**
 * The fast lane's direct execution (issue #11): a query whose document yoga's pipeline has
 * already parsed and validated once (graphql's rules, the query limits' and, when introspection
 * is off, its rule) runs here without envelop, through the same steps yoga takes for it:
 * - MAX_QUERY_COST (./query-limits.ts): an operation over the limit goes to yoga, which refuses it;
 * - the request context (./request-context.ts), as yoga's context factory builds it;
 * - graphql-jit, compiled once with the JIT plugin (./jit.ts), with its answers for errors.
 *   Variables that fail coercion (no resolver has run) go to yoga, which answers in graphql-js's
 *   words. With REPLAY_MEMO_MAX_BYTES, a query this caller sent before with these variables, that
 *   read only images and had no error, is answered with that result once its loads gave the very
 *   same images again (./replay-memo.ts);
 * - the gateway's `extensions.stats`, then yoga's error masking (./mask-error.ts);
 * - the operation observer's record, for metrics and the access log (./access-log.ts).
 * A document is admitted when yoga validates it (the {@link DirectExecution.plugin}'s onValidate):
 * validation reads only the document and the schema, so what passed once passes again. A
 * document graphql-jit does not compile, with @skip/@include, or whose operation is not a query is
 * never admitted. An APQ hash-only request runs directly once its document is admitted (the
 * persisted-operations plugin resolves the hash to that document's text, which is the key).
 * Whatever is not admitted, or goes to yoga as above, is answered by yoga's pipeline as before,
 * and nothing of it has run twice.
 *
 * Why: yoga's per-operation pipeline (envelop's hooks, the parse and validation caches, each
 * plugin's wrappers) is about 42% of a cached query's CPU (bench/README.md, issue #11).
 * test/integration/gateway/fast-lane.test.ts compares the answers and access log lines with
 * yoga's, byte for byte.
 */
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type {
  DocumentNode,
  ExecutionArgs,
  ExecutionResult,
  GraphQLError,
  GraphQLSchema,
} from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { describe, operationRecordOf, type OperationRecord } from './access-log.js';
import type { JitExecutor } from './jit.js';
import type { ReplayMemo } from './replay-memo.js';
import type { UpstreamCostLimit } from './query-limits.js';
import type { ServerContext } from './request-context.js';

/** How the direct execution of one gateway is built. */
export interface DirectExecutionOptions {
  /** The JIT plugin's executor: a document is compiled once for both. */
  readonly jit: JitExecutor;
  /** The MAX_QUERY_COST check of the query limit plugins. */
  readonly costLimit: UpstreamCostLimit;
  /** The gateway's request context factory (yoga's `context`). */
  readonly contextFor: (request: Request, req: IncomingMessage) => Promise<ServerContext>;
  /** Yoga's error masking: the gateway's maskError with yoga's message. */
  readonly maskError: (error: unknown) => GraphQLError;
  /** The gateway plugin's last word on a result (`extensions.stats`), as its onExecuteDone. */
  readonly finishResult: (result: ExecutionResult, context: ServerContext) => ExecutionResult;
  /** The operation observer's callback (metrics and the access log). */
  readonly onOperation: (record: OperationRecord, context: ServerContext) => void;
  /** Documents admitted at most (least recently used first out). @default 1000, as yoga's caches */
  readonly maxDocuments?: number;
  /** Answers a query again without executing it when its loads give the same (./replay-memo.ts). */
  readonly replays?: ReplayMemo;
}

/** A result of the direct execution, and whether it was executed or replayed. */
export interface DirectAnswer {
  readonly result: ExecutionResult;
  readonly lane: 'direct' | 'replay';
  /** `result` is the very object of earlier answers (a replay, frozen): its serialisation may be kept. */
  readonly reused: boolean;
}

/** The direct execution of one gateway. */
export interface DirectExecution {
  /** Admits what yoga validates: add it to yoga's plugins. */
  readonly plugin: Plugin<ServerContext>;
  /**
   * The final result of `params` (`variables`, `operationName`, and either a `query` or an APQ
   * hash) whose document is `query` (the one sent, or the one held for the hash), or undefined
   * when yoga's pipeline must answer it (see the module comment).
   */
  run(
    query: string,
    params: GraphQLParams,
    request: Request,
    serverContext: { req: IncomingMessage },
  ): Promise<DirectAnswer | undefined>;
}

interface Admitted {
  /** Names the document and operation in the replay memo's keys (a new one each admission). */
  readonly id: number;
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly name: string | undefined;
  readonly compiled: CompiledQuery;
}

/** The key of a document and the operation picked in it. */
const keyOf = (query: string, operationName: string | null | undefined): string =>
  `${operationName ?? ''}\u0000${query}`;

/** graphql-jit's answer when the variables failed coercion: yoga answers those. */
const NOT_COERCED: ExecutionResult = Object.freeze({});

export function createDirectExecution(options: DirectExecutionOptions): DirectExecution {
  const { jit, costLimit, contextFor, maskError, finishResult, onOperation, replays } = options;
  const admitted = new LRUCache<string, Admitted>({ max: options.maxDocuments ?? 1000 });
  let admissions = 0;

  const admit = (
    params: GraphQLParams | undefined,
    schema: GraphQLSchema,
    document: DocumentNode,
  ): void => {
    const query = params?.query;
    if (typeof query !== 'string') return;
    const key = keyOf(query, params?.operationName);
    if (admitted.has(key)) return;
    const operation = describe(document, params?.operationName);
    if (operation.type !== 'query') return;
    const compiled = jit.compiledFor({
      schema,
      document,
      ...(typeof params?.operationName === 'string' ? { operationName: params.operationName } : {}),
    });
    if (compiled === undefined) return;
    admissions += 1;
    admitted.set(key, { id: admissions, schema, document, name: operation.name, compiled });
  };

  /**
   * The executor's result for `args` (the recorded one when the replay memo has it for this
   * caller and their loads give the same again), or undefined when the variables failed coercion.
   */
  const executeOrReplay = async (
    entry: Admitted,
    args: ExecutionArgs,
    context: ServerContext,
  ): Promise<{ result: ExecutionResult; lane: DirectAnswer['lane'] } | undefined> => {
    const run = async () => {
      const result = await jit.run(
        entry.compiled,
        { ...args, contextValue: context },
        () => NOT_COERCED,
      );
      return result === NOT_COERCED ? undefined : result;
    };
    if (replays === undefined) {
      const result = await run();
      return result === undefined ? undefined : { result, lane: 'direct' };
    }
    // The caller, the document and the variables: a replay is only ever this caller's.
    const key = `${entry.id}\u0000${context.identity ?? ''}\u0000${JSON.stringify(args.variableValues)}`;
    const replayed = await replays.replay(key, context.loaders);
    if (replayed !== undefined) return { result: replayed, lane: 'replay' };
    const result = await run();
    if (result === undefined) return undefined;
    replays.keep(key, context.loads, context.stats, result);
    return { result, lane: 'direct' };
  };

  return {
    plugin: {
      onValidate({ params, context }) {
        return ({ valid }) => {
          if (valid) {
            admit(
              context.params,
              params.schema as GraphQLSchema,
              params.documentAST as DocumentNode,
            );
          }
        };
      },
    },
    async run(query, params, request, serverContext) {
      const entry = admitted.get(keyOf(query, params.operationName));
      if (entry === undefined) return undefined;
      const args: ExecutionArgs = {
        schema: entry.schema,
        document: entry.document,
        operationName: params.operationName ?? null,
        variableValues: params.variables ?? null,
      };
      if (costLimit.exceeds(costLimit.costOf(args).cost)) return undefined;
      const started = performance.now();
      let ours: ServerContext;
      try {
        ours = await contextFor(request, serverContext.req);
      } catch {
        // Yoga answers it, through its context error handler.
        return undefined;
      }
      // What yoga's handleParams and context factory make of the server context.
      const context = Object.assign(serverContext, { request, params }, ours);
      const executed = await executeOrReplay(entry, args, context);
      if (executed === undefined) return undefined;
      let result = finishResult(executed.result, context);
      const reused = executed.lane === 'replay' && result === executed.result;
      if (result.errors !== undefined) {
        result = { ...result, errors: result.errors.map(maskError) };
      }
      onOperation(
        operationRecordOf(
          { name: entry.name, type: 'query', validated: true, result },
          context,
          started,
        ),
        context,
      );
      return { result, lane: executed.lane, reused };
    },
  };
}
