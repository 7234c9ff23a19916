// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports a folder may not make: dependencies flow server -> resolvers -> loaders -> upstream -> errors. */
const restrict = (/** @type {{group: string[], message: string}[]} */ patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

const noGraphql = {
  group: ['graphql', 'graphql-yoga', '@graphql-*/*', '**/generated/**'],
  message: 'upstream/ and loaders/ never import graphql or generated types.',
};
const noUpward = (/** @type {string[]} */ folders) => ({
  group: folders.map((f) => `**/${f}/**`),
  message: `Dependencies flow server -> resolvers -> loaders -> upstream -> errors; this folder may not import ${folders.join(', ')}.`,
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'test-results/',
      'src/generated/',
      'examples/**/generated/',
      'bench/results/',
      // bench/lib/processes.ts bundles bench/serve.ts here for the benchmarks.
      '.cache/',
      // The stream browser has its own package, tsconfig and type check (its `npm run build`).
      'examples/stream-browser/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/model/**'],
    rules: restrict([
      {
        group: ['../*', '**/generated/**', 'graphql', 'graphql-yoga', 'undici'],
        message: 'model/ holds the upstream resource types and refs: it imports nothing.',
      },
    ]),
  },
  {
    files: ['src/errors/**'],
    rules: restrict([noUpward(['upstream', 'loaders', 'resolvers', 'server', 'simulator'])]),
  },
  {
    files: ['src/upstream/**'],
    rules: restrict([noGraphql, noUpward(['loaders', 'resolvers', 'server', 'simulator'])]),
  },
  {
    files: ['src/loaders/**'],
    rules: restrict([noGraphql, noUpward(['resolvers', 'server', 'simulator'])]),
  },
  {
    files: ['src/resolvers/**'],
    rules: restrict([
      noUpward(['server', 'simulator', 'upstream']),
      { group: ['undici'], message: 'Resolvers make no HTTP calls: ask a loader.' },
    ]),
  },
  {
    files: ['src/simulator/**'],
    rules: restrict([
      {
        group: [
          '**/upstream/**',
          '**/loaders/**',
          '**/resolvers/**',
          '**/server/**',
          '**/errors/**',
          '**/generated/**',
          '../*',
          // Checked by the rule below: the wire types of the model, as types only.
          '!../model',
        ],
        message: 'The simulator stands in for the API server: it imports nothing from the gateway.',
      },
    ]),
  },
  {
    // The simulator shares one description of the wire format with the gateway (src/model), but
    // no code: `import type` is erased at build, so nothing of the gateway runs in the simulator.
    files: ['src/simulator/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../model/*'],
              allowTypeImports: true,
              message: 'The simulator may use the model as types only (`import type`).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/main.ts', 'src/simulator/cli.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'Only src/main.ts touches process; take config as a parameter.',
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'examples/**'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
