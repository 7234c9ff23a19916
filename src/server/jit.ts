/**
 * GRAPHQL_JIT: queries and mutations executed by graphql-jit (compiled once per document and
 * operation) instead of graphql-js's interpreter, answering exactly what graphql-js answers: the
 * same data, nulls, paths, locations, messages and codes. graphql-jit differs from graphql-js in
 * how it reports errors, so this plugin adjusts each difference before the error boundary
 * (mask-error.ts) sees the result:
 * - a leaf's serialization error: graphql-jit keeps only the error's message. Every leaf type gets
 *   a serializer that hands the thrown error itself through, and the error is rebuilt with it as
 *   `originalError`, so Int64's and Time's UPSTREAM_BAD_RESPONSE survive;
 * - graphql-jit's errors carry `locations` but no AST nodes: each is rebuilt as a graphql-js
 *   GraphQLError with the field nodes at those locations;
 * - graphql-js raises a non-null violation or a rejection without a reason as a plain Error (an
 *   unexpected error, masked); graphql-jit as a GraphQLError (which the boundary would show): they
 *   get a plain Error as `originalError`, with graphql-js's wording;
 * - a list field that is not iterable: graphql-js quotes the field coordinate;
 * - a list item that is a rejected promise: graphql-jit appends its null at the end of the list
 *   (a trailing one goes missing, others can move) instead of putting it at the item's index.
 *   For graphql-jit, list resolvers run wrapped so that such an item settles to its Error, which
 *   graphql-jit places at the right index with its own path (Query.imageStreamImages returns one
 *   promise per name);
 * - variables that fail coercion: graphql-jit's messages differ, so such a request is answered by
 *   graphql-js (variables are coerced before any resolver runs: nothing is done twice);
 * - a document with @skip or @include: graphql-jit can order the fields of a conditional fragment
 *   differently from graphql-js (test/unit/server/jit-errors.test.ts), so those stay on graphql-js;
 * - a document graphql-jit cannot compile, and subscriptions, stay on graphql-js.
 * test/integration/gateway/jit.test.ts and test/unit/server/jit-errors.test.ts compare both
 * executors byte for byte. The CPU it saves is in bench/README.md.
 */
import {
  Kind,
  OperationTypeNode,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** How graphql-jit hands a serializer's error on: it passes `error.message` to the GraphQLError it builds. */
interface CarriedError {
  readonly message: Error;
}

/** The error a leaf serializer threw, when graphql-jit built a GraphQLError around it. */
function carried(message: unknown): Error | undefined {
  return message instanceof Error ? message : undefined;
}

const NON_NULL = /^Cannot return null for non-nullable field /;
const NOT_ITERABLE = /^Expected Iterable, but did not find one for field (.+)\.$/;

/** Every leaf type's serializer, throwing the original error inside an object graphql-jit passes on. */
function leafSerializers(schema: GraphQLSchema): Record<string, (value: unknown) => unknown> {
  const serializers: Record<string, (value: unknown) => unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    // Scalars and enums, by shape: graphql's isLeafType refuses a schema built by the other of
    // graphql 16's two builds (CJS and ESM), which a test runner may load side by side.
    const leaf = type as {
      readonly name: string;
      readonly serialize?: (value: unknown) => unknown;
    };
    const serialize = leaf.serialize;
    if (typeof serialize !== 'function') continue;
    serializers[type.name] = (value) => {
      let serialized: unknown;
      try {
        serialized = serialize.call(type, value);
      } catch (error) {
        const carrier: CarriedError = {
          message: error instanceof Error ? error : new Error(String(error)),
        };
        // graphql-jit reads `.message` of what a serializer throws: the carrier is never seen outside.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw carrier;
      }
      if (serialized === undefined || serialized === null) {
        // graphql-js's check and wording (completeLeafValue): an unexpected error, masked.
        const carrier: CarriedError = {
          message: new Error(
            `Expected \`${type.name}.serialize(${JSON.stringify(value) ?? String(value)})\` to return non-nullable value, returned: ${String(serialized)}`,
          ),
        };
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw carrier;
      }
      return serialized;
    };
  }
  return serializers;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === 'function';

/** A rejected list item as graphql-js reports it: the error itself, or its wording for anything else. */
const settled = (reason: unknown): Error =>
  reason instanceof Error
    ? reason
    : new Error(`Unexpected error value: ${JSON.stringify(reason) ?? String(reason)}`);

/** A list value whose promised items settle to their value or their Error (never reject). */
function settleItems(list: unknown): unknown {
  if (isThenable(list)) return Promise.resolve(list).then(settleItems);
  if (!Array.isArray(list) || !list.some(isThenable)) return list;
  return list.map((item: unknown) =>
    isThenable(item) ? Promise.resolve(item).then((value) => value, settled) : item,
  );
}

/** The list type inside `type`'s non-null wrapper, by shape (see leafSerializers). */
const isListType = (type: unknown): boolean => {
  const inner = (type as { ofType?: unknown }).ofType;
  const { name } = (type as { constructor: { name: string } }).constructor;
  if (name === 'GraphQLList') return true;
  return name === 'GraphQLNonNull' && inner !== undefined && isListType(inner);
};

/** The schema graphql-jit compiles against: every list field's resolver wrapped with settleItems. */
function jitSchema(schema: GraphQLSchema): GraphQLSchema {
  const mapped = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => {
      if (!isListType(field.type)) return field;
      const resolve = field.resolve;
      return {
        ...field,
        resolve: (source, args, context, info) =>
          settleItems(
            resolve === undefined
              ? (source as Record<string, unknown> | null | undefined)?.[info.fieldName]
              : resolve(source, args, context, info),
          ),
      };
    },
  });
  // The same types in the original order, so that introspection lists them as graphql-js does
  // (mapSchema collects them anew). The constructor of the build the schema came from (see
  // leafSerializers on graphql's two builds).
  const Schema = mapped.constructor as typeof GraphQLSchema;
  return new Schema({
    ...mapped.toConfig(),
    types: Object.keys(schema.getTypeMap()).flatMap((name) => mapped.getType(name) ?? []),
  });
}

