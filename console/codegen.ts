import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the gateway's own schema (schema/ at the top of the repository) and the operations the
// screens declare in their *.graphql files. Nothing in src/gql is written by hand.
const config: CodegenConfig = {
  schema: '../schema/src/main/resources/graphql/*.graphqls',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Long: 'number', JSON: 'unknown' },
        strictScalars: true,
      },
    },
  },
};

export default config;
