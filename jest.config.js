/** Jest projects: unit specs beside the code, adapter integration specs, and app e2e specs (on SQLite and on PostgreSQL). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true } }];
const moduleNameMapper = {
  '^@app/(referral-domain|event-store|config|read-models|messaging|contracts|testing|privacy)$': '<rootDir>/libs/$1/src',
  '^@app/(integration-relay|integration-gateway)$': '<rootDir>/apps/$1/src',
};
const base = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/apps/**/test/**/*.e2e-spec.ts'] },
    // The same API e2e specs with events and read models on PostgreSQL, a fresh database per API.
    {
      ...base,
      displayName: 'e2e-postgres',
      testMatch: ['<rootDir>/apps/referral-api/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/apps/referral-api/test/support/postgres-e2e.setup.ts'],
    },
  ],
};