/** The AST nodes of `document` by the `line:column` of their first token (errors name fields by it). */
const nodesByLocation = new WeakMap<DocumentNode, Map<string, ASTNode>>();

function nodeAt(document: DocumentNode, line: number, column: number): ASTNode | undefined {
  let nodes = nodesByLocation.get(document);
  if (nodes === undefined) {
    const found = new Map<string, ASTNode>();
    visit(document, {
      enter(node) {
        const token = node.loc?.startToken;
        if (token === undefined) return;
        const key = `${token.line}:${token.column}`;
        // The outermost node starting there (a field before its alias or name).
        if (!found.has(key)) found.set(key, node);
      },
    });
    nodes = found;
    nodesByLocation.set(document, nodes);
  }
  return nodes.get(`${line}:${column}`);
}

/** One graphql-jit error as graphql-js would have raised it. */
function asGraphQLJsError(error: GraphQLError, document: DocumentNode): GraphQLError {
  let message: unknown = error.message;
  let originalError: Error | undefined = error.originalError ?? undefined;
  const thrown = carried(message);
  if (thrown !== undefined) {
    message = thrown.message;
    originalError = thrown;
  } else if (originalError === undefined && typeof message === 'string') {
    if (NON_NULL.test(message)) originalError = new Error(message);
    else if (message === '') {
      // A resolver that rejected without a reason (graphql-js's locatedError wording).
      message = 'Unexpected error value: undefined';
      originalError = new Error(message as string);
    } else {
      const list = NOT_ITERABLE.exec(message);
      if (list !== null)
        message = `Expected Iterable, but did not find one for field "${list[1]}".`;
    }
  }
  const nodes: ASTNode[] = [];
  for (const { line, column } of error.locations ?? []) {
    const node = nodeAt(document, line, column);
    if (node !== undefined) nodes.push(node);
  }
  return createGraphQLError(String(message), {
    ...(nodes.length > 0 ? { nodes } : {}),
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(originalError === undefined ? {} : { originalError }),
  });
}

/** Whether `document` uses @skip or @include anywhere (such documents stay on graphql-js). */
function hasConditions(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'skip' || node.name.value === 'include') found = true;
    },
  });
  return found;
}

/** The operation `operationName` selects, as graphql-js picks it (undefined: let graphql-js answer). */
function operationOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  let found: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName === undefined || operationName === null) {
      if (found !== undefined) return undefined;
      found = definition;
    } else if (definition.name?.value === operationName) {
      return definition;
    }
  }
  return operationName === undefined || operationName === null ? found : undefined;
}

