import { UnreadableCiphertextError, decrypt, encrypt } from './field-cipher';
import { isRecord } from './personal-data.fields';
import type { PersonalFieldPath, PersonalValues } from './personal-data.fields';

/** Where the sealed personal data of an event sits in its stored `data`. */
export const ENVELOPE_FIELD = 'personal';

/**
 * The personal data of one event as stored, under `data.personal`: one AES-256-GCM ciphertext of
 * all its personal values. `kid` names the data key (the subject's key id); `fields` lists the paths
 * sealed, in the clear so an erased event can still show where its values were, and authenticated.
 */
export type PersonalEnvelope = {
  v: 1;
  kid: string;
  fields: PersonalFieldPath[];
  iv: string;
  tag: string;
  ct: string;
};

/** The envelope in stored `data`; `malformed` when `data.personal` claims to be one but is not readable. */
export function envelopeOf(data: unknown): PersonalEnvelope | 'malformed' | undefined {
  return isRecord(data) ? asEnvelope(data[ENVELOPE_FIELD]) : undefined;
}

/** `envelope` as a personal envelope (e.g. one a read model copied out of an event), or why not. */
export function asEnvelope(envelope: unknown): PersonalEnvelope | 'malformed' | undefined {
  if (!isRecord(envelope) || typeof envelope.v !== 'number') return undefined;
  const { v, kid, fields, iv, tag, ct } = envelope;
  const wellFormed =
    v === 1 &&
    typeof kid === 'string' &&
    kid !== '' &&
    Array.isArray(fields) &&
    fields.every(isFieldPath) &&
    typeof iv === 'string' &&
    typeof tag === 'string' &&
    typeof ct === 'string';
  return wellFormed ? (envelope as PersonalEnvelope) : 'malformed';
}

/** Seals `values` (one AES operation) under the data key `key` named `kid`. */
export function sealPersonal(
  kid: string,
  key: Buffer,
  fields: PersonalFieldPath[],
  values: PersonalValues,
): PersonalEnvelope {
  const sealed = encrypt(key, Buffer.from(JSON.stringify(values), 'utf8'), aad(kid, fields));
  return { v: 1, kid, fields, ...sealed };
}

/** The personal values in `envelope`; throws `UnreadableCiphertextError` when it does not authenticate. */
export function openPersonal(envelope: PersonalEnvelope, key: Buffer): PersonalValues {
  const plaintext = decrypt(key, envelope, aad(envelope.kid, envelope.fields));
  const values: unknown = JSON.parse(plaintext.toString('utf8'));
  if (!isRecord(values)) throw new UnreadableCiphertextError('sealed personal data is not an object');
  return values;
}

// Paths come from stored data: plain identifiers only, so a forged one cannot reach an object's prototype.
// Names, and array indexes after the first segment (`goals.0.description`).
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9]*(?:\.(?:[A-Za-z][A-Za-z0-9]*|\d{1,4}))*$/;
const knownPaths = new Set<string>();

function isFieldPath(path: unknown): boolean {
  if (typeof path !== 'string') return false;
  if (knownPaths.has(path)) return true;
  if (!FIELD_PATH.test(path)) return false;
  if (knownPaths.size < 1000) knownPaths.add(path);
  return true;
}

function aad(kid: string, fields: readonly string[]): Buffer {
  return Buffer.from(`p1|${kid}|${fields.join(',')}`, 'utf8');
}
