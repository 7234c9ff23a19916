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
export const valueTypeResolvers = {
  StringEntry: { id: contentId('StringEntry') },
  ImageLayer: { id: contentId('ImageLayer') },
  Platform: { id: contentId('Platform') },
  DockerImageMetadata: { id: contentId('DockerImageMetadata') },
  SignatureCondition: { id: contentId('SignatureCondition') },
  SignatureIssuer: { id: contentId('SignatureIssuer') },
  SignatureSubject: { id: contentId('SignatureSubject') },
  TagEventCondition: { id: contentId('TagEventCondition') },
  ObjectReference: { id: contentId('ObjectReference') },
  TagImportPolicy: { id: contentId('TagImportPolicy') },
  TagReferencePolicy: { id: contentId('TagReferencePolicy') },
  ImageLookupPolicy: { id: contentId('ImageLookupPolicy') },
} satisfies Resolvers;