interface Compiled {
  readonly schema: GraphQLSchema;
  readonly query: CompiledQuery | undefined;
}

/** Options of {@link createJitPlugin}. */
export interface JitPluginOptions {
  /** Called once per document and operation: whether graphql-jit compiled it (tests, logs). */
  readonly onCompile?: (outcome: 'compiled' | 'graphql-js') => void;
}

/**
 * The compiled queries of one gateway and how they run: shared by {@link createJitPlugin} and the
 * fast lane's direct execution (./direct-execution.ts), so a document is compiled once for both.
 */
export interface JitExecutor {
  /** The compiled query of `args`' document and operation, or undefined where graphql-js runs it. */
  compiledFor(args: ExecutionArgs): CompiledQuery | undefined;
  /**
   * Runs `query` (from {@link compiledFor}) with graphql-js's answers for errors. A result without
   * `data` means the variables failed coercion (no resolver ran): `fallback` answers it then.
   */
  run(
    query: CompiledQuery,
    args: ExecutionArgs,
    fallback: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>,
  ): ExecutionResult | Promise<ExecutionResult>;
}

/** Creates a gateway's {@link JitExecutor}. */
export function createJitExecutor(options: JitPluginOptions = {}): JitExecutor {
  // One compiled query per document and operation; a document graphql-jit cannot compile is
  // remembered as such and runs on graphql-js, as does one with @skip/@include (null).
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled> | null>();
  let forSchema:
    | {
        readonly schema: GraphQLSchema;
        readonly compiled: GraphQLSchema;
        readonly serializers: ReturnType<typeof leafSerializers>;
      }
    | undefined;

  const compiledFor = (args: ExecutionArgs): CompiledQuery | undefined => {
    let byOperation = compiled.get(args.document);
    if (byOperation === undefined) {
      byOperation = hasConditions(args.document) ? null : new Map();
      compiled.set(args.document, byOperation);
      if (byOperation === null) options.onCompile?.('graphql-js');
    }
    if (byOperation === null) return undefined;
    const operation = operationOf(args.document, args.operationName);
    if (operation === undefined || operation.operation === OperationTypeNode.SUBSCRIPTION) {
      return undefined;
    }
    const key = operation.name?.value ?? '';
    const known = byOperation.get(key);
    if (known !== undefined && known.schema === args.schema) return known.query;
    if (forSchema?.schema !== args.schema) {
      const compiledSchema = jitSchema(args.schema);
      forSchema = {
        schema: args.schema,
        compiled: compiledSchema,
        serializers: leafSerializers(compiledSchema),
      };
    }
    const result = compileQuery(forSchema.compiled, args.document, operation.name?.value, {
      customSerializers: forSchema.serializers,
      useExperimentalPathBasedSkipInclude: false,
    });
    const query = isCompiledQuery(result) ? result : undefined;
    byOperation.set(key, { schema: args.schema, query });
    options.onCompile?.(query === undefined ? 'graphql-js' : 'compiled');
    return query;
  };

  return {
    compiledFor,
    run(query, args, fallback) {
      const finish = (result: ExecutionResult): ExecutionResult | Promise<ExecutionResult> => {
        // No data at all: the variables failed coercion. graphql-js answers that in its words.
        if (!('data' in result)) return fallback(args);
        if (result.errors === undefined || result.errors.length === 0) return result;
        // graphql-js's key order: `errors` before `data`.
        const { errors, data, ...rest } = result;
        return {
          errors: errors.map((error) => asGraphQLJsError(error, args.document)),
          data,
          ...rest,
        };
      };
      const result = query.query(args.rootValue, args.contextValue, args.variableValues);
      return result instanceof Promise ? result.then(finish) : finish(result);
    },
  };
}

/** The JIT execution plugin (queries and mutations; subscriptions keep graphql-js) of `executor`. */
export function createJitPlugin<TContext extends object>(
  executor: JitExecutor = createJitExecutor(),
): Plugin<TContext> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const query = executor.compiledFor(args);
      if (query === undefined) return;
      setExecuteFn((executionArgs: ExecutionArgs) =>
        executor.run(
          query,
          executionArgs,
          (fallbackArgs) => executeFn(fallbackArgs) as ExecutionResult | Promise<ExecutionResult>,
        ),
      );
    },
  };
}
