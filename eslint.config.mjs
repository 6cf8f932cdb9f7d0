import tseslint from 'typescript-eslint';

const clientPackages = ['better-sqlite3', 'pg', 'kafkajs', '@kurrent/*', '@eventstore/*', 'kysely'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'infra/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  {
    // The domain is plain TypeScript: no framework, no IO clients, no validation decorators.
    files: ['libs/referral-domain/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'class-validator', 'class-transformer', '@app/*', 'node:*', ...clientPackages] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'Configuration comes in with the command.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids come in with the command.' },
      ],
    },
  },
  {
    // Each client package lives in its one adapter library; apps reach stores through ports.
    files: ['apps/**/*.ts', 'libs/config/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['apps/referral-api/src/idempotency/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['pg', 'kafkajs'], patterns: ['@kurrent/*', '../../libs/*', '../../../libs/*'] }] },
  },
  {
    files: ['**/process.env*', 'apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/config/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/test/**', 'libs/testing/**', 'bench/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through @app/config.' }],
    },
  },
);
