import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(path) ? [path] : [];
  });
}

/** Issue 18, 6: every problem code a caller can meet is explained in docs/errors.md. */
describe('docs/errors.md', () => {
  it('lists every error code the source can answer', () => {
    const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    const codes = new Set<string>();
    for (const file of [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))])
      for (const [, code] of readFileSync(file, 'utf8').matchAll(/'([A-Z][A-Z_]+\.[A-Z][A-Z_]{2,})'/g))
        codes.add(code!);
    expect(codes.size).toBeGreaterThan(50);
    expect([...codes].filter((code) => !doc.includes(`\`${code}\``)).sort()).toEqual([]);
  });
});
