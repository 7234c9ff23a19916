/**
 * The schema teaches the API in GraphiQL: every type, field, argument and enum value carries a
 * description, and the SDL is loaded from `<repo>/schema/` by the module the server uses.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTypeDefs, schemaDirectory } from '../../../src/resolvers/schema.js';
import {
  introspectTypes,
  namedType,
  type IntrospectionType,
} from '../../support/resolver-harness.js';

/** Built-in scalars are documented by the GraphQL spec, introspection types by graphql-js. */
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * The Apollo Federation subgraph protocol (`_service`, `_entities`, `_Any`, `link__Import`,
 * `federation__FieldSet`, ...) is documented by the federation spec, as introspection is by graphql-js.
 */
const isFederationSpec = (name: string): boolean => name.startsWith('_') || name.includes('__');

let federationTypes: IntrospectionType[] = [];
let types: IntrospectionType[] = [];
beforeAll(async () => {
  const served = (await introspectTypes()).filter(
    (type) => !type.name.startsWith('__') && !BUILT_IN.has(type.name),
  );
  federationTypes = served.filter((type) => isFederationSpec(type.name));
  types = served.filter((type) => !isFederationSpec(type.name));
});

const blank = (text: string | null): boolean => text === null || text.trim() === '';

describe('schema documentation', () => {
  it('serves the public types and scalars', () => {
    expect(types.map((type) => type.name).sort()).toEqual(
      [
        'DockerConfig',
        'DockerImageMetadata',
        'Image',
        'ImageLayer',
        'ImageManifest',
        'ImageSignature',
        'ImageStreamImage',
        'Int64',
        'JSON',
        'ObjectMeta',
        'Platform',
        'Query',
        'SignatureCondition',
        'SignatureIssuer',
        'SignatureSubject',
        'SignatureVerificationState',
        'StringEntry',
        'Time',
        // Navigation (docs/navigation.md).
        'ImageLookupPolicy',
        'ImageStream',
        'ImageStreamConnection',
        'ImageStreamEdge',
        'ImageStreamSpec',
        'ImageStreamStatus',
        'ImageStreamTag',
        'ImageStreamTagSummary',
        'NamedTagEventList',
        'Node',
        'ObjectReference',
        'PageInfo',
        'TagEvent',
        'TagEventCondition',
        'TagImportError',
        'TagImportPolicy',
        'TagReference',
        'TagReferencePolicy',
        'TagState',
        // Live updates (docs/subscriptions.md).
        'Subscription',
        'ImageStreamEvent',
        'TagUpdated',
        'TagRemoved',
        'StreamDeleted',
        'ImportFailed',
        'ResyncRequired',
      ].sort(),
    );
  });

  it('serves the Apollo Federation subgraph protocol next to them', () => {
    expect(federationTypes.map((type) => type.name)).toEqual(
      expect.arrayContaining(['_Any', '_Entity', '_Service']),
    );
    const query = types.find((type) => type.name === 'Query');
    expect(query?.fields?.map((field) => field.name)).toEqual(
      expect.arrayContaining(['_service', '_entities']),
    );
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of types) {
      if (blank(type.description)) missing.push(type.name);
      for (const field of type.fields ?? []) {
        if (isFederationSpec(field.name)) continue;
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
      for (const value of type.enumValues ?? []) {
        if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the SDL descriptions of custom scalars (the implementations carry none)', () => {
    const int64 = types.find((type) => type.name === 'Int64');
    expect(int64?.description).toMatch(/^A signed 64-bit integer/);
  });

  it('marks derived fields as derived', () => {
    const derived = [
      ['Image', 'digest'],
      ['Image', 'isManifestList'],
      ['Image', 'layerCount'],
      ['Image', 'totalLayerSize'],
      ['Image', 'platform'],
      ['Image', 'platforms'],
      ['ImageSignature', 'verificationState'],
      ['ImageStreamImage', 'stream'],
      ['ImageStreamImage', 'requestedId'],
    ];
    for (const [typeName, fieldName] of derived) {
      const field = types
        .find((type) => type.name === typeName)
        ?.fields?.find((f) => f.name === fieldName);
      expect(field?.description, `${typeName}.${fieldName}`).toMatch(/Derived/);
    }
  });

  it('types int64 values as Int64', () => {
    const typeOf = (typeName: string, fieldName: string): string | null =>
      namedType(
        types.find((type) => type.name === typeName)!.fields!.find((f) => f.name === fieldName)!
          .type,
      ).name;
    expect(typeOf('ImageLayer', 'size')).toBe('Int64');
    expect(typeOf('ImageManifest', 'manifestSize')).toBe('Int64');
    expect(typeOf('DockerImageMetadata', 'Size')).toBe('Int64');
    expect(typeOf('Image', 'totalLayerSize')).toBe('Int64');
  });
});

describe('loadTypeDefs', () => {
  it('reads every .graphql file of <repo>/schema/', () => {
    const repoSchema = new URL('../../../schema/', import.meta.url);
    expect(schemaDirectory.href).toBe(repoSchema.href);
    const files = readdirSync(fileURLToPath(repoSchema)).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(1);
    const sdl = loadTypeDefs();
    expect(sdl).toContain('type Query');
    expect(sdl).toContain('scalar Int64');
    expect(sdl).toContain('type DockerConfig');
  });
});
