/**
 * GraphQL Code Generator configuration: `npm run codegen` writes `src/generated/graphql.ts` from
 * `schema/*.graphql`; `npm run codegen:check` fails when the committed file is stale.
 *
 * Mappers type each GraphQL object as the upstream object its resolvers receive as `parent`
 * (see `src/resolvers/mappers.ts`), so resolvers are checked against the upstream JSON types.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../resolvers/context.js#GatewayContext',
        mappers: {
          ImageStreamImage: '../resolvers/mappers.js#ImageStreamImageMapper',
          Image: '../resolvers/mappers.js#ImageMapper',
          ImageManifest: '../resolvers/mappers.js#ImageManifestMapper',
          ImageLayer: '../resolvers/mappers.js#ImageLayerMapper',
          ObjectMeta: '../resolvers/mappers.js#ObjectMetaMapper',
          ImageSignature: '../resolvers/mappers.js#ImageSignatureMapper',
          SignatureCondition: '../resolvers/mappers.js#SignatureConditionMapper',
          SignatureIssuer: '../resolvers/mappers.js#SignatureIssuerMapper',
          SignatureSubject: '../resolvers/mappers.js#SignatureSubjectMapper',
          DockerImageMetadata: '../resolvers/mappers.js#DockerImageMetadataMapper',
          DockerConfig: '../resolvers/mappers.js#DockerConfigMapper',
          ImageStream: '../resolvers/navigation-mappers.js#ImageStreamMapper',
          ImageStreamEvent: '../resolvers/subscription-mappers.js#ImageStreamEventMapper',
          TagUpdated: '../resolvers/subscription-mappers.js#TagUpdatedMapper',
          TagRemoved: '../resolvers/subscription-mappers.js#TagRemovedMapper',
          StreamDeleted: '../resolvers/subscription-mappers.js#StreamDeletedMapper',
          ImportFailed: '../resolvers/subscription-mappers.js#ImportFailedMapper',
          ResyncRequired: '../resolvers/subscription-mappers.js#ResyncRequiredMapper',
          ImageStreamSpec: '../resolvers/navigation-mappers.js#ImageStreamSpecMapper',
          ImageStreamStatus: '../resolvers/navigation-mappers.js#ImageStreamStatusMapper',
          NamedTagEventList: '../resolvers/navigation-mappers.js#NamedTagEventListMapper',
          TagEvent: '../resolvers/navigation-mappers.js#TagEventMapper',
          TagReference: '../resolvers/navigation-mappers.js#TagReferenceMapper',
          TagEventCondition: '../resolvers/navigation-mappers.js#TagEventConditionMapper',
          ImageStreamTagSummary: '../resolvers/navigation-mappers.js#ImageStreamTagSummaryMapper',
          TagImportError: '../resolvers/navigation-mappers.js#TagImportErrorMapper',
          ImageStreamTag: '../resolvers/navigation-mappers.js#ImageStreamTagMapper',
          ImageStreamConnection: '../resolvers/navigation-mappers.js#ImageStreamConnectionMapper',
          ImageStreamEdge: '../resolvers/navigation-mappers.js#ImageStreamEdgeMapper',
        },
        scalars: {
          Int64: 'number',
          Time: 'string',
          JSON: 'unknown',
        },
        // A schema scalar missing from `scalars` fails codegen instead of becoming `any`.
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
        // (The default, stated on purpose.) Resolvers of nullable fields must return `null`, never
        // `undefined`: with exactOptionalPropertyTypes an omitted upstream key needs an explicit `?? null`.
        maybeValue: 'T | null',
        // ESM import paths are kept exactly as written above (NodeNext needs the `.js`).
        emitLegacyCommonJSImports: false,
        // Warn about mappers whose GraphQL type is gone.
        showUnusedMappers: true,
      },
    },
  },
};

export default config;
