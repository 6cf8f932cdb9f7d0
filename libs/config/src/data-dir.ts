import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

/**
 * Keeps `DATA_DIR` owner-only: the folder and its subfolders 0700, every file in them 0600, and from
 * here on every file this process creates (SQLite databases with their WAL and shared-memory files, key
 * files, the access log) is born 0600 by the process umask. Files left readable by an older version
 * are tightened. Run it at the start of every process that opens the embedded stores.
 */
export function secureDataDir(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY_DIR });
  tighten(dataDir);
}

function tighten(dir: string): void {
  chmodSync(dir, OWNER_ONLY_DIR);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile()) chmodSync(path, OWNER_ONLY_FILE);
  }
}
