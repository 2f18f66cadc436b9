// ESLint for the whole folder: the app (src/), the end-to-end tests (e2e/), the scripts and the config files.
// `npm run lint` runs it with --max-warnings 0, so a warning fails as an error does.

import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every folder of src/features is a feature; a new one is covered without editing this file.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default defineConfig(
  globalIgnores(['dist/', 'test-results/', 'src/api/schema.d.ts']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // tsconfig.app.json types src/, tsconfig.node.json the rest (config files, scripts/, e2e/).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are unused on purpose (e.g. a destructured field left out of a rest object).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },

  // The app: browser code with React.
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    extends: [reactHooks.configs.flat['recommended-latest']],
  },

  // Node: the end-to-end tests, the scripts and the config files.
  {
    files: ['e2e/**/*.mjs', 'scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['e2e/**/*.mjs'],
    // The callbacks given to page.evaluate() run in the browser.
    languageOptions: { globals: globals.browser },
    rules: {
      // node:test runs the tests and suites that test() and describe() return; nothing is left unawaited.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'suite', 'it', 'test'] },
          ],
        },
      ],
      // Plain JavaScript reading the live server's JSON answers, which are `any`; the tests' assertions check
      // their shape at run time, and `// @ts-check` (tsconfig.node.json) types everything else.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // Layers (as in bulletproof-react): features never import each other nor the app; shared code imports no
  // feature and not the app. Routes in src/app combine features. The TypeScript resolver follows the `@/` alias
  // of tsconfig.app.json, so `@/features/x/...` is caught as well as `../../x/...`.
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.app.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'Features do not import each other: combine them in src/app.',
            })),
            {
              target: './src/features',
              from: './src/app',
              message: 'Features do not import the app.',
            },
            {
              target: ['./src/components', './src/hooks', './src/lib', './src/testing'],
              from: ['./src/features', './src/app'],
              message: 'Shared code imports neither features nor the app.',
            },
          ],
        },
      ],
    },
  },
);
