/**
 * Fault-injection scenarios (`npm run test:faults`): `*.fault-spec.ts` anywhere under apps/ and libs/.
 * Slow by design (real processes killed and restarted), so not part of `npm test`. Transform and
 * path aliases are the main config's, so the two never drift.
 */
const [unit] = require('./jest.config.js').projects;

module.exports = {
  displayName: 'faults',
  rootDir: __dirname,
  transform: unit.transform,
  moduleNameMapper: unit.moduleNameMapper,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs}/**/*.fault-spec.ts'],
  testTimeout: 15 * 60_000,
  reporters: ['default', '<rootDir>/apps/referral-api/test/faults/support/fault-results.reporter.js'],
};
