import { createHash } from 'node:crypto';
import { isCalendarDate } from '@app/referral-domain';

/** The same field formats the HTTP API accepts, so a referral valid on one channel is valid on the other. */
export const FORMATS = {
  ods: /^[A-Za-z0-9]{1,9}$/,
  nhsNumber: /^\d{3}[ -]?\d{3}[ -]?\d{4}$/,
  postcode: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/,
  phone: /^\+?[0-9 ()-]{6,20}$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  schoolUrn: /^\d{6}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
  dateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
  /** Partner system names become the actor of what they send: letters, digits and `._:-`. */
  sourceSystem: /^[A-Za-z0-9._:-]{1,100}$/,
  /** A correlation id accepted from a partner, as the HTTP API accepts X-Correlation-Id. */
  correlationId: /^[A-Za-z0-9._:-]{1,100}$/,
  /** Printable, no control characters. */
  messageId: /^[^\u0000-\u001f\u007f]{1,200}$/,
} as const;

export const isDateTime = (v: string): boolean => FORMATS.dateTime.test(v) && !Number.isNaN(Date.parse(v));
export { isCalendarDate };

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

// Fixed namespace of this service's derived ids (RFC 4122 name-based, SHA-1).
const REFERRAL_NAMESPACE = '6f1c9a52-3b0e-4d7a-9c55-1e2f8b7d4a60';

/** UUID version 5 of `name` in `namespace`. */
export function uuidV5(name: string, namespace = REFERRAL_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The referral id of an inbound message: the same (source system, message id) always gives the same referral. */
export const inboundReferralId = (sourceSystem: string, messageId: string): string =>
  uuidV5(`${sourceSystem}\n${messageId}`);
