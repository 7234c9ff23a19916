/**
 * The Apollo Federation v2 subgraph (README, "Composing with other services"): the public SDL,
 * whose `schema/federation.graphql` links the federation spec and declares the entity keys, built
 * by `@apollo/subgraph`, which adds `_service { sdl }` and `_entities(representations:)` and routes
 * each representation to its type's `__resolveReference` (see `entity-references.ts`).
 *
 * With FEDERATION_ENABLED=false the same SDL is built as a plain schema, the federation
 * directives taken out, so the public types and fields are exactly the same either way.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  Kind,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { GatewayError } from '../errors/gateway-error.js';
import type { Resolvers } from '../generated/graphql.js';
import {
  resolveImageReference,
  resolveImageStreamImageReference,
  resolveImageStreamReference,
  resolveImageStreamTagReference,
} from './entity-references.js';

/** The directives of the federation spec this SDL uses (schema/federation.graphql). */
const FEDERATION_DIRECTIVES: ReadonlySet<string> = new Set(['link', 'key']);

/** `resolvers` plus the `__resolveReference` of every entity type. */
function withEntityReferences(resolvers: Resolvers): Resolvers {
  return {
    ...resolvers,
    Image: { ...resolvers.Image, __resolveReference: resolveImageReference },
    ImageStreamImage: {
      ...resolvers.ImageStreamImage,
      __resolveReference: resolveImageStreamImageReference,
    },
    ImageStream: { ...resolvers.ImageStream, __resolveReference: resolveImageStreamReference },
    ImageStreamTag: {
      ...resolvers.ImageStreamTag,
      __resolveReference: resolveImageStreamTagReference,
    },
  };
}

/**
 * Refuses representations @apollo/subgraph would fail on with a plain error (which the error
 * boundary must mask as INTERNAL_SERVER_ERROR): not an object, or no `__typename` naming one of
 * the entity types. BAD_USER_INPUT for the whole `_entities` field, before any read.
 */
function checkRepresentations(representations: unknown, entityTypes: ReadonlySet<string>): void {
  const list: unknown[] = Array.isArray(representations) ? representations : [representations];
  list.forEach((representation, index) => {
    const typename =
      typeof representation === 'object' && representation !== null
        ? (representation as Record<string, unknown>)['__typename']
        : undefined;
    if (typeof typename !== 'string' || !entityTypes.has(typename)) {
      throw new GatewayError(
        'BAD_USER_INPUT',
        `representations[${index}] must be an object whose __typename is one of the entity types (${[...entityTypes].join(', ')})`,
        { details: { argument: 'representations' } },
      );
    }
  });
}

/** The subgraph schema of `document` (which must link the federation spec) with `resolvers`. */
export function createSubgraphSchema(document: DocumentNode, resolvers: Resolvers): GraphQLSchema {
  const schema = buildSubgraphSchema([
    { typeDefs: document, resolvers: withEntityReferences(resolvers) },
  ]);
  const entities = schema.getQueryType()?.getFields()['_entities'];
  const entityUnion = schema.getType('_Entity') as
    { getTypes?: () => { name: string }[] } | undefined;
  const resolve = entities?.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
  if (entities !== undefined && resolve !== undefined) {
    const entityTypes = new Set((entityUnion?.getTypes?.() ?? []).map((type) => type.name));
    entities.resolve = (source, args: { representations?: unknown }, context, info) => {
      checkRepresentations(args.representations, entityTypes);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}

/**
 * `document` without the federation spec: no `@link`/`@key` applications, and no schema or type
 * extension that only carried them. What is left is the plain public schema.
 */
export function withoutFederation(document: DocumentNode): DocumentNode {
  const stripped = visit(document, {
    Directive: (node) => (FEDERATION_DIRECTIVES.has(node.name.value) ? null : undefined),
  });
  const definitions = stripped.definitions.filter((definition: DefinitionNode) => {
    if (definition.kind === Kind.SCHEMA_EXTENSION) {
      return (
        (definition.directives?.length ?? 0) > 0 || (definition.operationTypes?.length ?? 0) > 0
      );
    }
    if (definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      return (
        (definition.directives?.length ?? 0) > 0 ||
        (definition.fields?.length ?? 0) > 0 ||
        (definition.interfaces?.length ?? 0) > 0
      );
    }
    return true;
  });
  return { ...stripped, definitions };
}
