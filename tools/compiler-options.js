/**
 * One source for path aliases and the SWC transform: `paths` in tsconfig.base.json and the options in
 * .swcrc. Jest (every config) and the fault suite's precompiler derive theirs from here, so an alias
 * added to tsconfig.base.json works everywhere without being written twice.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/** `compilerOptions.paths` of tsconfig.base.json (plain JSON: no comments in that file). */
function tsconfigPaths() {
  const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8'));
  return base.compilerOptions.paths;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Jest's moduleNameMapper for the aliases: `@app/x` and `@app/x/*` to their folders under rootDir. */
function jestModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfigPaths())) {
    if (alias.endsWith('/*')) {
      mapper[`^${escape(alias.slice(0, -2))}/(.*)$`] = `<rootDir>/${target.slice(0, -2)}/$1`;
    } else {
      mapper[`^${escape(alias)}$`] = `<rootDir>/${target}`;
    }
  }
  return mapper;
}

/** The .swcrc options (without `$schema`), with the aliases of tsconfig.base.json resolved from `baseUrl`. */
function swcOptions(baseUrl = ROOT) {
  const { $schema: _schema, ...swcrc } = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
  return { ...swcrc, jsc: { ...swcrc.jsc, baseUrl, paths: tsconfigPaths() } };
}

module.exports = { ROOT, tsconfigPaths, jestModuleNameMapper, swcOptions };
