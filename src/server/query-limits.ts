/**
 * Query limits, checked before any upstream call: depth, aliases, tokens and directives (GraphQL
 * Armor), a generic field cost (Armor) and an upstream cost that counts the GETs a query can cause
 * (our own estimator, because only it knows which fields read the API and it sees variables).
 * Every rejection is `extensions.code: 'QUERY_TOO_COMPLEX'` with `limit` naming the setting.
 */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
// Kind is a plain object of strings: safe to share with a document parsed by another graphql copy.
import { Kind, OperationTypeNode, valueFromASTUntyped } from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValueNode,
} from 'graphql';
import type { QueryLimits } from './config.js';

/** The name of the setting a rejection refers to, as sent in `extensions.limit`. */
export type QueryLimitName =
  | 'MAX_QUERY_DEPTH'
  | 'MAX_QUERY_ALIASES'
  | 'MAX_QUERY_TOKENS'
  | 'MAX_QUERY_DIRECTIVES'
  | 'MAX_QUERY_COST'
  | 'MAX_QUERY_FIELD_COST';

/** Tuning of the upstream cost estimate; the limits themselves come from {@link QueryLimits}. */
export interface UpstreamCostOptions {
  /**
   * Assumed upper bound of children per manifest list, multiplied through the nesting. Real lists
   * hold one entry per platform (plus attestation entries); 16 covers the common multi-arch images.
   * @default 16
   */
  readonly manifestListFanOut?: number;
  /**
   * Cost of one upstream GET. With the defaults, MAX_QUERY_COST=1000 allows a query that can cause
   * at most 100 GETs, the default of MAX_UPSTREAM_CALLS_PER_REQUEST.
   * @default 10
   */
  readonly upstreamCallCost?: number;
}

/** The result of {@link estimateUpstreamCalls}. */
export interface UpstreamEstimate {
  /** Upper bound of the upstream GETs the operation can cause. */
  readonly upstreamCalls: number;
}

const DEFAULT_FAN_OUT = 16;
const DEFAULT_UPSTREAM_CALL_COST = 10;

/** Fields whose resolver reads the API: each resolution is one GET (before DataLoader dedupe). */
const UPSTREAM_FIELDS: ReadonlySet<string> = new Set([
  'Query.imageStreamImage',
  'Query.imageStreamImages',
  'ImageManifest.image',
  // Navigation (docs/navigation.md): a page is one list GET, a stream or istag one GET, and every
  // image reached from a stream one ImageStreamImage GET.
  'Query.imageStreams',
  'Query.imageStream',
  'Query.imageStreamTag',
  'Query.node',
  'ImageStreamImage.imageStream',
  'ImageStreamTag.image',
  'ImageStreamTag.imageStream',
  'ImageStreamTagSummary.image',
  'TagEvent.imageStreamImage',
  // Federation (docs/federation.md): each representation is read again (1 GET at most).
  'Query._entities',
]);
/** A page of `imageStreams` holds `first` streams (default and maximum as the resolver's). */
const PAGE_FIELD = 'Query.imageStreams';
const PAGE_EDGES_FIELD = 'ImageStreamConnection.edges';
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/**
 * Fields that resolve once per entry of a list argument: `imageStreamImages(names:)` and the
 * federation's `_entities(representations:)`.
 */
const LIST_ARGUMENT_FIELDS: ReadonlyMap<string, string> = new Map([
  ['Query.imageStreamImages', 'names'],
  ['Query._entities', 'representations'],
]);

function tooComplex(
  limit: QueryLimitName,
  message: string,
  facts: Record<string, number>,
): GraphQLError {
  return createGraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, ...facts },
  });
}

/** Armor reports what it found only inside its message (`..., found 13.`). */
function foundIn(error: GraphQLError): Record<string, number> {
  const match = /found (\d+(?:\.\d+)?)/.exec(error.message);
  return match?.[1] === undefined ? {} : { found: Number(match[1]) };
}

/**
 * Armor's `onReject` for a validation rule: report our coded error instead of Armor's (which is
 * prefixed "Syntax Error:" and carries no code). `propagateOnRejection: false` keeps Armor from
 * throwing its own.
 */
function reportAs(limit: QueryLimitName, max: number, what: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = foundIn(error);
        const coded = tooComplex(
          limit,
          `The query's ${what}${found.found === undefined ? '' : ` (${found.found})`} exceeds the limit of ${max} (${limit})`,
          { max, ...found },
        );
        // Parsing (max tokens) has no validation context: throwing is the only way out.
        if (context === null) throw coded;
        context.reportError(coded);
      },
    ],
  };
}

