import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'screenshots/', 'bench/out/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['web/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    // src/core and src/cap stay pure: no I/O modules, no imports from the app's outer layers.
    files: ['src/core/**/*.ts', 'src/cap/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:child_process'],
              message: 'pure code does no I/O',
            },
            {
              group: ['**/store/**', '**/http/**', '**/jobs/**', '**/channels/**', '**/cli/**'],
              message: 'pure code does not import the outer layers',
            },
          ],
        },
      ],
    },
  },
  {
    // The API's contract (the enumerations and every route's schema module) is imported by the
    // console for its types and lists: it holds data and TypeBox shapes only, never the app's machinery.
    files: ['src/contract/**/*.ts', 'src/http/api/**/schema.ts', 'src/http/api/common.schema.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'net', 'http'], message: 'the contract does no I/O' },
            {
              group: [
                '**/store/**',
                '**/services/**',
                '**/jobs/**',
                '**/channels/**',
                '**/cli/**',
                'fastify',
                'kysely',
              ],
              message: 'the contract is shapes and lists; the console imports it',
            },
          ],
        },
      ],
    },
  },
);
