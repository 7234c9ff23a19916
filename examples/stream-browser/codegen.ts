/**
 * GraphQL Code Generator configuration of the stream browser: the `client` preset turns the
 * gateway's schema (`schema/*.graphql`, served at `/schema.graphql`) and the app's `graphql()`
 * calls into `TypedDocumentNode`s under `generated/`. Run from the repository root:
 * `npm run codegen:examples` writes it; `npm run codegen:check` fails when it is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema/*.graphql',
  documents: ['examples/stream-browser/src/**/*.ts', 'examples/stream-browser/src/**/*.tsx'],
  ignoreNoDocuments: false,
  generates: {
    'examples/stream-browser/generated/': {
      preset: 'client',
      presetConfig: { gqlTagName: 'graphql', fragmentMasking: false },
      config: {
        scalars: { Int64: 'number', Time: 'string', JSON: 'unknown' },
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
      },
    },
  },
};

export default config;