/** Options of a graphql-armor counting plugin (`n`): at most `max`, reported as `limit`. */
const atMost = (limit: QueryLimitName, max: number, what: string) => ({
  n: max,
  ...reportAs(limit, max, what),
});

/**
 * The plugins that enforce `limits` before any resolver runs. Order matters only in that tokens
 * are counted while parsing, the shape limits while validating (cached per document), and the
 * upstream cost just before execution, because it depends on variables.
 */
/** An operation as the upstream cost limit reads it (execution arguments). */
export interface CostedOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null | undefined;
  readonly variableValues?: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * MAX_QUERY_COST of one gateway: the cost of an operation ({@link estimateUpstreamCalls} times the
 * cost per GET), and the refusal of one that exceeds it. Used by the limit plugin and by the fast
 * lane's direct execution, which hands an operation over the limit to yoga (and so to the plugin).
 */
export interface UpstreamCostLimit {
  /** The upstream GETs `operation` can cause, and their cost. */
  costOf(operation: CostedOperation): { upstreamCalls: number; cost: number };
  /** Whether an operation of cost `cost`, after `before` spent by its request, is over the limit. */
  exceeds(cost: number, before?: number): boolean;
}

/** Creates the MAX_QUERY_COST check of `limits`. */
export function createUpstreamCostLimit(
  limits: Pick<QueryLimits, 'maxCost'>,
  options: UpstreamCostOptions = {},
): UpstreamCostLimit {
  const fanOut = options.manifestListFanOut ?? DEFAULT_FAN_OUT;
  const callCost = options.upstreamCallCost ?? DEFAULT_UPSTREAM_CALL_COST;
  return {
    costOf({ schema, document, operationName, variableValues }) {
      const { upstreamCalls } = estimate(
        schema,
        document,
        operationName ?? undefined,
        variableValues ?? {},
        fanOut,
      );
      return { upstreamCalls, cost: upstreamCalls * callCost };
    },
    exceeds: (cost, before = 0) => before + cost > limits.maxCost,
  };
}

export function createQueryLimitPlugins<TContext extends object = object>(
  limits: Pick<
    QueryLimits,
    'maxDepth' | 'maxAliases' | 'maxTokens' | 'maxDirectives' | 'maxCost' | 'maxFieldCost'
  >,
  options: UpstreamCostOptions = {},
): Plugin<TContext>[] {
  const fanOut = options.manifestListFanOut ?? DEFAULT_FAN_OUT;
  /** Cost admitted so far per HTTP request (weakly held: gone with the request). */
  const spentByRequest = new WeakMap<object, number>();
  const callCost = options.upstreamCallCost ?? DEFAULT_UPSTREAM_CALL_COST;
  const costLimit = createUpstreamCostLimit(limits, options);
  // Armor and the estimator read nothing of the context: typed for any context.
  const plugins: Plugin[] = [
    maxTokensPlugin(atMost('MAX_QUERY_TOKENS', limits.maxTokens, 'token count')),
    maxDepthPlugin(atMost('MAX_QUERY_DEPTH', limits.maxDepth, 'depth')),
    maxAliasesPlugin(atMost('MAX_QUERY_ALIASES', limits.maxAliases, 'alias count')),
    maxDirectivesPlugin(atMost('MAX_QUERY_DIRECTIVES', limits.maxDirectives, 'directive count')),
    costLimitPlugin({
      maxCost: limits.maxFieldCost,
      ...reportAs('MAX_QUERY_FIELD_COST', limits.maxFieldCost, 'field cost'),
    }),
    {
      onExecute({ args, setResultAndStopExecution }) {
        const operation = args as CostedOperation & {
          contextValue?: { request?: object } | null;
        };
        const { upstreamCalls, cost } = costLimit.costOf(operation);
        // One budget per HTTP request: the operations of a batch share MAX_QUERY_COST (yoga gives
        // them the same Request). Without a request (direct execution) each operation is its own.
        const contextValue = operation.contextValue;
        const key = contextValue?.request ?? contextValue ?? undefined;
        const before = key === undefined ? 0 : (spentByRequest.get(key) ?? 0);
        if (costLimit.exceeds(cost, before)) {
          const batch =
            before === 0
              ? ''
              : `, and the operations before it in this request already cost ${before}`;
          setResultAndStopExecution({
            errors: [
              tooComplex(
                'MAX_QUERY_COST',
                `The query can cause up to ${upstreamCalls} upstream reads (cost ${cost} at ${callCost} each, assuming up to ${fanOut} children per manifest list)${batch}, which exceeds the limit of ${limits.maxCost} (MAX_QUERY_COST); ask for fewer names or fewer manifest children`,
                {
                  max: limits.maxCost,
                  found: before + cost,
                  upstreamCalls,
                  ...(before === 0 ? {} : { spentByRequest: before }),
                },
              ),
            ],
          });
          return;
        }
        if (key !== undefined && cost > 0) spentByRequest.set(key, before + cost);
      },
    },
  ];
  return plugins as unknown as Plugin<TContext>[];
}

