import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { ConfigError } from './config.values';
import type { Env } from './config.values';

/** The services a handoff can be sent to (the domain's handoff targets). */
export const PARTNER_HANDOFF_TARGETS = ['camhs', 'mhst', 'school'] as const;
export type PartnerHandoffTarget = (typeof PARTNER_HANDOFF_TARGETS)[number];

/**
 * A system that integrates with the service (a GP system, a school MIS, a CAMHS record system or an
 * integration engine relaying for several). Its HTTP tokens carry `partner: <id>`; its Kafka messages
 * carry the headers `x-partner-id` and `x-partner-signature`, verified with `kafkaPublicKey`.
 */
export type IntegrationPartner = {
  id: string;
  /** ODS codes it refers for: a referral it sends names one of these (the first when it names none). `*`: any. */
  organisationCodes: string[];
  /** The handoff targets whose handoffs it may acknowledge or reject. */
  handoffTargets: PartnerHandoffTarget[];
  /** The `sourceSystem` values its Kafka messages may carry (default: its id). `*`: any. */
  sourceSystems: string[];
  /** Ed25519 public key (SPKI PEM) its Kafka messages are signed with; without it, its messages are dead-lettered. */
  kafkaPublicKey?: string;
};

/**
 * Without `INTEGRATION_PARTNERS`, one partner per handoff target named after it (`camhs`, `mhst`,
 * `school`), answering only its own target's handoffs, with no organisation and no Kafka key.
 */
export const DEFAULT_PARTNERS: readonly IntegrationPartner[] = PARTNER_HANDOFF_TARGETS.map((t) => ({
  id: t,
  organisationCodes: [],
  handoffTargets: [t],
  sourceSystems: [t],
}));

const SETTING = 'INTEGRATION_PARTNERS';
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
const CODE = /^(\*|[A-Z0-9]{3,10})$/;
const FIELDS = ['id', 'organisationCodes', 'handoffTargets', 'sourceSystems', 'kafkaPublicKey'];

function strings(value: unknown, where: string, pattern: RegExp): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && pattern.test(v)))
    throw new ConfigError(SETTING, `${where} must be a list of strings matching ${pattern}`);
  return [...new Set(value as string[])];
}

function publicKeyPem(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    if (typeof value !== 'string') throw new Error('not text');
    const key = value.includes('-----BEGIN')
      ? createPublicKey(value.replace(/\\n/g, '\n'))
      : createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return key.export({ format: 'pem', type: 'spki' }).toString();
  } catch {
    throw new ConfigError(
      SETTING,
      `${where}.kafkaPublicKey must be an Ed25519 public key (SPKI PEM or base64 DER)`,
    );
  }
}

function partner(raw: unknown, index: number): IntegrationPartner {
  const where = `[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(SETTING, `${where} must be an object`);
  const entry = raw as Record<string, unknown>;
  const unknown = Object.keys(entry).filter((k) => !FIELDS.includes(k));
  if (unknown.length) throw new ConfigError(SETTING, `${where} has unknown fields: ${unknown.join(', ')}`);
  if (typeof entry.id !== 'string' || !ID.test(entry.id))
    throw new ConfigError(SETTING, `${where}.id must be 1-100 letters, digits or . _ : -`);
  const targets = strings(entry.handoffTargets, `${where}.handoffTargets`, /^[a-z]+$/);
  const wrong = targets.filter((t) => !(PARTNER_HANDOFF_TARGETS as readonly string[]).includes(t));
  if (wrong.length)
    throw new ConfigError(
      SETTING,
      `${where}.handoffTargets must be from ${PARTNER_HANDOFF_TARGETS.join(', ')}`,
    );
  const sourceSystems = strings(
    entry.sourceSystems,
    `${where}.sourceSystems`,
    /^(\*|[A-Za-z0-9._:-]{1,100})$/,
  );
  const kafkaPublicKey = publicKeyPem(entry.kafkaPublicKey, where);
  return {
    id: entry.id,
    organisationCodes: strings(entry.organisationCodes, `${where}.organisationCodes`, CODE),
    handoffTargets: targets as PartnerHandoffTarget[],
    sourceSystems: sourceSystems.length ? sourceSystems : [entry.id],
    ...(kafkaPublicKey ? { kafkaPublicKey } : {}),
  };
}

/** `INTEGRATION_PARTNERS` (JSON) or `INTEGRATION_PARTNERS_FILE` (a JSON file): a list of partners. */
export function partnersConfig(env: Env): readonly IntegrationPartner[] {
  const file = env.INTEGRATION_PARTNERS_FILE?.trim();
  let text = env.INTEGRATION_PARTNERS?.trim();
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError('INTEGRATION_PARTNERS_FILE', `cannot be read: ${file}`);
    }
  }
  if (!text) return DEFAULT_PARTNERS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(SETTING, 'must be JSON: a list of partners');
  }
  if (!Array.isArray(parsed)) throw new ConfigError(SETTING, 'must be a JSON list of partners');
  const partners = parsed.map(partner);
  const ids = partners.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new ConfigError(SETTING, `names partner ${twice} twice`);
  return partners;
}
