import { REFERRAL_REASONS, REFERRAL_SOURCE_KINDS, URGENCIES } from '@app/referral-domain';
import type {
  ParentCarer,
  ReasonAsSent,
  ReferralReason,
  ReferralSource,
  Urgency,
  YoungPerson,
} from '@app/referral-domain';
import { FORMATS, isCalendarDate, isDateTime } from '../formats';
import { Checker, compact, join } from '../validation';
import type { Json } from '../validation';

/** A referral in the native shape of `POST /v1/referrals`, without `id` (derived from the message). */
export type NativeReferral = {
  receivedAt?: string;
  source: ReferralSource;
  youngPerson: YoungPerson;
  parentCarer?: ParentCarer;
  reasons: ReferralReason[];
  /** Only from a FHIR referral: its reasons as coded by the sender (not a field of the native shape). */
  reasonsAsSent?: ReasonAsSent[];
  pcnCode?: string;
  schoolUrn?: string;
  urgency?: Urgency;
  notes?: string;
};

const FIELDS = [
  'receivedAt',
  'source',
  'youngPerson',
  'parentCarer',
  'reasons',
  'pcnCode',
  'schoolUrn',
  'urgency',
  'notes',
];

/** Checks a native referral with the field rules of the HTTP API and returns it, or records every issue in `c`. */
export function checkNativeReferral(c: Checker, value: unknown, path: string): NativeReferral | undefined {
  const r = c.object(value, path);
  if (!r) return undefined;
  if (r.id !== undefined)
    c.fail(join(path, 'id'), 'must be left out: the referral id is derived from sourceSystem and messageId');
  for (const key of Object.keys(r))
    if (key !== 'id' && !FIELDS.includes(key)) c.fail(join(path, key), 'is not a known field');
  const receivedAt = checkReceivedAt(c, r, path);
  const reasons = c.array(r, 'reasons', path, { min: 1, max: REFERRAL_REASONS.length });
  reasons?.forEach((reason, i) => {
    if (typeof reason !== 'string' || !(REFERRAL_REASONS as readonly string[]).includes(reason))
      c.fail(join(join(path, 'reasons'), i), `must be one of: ${REFERRAL_REASONS.join(', ')}`);
  });
  const pcnCode = c.string(r, 'pcnCode', path, {
    optional: true,
    pattern: FORMATS.ods,
    hint: 'must be an ODS code: 1-9 letters or digits',
  });
  return compact({
    receivedAt,
    source: source(c, r.source, join(path, 'source'))!,
    youngPerson: youngPerson(c, r.youngPerson, join(path, 'youngPerson'))!,
    parentCarer:
      r.parentCarer === undefined ? undefined : parentCarer(c, r.parentCarer, join(path, 'parentCarer')),
    reasons: reasons as ReferralReason[],
    pcnCode: pcnCode?.toUpperCase(),
    schoolUrn: c.string(r, 'schoolUrn', path, {
      optional: true,
      pattern: FORMATS.schoolUrn,
      hint: 'must be a 6-digit URN',
    }),
    urgency: c.oneOf(r, 'urgency', path, URGENCIES, true),
    notes: c.string(r, 'notes', path, { optional: true, min: 0, max: 4000 }),
  });
}

/** The optional `receivedAt`, normalised to UTC; an issue is recorded if it is not an ISO 8601 date-time. */
function checkReceivedAt(c: Checker, r: Json, path: string): string | undefined {
  const receivedAt = c.string(r, 'receivedAt', path, { optional: true });
  if (receivedAt === undefined) return undefined;
  if (!isDateTime(receivedAt)) {
    c.fail(
      join(path, 'receivedAt'),
      'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z',
    );
    return undefined;
  }
  return new Date(receivedAt).toISOString();
}

function source(c: Checker, value: unknown, path: string): ReferralSource | undefined {
  const s = c.object(value, path, ['kind', 'organisationCode', 'referrerName']);
  if (!s) return undefined;
  return compact({
    kind: c.oneOf(s, 'kind', path, REFERRAL_SOURCE_KINDS)!,
    organisationCode: c.string(s, 'organisationCode', path, {
      optional: true,
      pattern: FORMATS.ods,
      hint: 'must be an ODS code: 1-9 letters or digits',
    }),
    referrerName: c.string(s, 'referrerName', path, { optional: true, max: 200 }),
  });
}

function youngPerson(c: Checker, value: unknown, path: string): YoungPerson | undefined {
  const y = c.object(value, path, [
    'givenName',
    'familyName',
    'dateOfBirth',
    'nhsNumber',
    'postcode',
    'gender',
    'ethnicity',
  ]);
  if (!y) return undefined;
  const dateOfBirth = c.string(y, 'dateOfBirth', path);
  if (dateOfBirth !== undefined && !isCalendarDate(dateOfBirth))
    c.fail(join(path, 'dateOfBirth'), 'must be a real date written YYYY-MM-DD');
  return compact({
    givenName: c.string(y, 'givenName', path, { max: 100 })!,
    familyName: c.string(y, 'familyName', path, { max: 100 })!,
    dateOfBirth: dateOfBirth!,
    nhsNumber: c.string(y, 'nhsNumber', path, {
      optional: true,
      pattern: FORMATS.nhsNumber,
      hint: 'must be 10 digits, optionally spaced 3-3-4',
    }),
    postcode: c.string(y, 'postcode', path, {
      optional: true,
      pattern: FORMATS.postcode,
      hint: 'must be a UK postcode',
    }),
    gender: c.string(y, 'gender', path, { optional: true, max: 50 }),
    ethnicity: c.string(y, 'ethnicity', path, { optional: true, max: 80 }),
  });
}

function parentCarer(c: Checker, value: unknown, path: string): ParentCarer | undefined {
  const p = c.object(value, path, ['name', 'relationship', 'phone', 'email']);
  if (!p) return undefined;
  return compact({
    name: c.string(p, 'name', path, { max: 200 })!,
    relationship: c.string(p, 'relationship', path, { max: 80 })!,
    phone: c.string(p, 'phone', path, {
      optional: true,
      pattern: FORMATS.phone,
      hint: 'must be a telephone number',
    }),
    email: c.string(p, 'email', path, {
      optional: true,
      max: 254,
      pattern: FORMATS.email,
      hint: 'must be an email address',
    }),
  });
}