/** A named type's fields, read by shape: no graphql-js predicates, which would reject a schema from another copy of graphql. */
interface FieldsOf {
  getFields(): Record<string, { type: unknown }>;
}

/** A union's member types, read by shape as {@link FieldsOf}. */
interface MembersOf {
  getTypes(): readonly { name: string }[];
}

function namedTypeOf(type: unknown): { name: string; isList: boolean } | undefined {
  if (type === undefined || type === null) return undefined;
  // A wrapped type prints as SDL (`[ImageManifest!]`): a list iff it has a bracket.
  const isList = (type as { toString(): string }).toString().includes('[');
  let current = type as { ofType?: unknown; name?: unknown };
  while (current.ofType !== undefined && current.ofType !== null) {
    current = current.ofType;
  }
  return typeof current.name === 'string' ? { name: current.name, isList } : undefined;
}

/** How many entries a list argument holds: a literal list, a variable's value, or one coerced item. */
function listLength(value: ValueNode | undefined, variables: Readonly<Record<string, unknown>>) {
  if (value === undefined) return 0;
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.NULL) return 0;
  if (value.kind === Kind.VARIABLE) {
    const raw = variables[value.name.value];
    if (Array.isArray(raw)) return raw.length;
    return raw === undefined || raw === null ? 0 : 1;
  }
  // Input coercion turns a single value into a list of one.
  return 1;
}

/** An `Int` argument's value (a literal or a variable's), or undefined when absent or not an integer. */
function intArgument(
  node: FieldNode,
  name: string,
  variables: Readonly<Record<string, unknown>>,
): number | undefined {
  const value = node.arguments?.find((a) => a.name.value === name)?.value;
  if (value === undefined) return undefined;
  const raw =
    value.kind === Kind.INT
      ? Number(value.value)
      : value.kind === Kind.VARIABLE
        ? variables[value.name.value]
        : undefined;
  return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : undefined;
}

/** Whether @skip/@include keep a selection (unknown conditions count as kept: an upper bound). */
function isIncluded(
  node: {
    directives?: readonly {
      name: { value: string };
      arguments?: readonly { name: { value: string }; value: ValueNode }[];
    }[];
  },
  variables: Readonly<Record<string, unknown>>,
): boolean {
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    let condition: unknown;
    if (arg?.kind === Kind.BOOLEAN) condition = arg.value;
    else if (arg?.kind === Kind.VARIABLE) condition = variables[arg.name.value];
    if (typeof condition !== 'boolean') continue;
    if (name === 'skip' && condition) return false;
    if (name === 'include' && !condition) return false;
  }
  return true;
}

/**
 * Groups the fields of selection sets by response key, as execution does (fields with the same key
 * are one resolution), following fragments.
 */
function collectFields(
  selectionSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  fields = new Map<string, FieldNode[]>(),
  seenFragments = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const set of selectionSets) {
    for (const selection of set.selections) {
      if (!isIncluded(selection, variables)) continue;
      switch (selection.kind) {
        case Kind.FIELD: {
          const key = selection.alias?.value ?? selection.name.value;
          const group = fields.get(key);
          if (group === undefined) fields.set(key, [selection]);
          else group.push(selection);
          break;
        }
        case Kind.INLINE_FRAGMENT:
          collectFields([selection.selectionSet], fragments, variables, fields, seenFragments);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // Validation rejects fragment cycles; the set is a guard, as in graphql-js.
          if (fragment === undefined || seenFragments.has(name)) break;
          seenFragments.add(name);
          collectFields([fragment.selectionSet], fragments, variables, fields, seenFragments);
          break;
        }
      }
    }
  }
  return fields;
}

/** What of the variables the estimate reads: list lengths, booleans (@skip/@include), presence. */
function variablesShape(variables: Readonly<Record<string, unknown>>): string {
  let shape = '';
  for (const name in variables) {
    const value = variables[name];
    const kind = Array.isArray(value)
      ? `a${value.length}`
      : typeof value === 'boolean'
        ? `b${value}`
        : value === null || value === undefined
          ? 'n'
          : 'v';
    shape += `${name}\u0000${kind}\u0000`;
  }
  return shape;
}

/** Shapes remembered per document; past this, the document's memo starts afresh. */
const MAX_SHAPES_PER_DOCUMENT = 64;

const estimates = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<string, UpstreamEstimate>>
>();

