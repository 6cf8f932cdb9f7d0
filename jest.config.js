/** Jest projects: unit specs beside the code, adapter integration specs, and app e2e specs (on SQLite and on PostgreSQL). */
const { jestModuleNameMapper, swcOptions } = require('./tools/compiler-options');

// The transform and the aliases come from .swcrc and tsconfig.base.json (tools/compiler-options.js).
const { jsc } = swcOptions();
const swc = ['@swc/jest', { jsc: { ...jsc, baseUrl: undefined, paths: undefined }, swcrc: false }];
// @fastify/static (the API docs' assets) requires content-disposition 3, an ES module that Node loads
// natively and Jest's CommonJS runtime cannot (tools/jest/content-disposition.cjs says why that is safe).
const moduleNameMapper = {
  ...jestModuleNameMapper(),
  '^content-disposition$': '<rootDir>/tools/jest/content-disposition.cjs',
};
const base = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  // `npm test` runs in band on a 2-core machine beside PostgreSQL and a Kafka broker: an integration test
  // that takes under a second alone took 7 s there once, so a test has 20 s before it counts as hung.
  testTimeout: 20_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/apps/**/test/**/*.e2e-spec.ts'] },
    // The same API e2e specs with events and read models on PostgreSQL, a fresh database per API.
    {
      ...base,
      displayName: 'e2e-postgres',
      testMatch: ['<rootDir>/apps/referral-api/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/apps/referral-api/test/support/postgres-e2e.setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/apps/referral-api/test/support/postgres-e2e.timeout.ts'],
    },
    // The dashboard in real headless Chromium (Debian's chromium package; .ci/run installs it).
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/apps/**/test/browser/**/*.browser-spec.ts'] },
  ],
};
