/**
 * Loads the public SDL (`<repo>/schema/*.graphql`) and builds the executable schema.
 *
 * The folder is found relative to this module, which works from both `src/resolvers/schema.ts`
 * (tsx, vitest) and the compiled `dist/resolvers/schema.js`: two levels up is the repository root
 * in both layouts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse, type GraphQLSchema } from 'graphql';
import { createSchema } from 'graphql-yoga';
import type { GatewayContext } from './context.js';
import { createSubgraphSchema, withoutFederation } from './federation.js';
import { resolvers } from './index.js';

/** The folder holding the hand-written SDL files. */
export const schemaDirectory: URL = new URL('../../schema/', import.meta.url);

/**
 * Reads every `*.graphql` file of {@link schemaDirectory}, in file-name order, synchronously (it
 * runs once at startup).
 * @returns the whole SDL as one document, e.g. to serve as `/schema.graphql`.
 */
export function loadTypeDefs(directory: URL = schemaDirectory): string {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, directory), 'utf8'))
    .join('\n');
}

/** Options of {@link createGatewaySchema}. */
export interface GatewaySchemaOptions {
  /**
   * Serve the Apollo Federation v2 subgraph protocol (`_service`, `_entities`; FEDERATION_ENABLED).
   * @default true
   */
  readonly federation?: boolean;
}

/**
 * The executable schema: `typeDefs` (by default {@link loadTypeDefs}) with {@link resolvers}, as
 * a federation subgraph unless `federation: false` (see `federation.ts`).
 */
export function createGatewaySchema(
  typeDefs: string = loadTypeDefs(),
  { federation = true }: GatewaySchemaOptions = {},
): GraphQLSchema {
  const document = parse(typeDefs);
  if (federation) return createSubgraphSchema(document, resolvers);
  return createSchema<GatewayContext>({ typeDefs: withoutFederation(document), resolvers });
}
