import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir, and a function removing it with everything inside. */
export type TempDir = { path: string; remove: () => void };

/** Creates a temp directory named after `prefix`; call `remove` in `afterEach`/`afterAll`. */
export function tempDir(prefix = 'test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
