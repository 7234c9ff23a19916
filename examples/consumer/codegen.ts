/**
 * GraphQL Code Generator configuration of the example consumer: the `client` preset turns the
 * gateway's schema (`schema/*.graphql`, also served at `/schema.graphql`) and this consumer's own
 * operations (`src/**\/*.graphql` files and `graphql()` calls in `src/**\/*.ts`) into
 * `TypedDocumentNode`s under `generated/`. Run from the repository root:
 * `npm run codegen:examples` writes it; `npm run codegen:check` fails when it is stale.
 *
 * A consumer in its own repository would point `schema` at a running gateway instead:
 * `schema: 'http://gateway.example:4000/schema.graphql'`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: 'schema/*.graphql',
  documents: ['examples/consumer/src/**/*.graphql', 'examples/consumer/src/**/*.ts'],
  // A typo in a glob must fail, not generate an empty module.
  ignoreNoDocuments: false,
  generates: {
    'examples/consumer/generated/': {
      preset: 'client',
      presetConfig: {
        gqlTagName: 'graphql',
        // Plain result types: this consumer does not colocate fragments with components.
        fragmentMasking: false,
      },
      config: {
        scalars: { Int64: 'number', Time: 'string', JSON: 'unknown' },
        // A scalar without a TypeScript type is a compile error, never a silent `any`.
        strictScalars: true,
        useTypeImports: true,
        enumsAsTypes: true,
        // NodeNext needs `.js` suffixes on relative imports of the generated modules.
        emitLegacyCommonJSImports: false,
        // Operation types only; no unused schema types in the output.
        onlyOperationTypes: true,
      },
    },
  },
};

export default config;
