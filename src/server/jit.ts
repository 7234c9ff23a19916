/**
 * GRAPHQL_JIT: execution compiled per document by graphql-jit (@envelop/graphql-jit) instead of
 * graphql-js's interpreter. Off by default because the answers are not all the same: graphql-jit
 * keeps only the message of a scalar's serialization error (an Int64 beyond 2^53 then answers
 * BAD_USER_INPUT instead of UPSTREAM_BAD_RESPONSE) and builds errors without AST nodes, so the error
 * boundary drops their `locations` (test/unit/resolvers/scalars.test.ts pins both). Data, paths
 * and partial results are the same. The CPU it saves is in bench/README.md.
 *
 * The plugin caches one compiled query per parsed document and compiles it for the operation named
 * by the first request. Yoga hands the same DocumentNode to every request with the same text, so a
 * document holding several operations would run the first one's compiled code for another
 * `operationName`: those documents keep graphql-js (rare: one operation per document is the norm).
 */
import { Kind, type DocumentNode } from 'graphql';
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';

const singleOperation = new WeakMap<DocumentNode, boolean>();

/** Whether `document` holds exactly one operation (memoised per parsed document). */
function hasOneOperation(document: DocumentNode): boolean {
  let one = singleOperation.get(document);
  if (one === undefined) {
    one = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length === 1;
    singleOperation.set(document, one);
  }
  return one;
}

/** The JIT execution plugin: compiled execution for one-operation documents, graphql-js otherwise. */
export function createJitPlugin<TContext extends object>(): Plugin<TContext> {
  return useGraphQlJit(
    {},
    { enableIf: (args) => hasOneOperation(args.document) },
  ) as unknown as Plugin<TContext>;
}
