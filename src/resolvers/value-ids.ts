/**
 * The `id` of the value types (docs/navigation.md, "Ids"): objects that name nothing themselves
 * (metadata, layers, policies, conditions) get an id from their content, so that frontend caches
 * normalize every object without configuration and equal values share one entry. Types listed in
 * `valueTypeResolvers` need no other resolver: GraphQL's default resolver reads the upstream field.
 */
import type { Resolvers } from '../generated/graphql.js';
import { valueId } from '../loaders/node-id.js';

/** An `id` resolver for a type whose parent is the value itself. */
export const contentId =
  (type: string) =>
  (value: object): string =>
    valueId(type, value);

/** The value types without resolvers of their own. */
const VALUE_TYPES = [
  'StringEntry',
  'ImageLayer',
  'Platform',
  'DockerImageMetadata',
  'SignatureCondition',
  'SignatureIssuer',
  'SignatureSubject',
  'TagEventCondition',
  'ObjectReference',
  'TagImportPolicy',
  'TagReferencePolicy',
  'ImageLookupPolicy',
] as const satisfies readonly (keyof Resolvers)[];

/** Their resolvers: an `id` from the content each. */
export const valueTypeResolvers = Object.fromEntries(
  VALUE_TYPES.map((type) => [type, { id: contentId(type) }]),
) as Pick<Resolvers, (typeof VALUE_TYPES)[number]>;
