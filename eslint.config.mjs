// Lint: the type-checked preset, import cycles, module boundaries, file length and function complexity,
// and the domain's purity rules (ADR 0010).
import { readdirSync } from 'node:fs';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const clientPackages = ['better-sqlite3', 'pg', 'kafkajs', '@kurrent/*', '@eventstore/*', 'kysely'];
const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**'];

// Boundaries are checked on resolved paths, so `@app/*` aliases and relative paths are caught alike.
const apps = readdirSync(`${root}/apps`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const kyselyLibs = ['event-store', 'privacy', 'read-models', 'integration', 'directory'];
const boundaryZones = [
  ...apps.map((app) => ({
    target: `./apps/${app}`,
    from: './apps',
    except: [`./${app}`],
    message: 'An app must not import another app (share code through a library in libs/).',
  })),
  { target: './libs', from: './apps', message: 'A library must not import an app.' },
  {
    target: ['./apps', './bench', `./libs/!(${kyselyLibs.join('|')})/**`],
    from: './node_modules/kysely',
    message: `kysely belongs to the store adapters: libs/{${kyselyLibs.join(',')}}.`,
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'infra/**', 'coverage/**', '**/*.generated.ts', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
  {
    // The domain is plain TypeScript: no framework, no IO clients, no validation decorators.
    files: ['libs/referral-domain/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'class-validator',
            'class-transformer',
            '@app/*',
            'node:*',
            ...clientPackages,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Configuration comes in with the command.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time comes in with the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time comes in with the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Ids come in with the command.',
        },
      ],
    },
  },
  {
    // Each client package lives in its one adapter library; apps reach stores through ports.
    files: ['apps/**/*.ts', 'libs/config/**/*.ts', 'libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['pg', 'kafkajs'], patterns: ['@kurrent/*', '../../libs/*', '../../../libs/*'] },
      ],
    },
  },
  {
    files: ['**/process.env*', 'apps/**/*.ts', 'libs/**/*.ts'],
    ignores: [
      'libs/config/**',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/test/**',
      'libs/testing/**',
      'bench/**',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through @app/config.' },
      ],
    },
  },

  // ---- Added by the strict configuration ----
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      // Resolves the `@app/*` aliases of tsconfig.base.json (through tsconfig.json).
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ alwaysTryTypes: true, project: `${root}/tsconfig.json` }),
      ],
    },
    rules: {
      // Type-only imports are erased at run time and are not reported.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaryZones }],
      'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 12],
      // Off: every hit here is a false positive. Library types declare plain callbacks with method
      // syntax (kafkajs EachBatchPayload's resolveOffset/heartbeat/isRunning, Nest and Jest helpers), and
      // deciders/ports are object literals whose functions never use `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Off: adapters and handlers implement Promise-returning ports with `async` methods that need no
      // await; dropping `async` would turn a thrown error into a synchronous throw, changing behaviour.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Specs build larger fixtures and assert on untyped JSON (supertest's `response.body` is `any`);
    // typing every response body would add casts, not safety, so the no-unsafe-* rules are off there.
    files: testFiles,
    rules: {
      'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