/**
 * {@link estimateUpstreamCalls}, memoised per parsed document (yoga reuses one DocumentNode per
 * query text), operation and variables shape, the only inputs the estimate reads.
 */
function estimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Readonly<Record<string, unknown>>,
  fanOut: number,
): UpstreamEstimate {
  let bySchema = estimates.get(schema);
  if (bySchema === undefined) estimates.set(schema, (bySchema = new WeakMap()));
  let byShape = bySchema.get(document);
  if (byShape === undefined)
    bySchema.set(document, (byShape = new Map<string, UpstreamEstimate>()));
  const key = `${fanOut}\u0000${operationName ?? ''}\u0000${variablesShape(variables)}`;
  let known = byShape.get(key);
  if (known === undefined) {
    known = estimateUpstreamCalls(schema, document, operationName, variables, fanOut);
    if (byShape.size >= MAX_SHAPES_PER_DOCUMENT) byShape.clear();
    byShape.set(key, known);
  }
  return known;
}

/**
 * The variables execution will see: the values sent, and each absent variable's default value
 * from the document (`query($n: [String!]! = ["a@1", ...])`), which the cost must count like a
 * literal. A variable sent as `null` stays `null`, as in graphql-js coercion.
 */
function withDefaults(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  let merged: Record<string, unknown> | undefined;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue === undefined || Object.hasOwn(variables, name)) continue;
    merged ??= { ...variables };
    merged[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return merged ?? variables;
}

/**
 * An upper bound of the upstream GETs one operation of a validated document can cause:
 * `imageStreamImage` is 1, `imageStreamImages(names:)` is `names.length`, and each
 * `ImageManifest.image` is 1 per manifest entry, assuming `fanOut` entries per list, multiplied
 * through the nesting. Aliased duplicates count separately (DataLoader may fetch them once: this
 * is an upper bound). Exported for tests and for documentation of the cost model.
 */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Readonly<Record<string, unknown>>,
  fanOut: number = DEFAULT_FAN_OUT,
): UpstreamEstimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation =
    operationName === undefined
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((op) => op.name?.value === operationName);
  if (operation === undefined || operation.operation !== OperationTypeNode.QUERY)
    return { upstreamCalls: 0 };
  variables = withDefaults(operation, variables);

  let calls = 0;
  const visit = (
    typeName: string,
    sets: readonly SelectionSetNode[],
    times: number,
    pageSize = DEFAULT_PAGE_SIZE,
  ): void => {
    const type = schema.getType(typeName) as (Partial<FieldsOf> & Partial<MembersOf>) | undefined;
    const members = type?.getTypes?.();
    if (members !== undefined) {
      // A union (`_Entity`): each value is one member, so the bound is the costliest member.
      const before = calls;
      let most = 0;
      for (const member of members) {
        calls = before;
        visit(member.name, sets, times, pageSize);
        most = Math.max(most, calls - before);
      }
      calls = before + most;
      return;
    }
    const defs = type?.getFields?.();
    if (defs === undefined) return;
    for (const [, nodes] of collectFields(sets, fragments, variables)) {
      const first = nodes[0];
      if (first === undefined) continue;
      const fieldName = first.name.value;
      const coordinate = `${typeName}.${fieldName}`;
      const named = namedTypeOf(defs[fieldName]?.type);
      if (named === undefined) continue;
      let each = times;
      let childPageSize = pageSize;
      const limit = intArgument(first, 'first', variables);
      const listArgument = LIST_ARGUMENT_FIELDS.get(coordinate);
      if (listArgument !== undefined) {
        const list = first.arguments?.find((a) => a.name.value === listArgument)?.value;
        each = times * listLength(list, variables);
      } else if (coordinate === PAGE_FIELD) {
        // Pages times what is selected under them: the edges of this page hold `first` streams.
        childPageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, limit ?? DEFAULT_PAGE_SIZE));
      } else if (coordinate === PAGE_EDGES_FIELD) {
        each = times * pageSize;
      } else if (named.isList) {
        // A list with `first` (history, timeline) holds at most that many entries.
        each = times * (limit === undefined ? fanOut : Math.max(0, limit));
      }
      if (UPSTREAM_FIELDS.has(coordinate)) calls += each;
      const childSets = nodes.flatMap((n) =>
        n.selectionSet === undefined ? [] : [n.selectionSet],
      );
      if (childSets.length > 0 && each > 0) visit(named.name, childSets, each, childPageSize);
    }
  };
  const rootName = (schema.getQueryType() as { name: string } | null | undefined)?.name ?? 'Query';
  visit(rootName, [operation.selectionSet], 1);
  return { upstreamCalls: calls };
}
