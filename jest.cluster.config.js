/**
 * The cluster suite (`npm run test:cluster`): several API, projector, relay and gateway processes on
 * one PostgreSQL database, driven round-robin. Transform and path aliases are the main config's.
 */
const [unit] = require('./jest.config.js').projects;

module.exports = {
  displayName: 'cluster',
  rootDir: __dirname,
  transform: unit.transform,
  moduleNameMapper: unit.moduleNameMapper,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs}/**/*.cluster-spec.ts'],
  testTimeout: 15 * 60_000,
};
