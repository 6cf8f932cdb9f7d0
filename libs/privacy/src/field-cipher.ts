import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey } from './master-key';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Version prefix of a wrapped data key: `k1.<master key id>.<iv>.<tag>.<ciphertext>` (base64url parts). */
export const WRAPPED_KEY_VERSION = 'k1';

/** One AES-256-GCM encryption, base64 encoded: random 12-byte IV, 16-byte authentication tag, ciphertext. */
export type Sealed = { iv: string; tag: string; ct: string };

/** A wrapped data key or a ciphertext that cannot be opened: wrong key, corrupt or tampered. */
export class UnreadableCiphertextError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableCiphertextError';
  }
}

/** A fresh random 256-bit data key. */
export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Encrypts `plaintext` under `key` with a random IV; `aad` is authenticated but not stored. */
export function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

/** The plaintext of `sealed`; throws `UnreadableCiphertextError` unless it authenticates under `key` and `aad`. */
export function decrypt(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  return open(
    key,
    Buffer.from(sealed.iv, 'base64'),
    Buffer.from(sealed.tag, 'base64'),
    Buffer.from(sealed.ct, 'base64'),
    aad,
  );
}

/** `dataKey` encrypted under the master key, bound to `subjectId` so it cannot be moved to another subject's row. */
export function wrapDataKey(dataKey: Buffer, master: MasterKey, subjectId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, master.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(master, subjectId));
  const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return [WRAPPED_KEY_VERSION, master.id, iv, cipher.getAuthTag(), ct]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The id of the master key that wrapped `wrapped`, or undefined when it is not a wrapped key at all. */
export function wrappedKeyMasterId(wrapped: string): string | undefined {
  const parts = wrapped.split('.');
  const id = parts[1];
  return parts.length === 5 &&
    parts[0] === WRAPPED_KEY_VERSION &&
    id !== undefined &&
    /^[0-9a-f]{12}$/.test(id)
    ? id
    : undefined;
}

/** The data key inside `wrapped`; throws `UnreadableCiphertextError` naming why it cannot be read. */
export function unwrapDataKey(wrapped: string, master: MasterKey, subjectId: string): Buffer {
  const parts = wrapped.split('.');
  const [version, masterId, iv, tag, ct] = parts;
  if (
    parts.length !== 5 ||
    version !== WRAPPED_KEY_VERSION ||
    iv === undefined ||
    tag === undefined ||
    ct === undefined
  )
    throw new UnreadableCiphertextError('wrapped key has an unknown format');
  if (masterId !== master.id)
    throw new UnreadableCiphertextError('wrapped key was made with another master key');
  const key = open(
    master.key,
    Buffer.from(iv, 'base64url'),
    Buffer.from(tag, 'base64url'),
    Buffer.from(ct, 'base64url'),
    wrapAad(master, subjectId),
  );
  if (key.length !== KEY_BYTES) throw new UnreadableCiphertextError('wrapped key is not a 256-bit key');
  return key;
}

function open(key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer, aad: Buffer): Buffer {
  // GCM accepts short IVs and tags; only the exact lengths we write are allowed back in.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
    throw new UnreadableCiphertextError('malformed IV or tag');
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch (error) {
    throw new UnreadableCiphertextError(`ciphertext failed authentication (${(error as Error).message})`);
  }
}

function wrapAad(master: MasterKey, subjectId: string): Buffer {
  return Buffer.from(`${WRAPPED_KEY_VERSION}|${master.id}|${subjectId}`, 'utf8');
}
