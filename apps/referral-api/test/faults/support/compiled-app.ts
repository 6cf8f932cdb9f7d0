import { transformFileSync } from '@swc/core';
import type { Options } from '@swc/core';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { swcOptions } from '../../../../../tools/compiler-options';

export const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const NOT_SHIPPED = /\.(spec|int-spec|e2e-spec|fault-spec)\.ts$|\.d\.ts$/;

/** The files a build ships: TypeScript sources (not tests) and the JSON data they import. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return (path.endsWith('.ts') && !NOT_SHIPPED.test(path)) || path.endsWith('.json') ? [path] : [];
  });
}

export type CompiledApp = {
  main: string;
  /** The compiled main.js of another app of the repo, e.g. `referral-projector`. */
  mainOf: (
    app: 'referral-api' | 'referral-projector' | 'integration-relay' | 'integration-gateway',
  ) => string;
  remove: () => void;
};

/**
 * Compiles apps/*\/src and libs/*\/src with swc (.swcrc with the aliases of tsconfig.base.json rewritten) into
 * node_modules/.cache, so each of the many restarts of a fault scenario loads plain JavaScript
 * instead of compiling TypeScript again. About a second, once per spec file.
 */
export function compileApp(): CompiledApp {
  const out = join(ROOT, 'node_modules', '.cache', 'referral-api-faults', String(process.pid));
  const options: Options = { ...swcOptions(ROOT), swcrc: false, configFile: false, sourceMaps: 'inline' };
  for (const top of ['apps', 'libs']) {
    for (const pkg of readdirSync(join(ROOT, top))) {
      const src = join(ROOT, top, pkg, 'src');
      if (!existsSync(src)) continue;
      for (const file of sources(src)) {
        const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(target), { recursive: true });
        if (file.endsWith('.json')) copyFileSync(file, target);
        else writeFileSync(target, transformFileSync(file, { ...options, filename: file }).code);
      }
    }
  }
  return {
    main: join(out, 'apps', 'referral-api', 'src', 'main.js'),
    mainOf: (app) => join(out, 'apps', app, 'src', 'main.js'),
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}
