import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { generateSigningKey, publicKeyOf, signingKeyFrom } from './checkpoint';

export const SIGNING_KEY_FILE = 'audit-signing.key';

/**
 * The Ed25519 key that signs checkpoints, kept out of the database: `AUDIT_SIGNING_KEY` (PKCS#8 PEM)
 * when configured, else `audit-signing.key` in `DATA_DIR`, generated (owner-only) on first use.
 */
export function loadSigningKey(
  dataDir: string,
  configuredPem?: string,
): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = configuredPem
    ? signingKeyFrom(configuredPem)
    : fromFile(join(dataDir, SIGNING_KEY_FILE));
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('The audit signing key must be an Ed25519 key');
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

function fromFile(file: string): KeyObject {
  try {
    return signingKeyFrom(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, generateSigningKey().privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return signingKeyFrom(readFileSync(file, 'utf8'));
}
