import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@app/config';

/** The setting holding the master key. */
export const MASTER_KEY_SETTING = 'DATA_KEY_MASTER';
/** The file, in the data folder, holding the master key generated outside production. */
export const MASTER_KEY_FILE = 'data-key-master';

const KEY_BYTES = 32;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/**
 * The key that wraps every data key. `id` is a fingerprint written in front of each wrapped key,
 * so a future key ring can tell which master key wrapped it (rotation) and a wrong key is told
 * apart from a corrupt one.
 */
export type MasterKey = { readonly id: string; readonly key: Buffer };

/**
 * Parses the base64 (or base64url) encoding of 32 random bytes, e.g. from `openssl rand -base64 32`.
 * Throws a `ConfigError` naming `setting`; the message never contains the value.
 */
export function parseMasterKey(value: string, setting: string = MASTER_KEY_SETTING): MasterKey {
  const text = value.trim();
  if (!BASE64.test(text)) {
    throw new ConfigError(setting, 'must be base64 (e.g. the output of `openssl rand -base64 32`)');
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(
      setting,
      `must be the base64 encoding of exactly ${KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`), got ${key.length} bytes`,
    );
  }
  return { id: masterKeyId(key), key };
}

export type ResolveMasterKeyOptions = {
  /** The configured `DATA_KEY_MASTER`, if any (read by `@app/config`, never here). */
  configured?: string;
  nodeEnv: string;
  /** Where a generated key is kept outside production. */
  dataDir: string;
};

/**
 * The configured master key, or outside production one generated once into the data folder
 * (readable by its owner only), so a new user can run the app without setting anything.
 * Losing that file makes every stored personal field unreadable.
 */
export function resolveMasterKey(options: ResolveMasterKeyOptions): MasterKey {
  if (options.configured !== undefined && options.configured.trim() !== '')
    return parseMasterKey(options.configured);
  if (options.nodeEnv === 'production') {
    throw new ConfigError(
      MASTER_KEY_SETTING,
      'is required when NODE_ENV=production (the base64 of 32 random bytes: `openssl rand -base64 32`)',
    );
  }
  const file = join(options.dataDir, MASTER_KEY_FILE);
  return parseMasterKey(
    readOrCreate(file, options.dataDir),
    `${MASTER_KEY_SETTING} (generated file ${file})`,
  );
}

function readOrCreate(file: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  // Written whole under a private name, then linked into place: a process starting at the same
  // moment either wins the link or reads the complete key the other one linked.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(draft, randomBytes(KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(draft, 0o600);
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(file, 'utf8');
}

function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('data-key-master:').update(key).digest('hex').slice(0, 12);
}
