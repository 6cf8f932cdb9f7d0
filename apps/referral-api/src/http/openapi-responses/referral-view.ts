import { PRESCRIPTION } from './prescription';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  APPOINTMENT_CANCELLERS,
  CONSENT_BASES,
  CONSENT_GIVERS,
  CONSENT_SCOPES,
  END_REASONS,
  HANDOFF_TARGETS,
  ONS4_ITEMS,
  OUTCOME_MEASURES,
  RATERS,
  REFERRAL_REASONS,
  REFERRAL_SOURCE_KINDS,
  REFERRAL_STATUSES,
  SESSION_FORMATS,
  SESSION_SETTINGS,
  URGENCIES,
} from '@app/referral-domain';
import {
  SENTINELS,
  arrayOf,
  boolean,
  count,
  date,
  dateTime,
  integer,
  nullable,
  nullableValue,
  number,
  objectOf,
  oneOfValues,
  personal,
  text,
  uuid,
} from './primitives';

/** Free text sealed at rest: reads as `[erased]` once the referral's personal data is erased. */
const sealedText: SchemaObject = { type: 'string', description: 'Sealed at rest; `[erased]` after erasure' };

/** What a referrer sees of their own referral (`referralStatusView`). */
const STATUS_FIELDS: Record<string, SchemaObject> = {
  id: uuid,
  version: { type: 'integer', minimum: 1, description: 'Also the ETag' },
  status: oneOfValues(REFERRAL_STATUSES),
  receivedAt: dateTime,
  acceptedAt: nullable(dateTime),
  declinedAt: nullable(dateTime),
  declineReason: nullable(sealedText),
  signpostedTo: nullable(text),
  endedAt: nullable(dateTime),
  endReason: nullableValue(END_REASONS),
};

export const REFERRAL_STATUS_VIEW = objectOf(STATUS_FIELDS, {
  closed: true,
  description: "A referrer's view of a referral they made: where it is, not what happens in it",
});

const SOURCE = objectOf(
  {
    kind: oneOfValues(REFERRAL_SOURCE_KINDS),
    organisationCode: { type: 'string', description: 'ODS code' },
    referrerName: sealedText,
  },
  { optional: ['organisationCode', 'referrerName'] },
);

const YOUNG_PERSON = objectOf(
  {
    givenName: text,
    familyName: text,
    dateOfBirth: personal(date, 'YYYY-MM-DD; `[erased]` once the personal data is erased'),
    nhsNumber: personal({ pattern: '^\\d{10}$' }, '10 digits, no spaces; `[erased]` after erasure'),
    postcode: text,
    gender: text,
    ethnicity: text,
    ageYears: nullable(integer, 'Whole years when the referral was received; null once erased'),
  },
  { optional: ['nhsNumber', 'postcode', 'gender', 'ethnicity'] },
);

const PARENT_CARER: SchemaObject = {
  description: 'Sealed whole: the string `[erased]` once the personal data is erased',
  oneOf: [
    {
      ...objectOf(
        { name: text, relationship: text, phone: text, email: text },
        { optional: ['phone', 'email'] },
      ),
      nullable: true,
    },
    { type: 'string', enum: SENTINELS },
  ],
};

const REASON_AS_SENT = objectOf(
  {
    reason: oneOfValues(REFERRAL_REASONS),
    mapped: boolean,
    via: oneOfValues(['reasonCode', 'reasonReference']),
    codings: arrayOf(
      objectOf(
        { system: text, code: text, display: sealedText },
        { optional: ['system', 'code', 'display'] },
      ),
    ),
    text: sealedText,
  },
  { optional: ['codings', 'text'] },
);

const scopes = arrayOf(oneOfValues(CONSENT_SCOPES));

const CONSENT = objectOf({
  scopes,
  givenBy: nullableValue(CONSENT_GIVERS),
  basis: nullableValue(CONSENT_BASES),
  obtainedAt: nullable(dateTime),
  competenceAssessedBy: nullable(text),
  records: arrayOf(
    objectOf(
      {
        at: dateTime,
        givenBy: oneOfValues(CONSENT_GIVERS),
        basis: oneOfValues(CONSENT_BASES),
        scopes,
        competenceAssessedBy: text,
      },
      { optional: ['competenceAssessedBy'] },
    ),
  ),
  withdrawals: arrayOf(objectOf({ at: dateTime, scopes })),
});

const goalScore: SchemaObject = { type: 'number', minimum: 0, maximum: 10 };

const GOAL = objectOf({
  id: uuid,
  description: sealedText,
  need: nullableValue(REFERRAL_REASONS, 'The need the goal works on (a referral reason), when given'),
  setAt: dateTime,
  firstScore: nullable(goalScore),
  latestScore: nullable(goalScore),
  scores: arrayOf(objectOf({ at: dateTime, score: goalScore })),
});

const SESSION = objectOf({
  sessionId: uuid,
  at: dateTime,
  format: oneOfValues(SESSION_FORMATS),
  setting: oneOfValues(SESSION_SETTINGS),
  durationMinutes: count,
  attended: boolean,
  activities: arrayOf(sealedText),
});

const SESSIONS = objectOf({
  total: count,
  attended: count,
  firstAttendedAt: nullable(dateTime),
  lastSessionAt: nullable(dateTime),
  items: arrayOf(SESSION),
});

/** A number for every measure but ONS4, whose score is its items. */
export const OUTCOME_SCORE: SchemaObject = {
  oneOf: [
    number,
    objectOf(
      Object.fromEntries(ONS4_ITEMS.map((item) => [item, { type: 'integer', minimum: 0, maximum: 10 }])),
      {
        optional: ['anxiety'],
        closed: true,
      },
    ),
  ],
};

const OUTCOME = objectOf(
  {
    outcomeId: uuid,
    at: dateTime,
    measure: oneOfValues(OUTCOME_MEASURES),
    rater: oneOfValues(RATERS),
    score: OUTCOME_SCORE,
    voided: { type: 'boolean', description: 'Present (true) once voided: left out of every report' },
  },
  { optional: ['voided'] },
);

const HANDOFF = objectOf(
  {
    handoffId: uuid,
    target: oneOfValues(HANDOFF_TARGETS),
    reason: sealedText,
    urgency: oneOfValues(URGENCIES),
    status: oneOfValues(['requested', 'acknowledged', 'rejected']),
    requestedAt: dateTime,
    answeredAt: dateTime,
    reference: { type: 'string', description: "The partner's own case reference" },
    rejectionReason: sealedText,
    consentScope: nullableValue(CONSENT_SCOPES, 'null when shared under safeguarding'),
    safeguarding: boolean,
  },
  { optional: ['answeredAt', 'reference', 'rejectionReason'] },
);

const APPOINTMENT = objectOf(
  {
    appointmentId: uuid,
    bookedAt: dateTime,
    startsAt: dateTime,
    format: oneOfValues(SESSION_FORMATS),
    setting: oneOfValues(SESSION_SETTINGS),
    durationMinutes: count,
    status: oneOfValues(['booked', 'attended', 'did_not_attend', 'cancelled']),
    closedAt: dateTime,
    cancelledBy: oneOfValues(APPOINTMENT_CANCELLERS),
  },
  { optional: ['closedAt', 'cancelledBy'] },
);

/** The fields of the whole case (`referralView`), as the people working on it see it. */
const CASE_FIELDS: Record<string, SchemaObject> = {
  ...STATUS_FIELDS,
  source: SOURCE,
  youngPerson: YOUNG_PERSON,
  parentCarer: PARENT_CARER,
  reasons: arrayOf(oneOfValues(REFERRAL_REASONS)),
  reasonsAsSent: arrayOf(REASON_AS_SENT, 'The reasons as a FHIR sender coded them (empty otherwise)'),
  urgency: oneOfValues(URGENCIES),
  pcnCode: nullable(text),
  schoolUrn: nullable(text),
  notes: nullable(sealedText),
  linkWorkerId: nullable(text),
  consent: CONSENT,
  goals: arrayOf(GOAL),
  sessions: SESSIONS,
  outcomes: arrayOf(OUTCOME),
  handoffs: arrayOf(HANDOFF),
  appointments: arrayOf(APPOINTMENT),
  prescriptions: arrayOf(PRESCRIPTION, 'Community services prescribed from the directory, with their uptake'),
  episode: objectOf({ number: { type: 'integer', minimum: 1 }, previousReferralId: nullable(uuid) }),
};

/** The whole case (`referralView`): the state of a referral's history. */
export const REFERRAL_VIEW = objectOf(CASE_FIELDS, { closed: true });

/** Duplicate and data-quality flags worked out from the identity index when read. */
export const FLAG_FIELDS: Record<string, SchemaObject> = {
  possibleDuplicateOf: arrayOf(
    objectOf({ referralId: uuid, reason: oneOfValues(['nhs_number', 'name_and_date_of_birth']) }),
    'Earlier open referrals of the same young person',
  ),
  dataQuality: arrayOf(
    objectOf({
      issue: oneOfValues(['demographics_differ']),
      referralId: uuid,
      fields: arrayOf(oneOfValues(['name', 'dateOfBirth'])),
    }),
    'Referrals with the same NHS number under another name or date of birth',
  ),
  previousEpisodes: arrayOf(
    objectOf({ referralId: uuid, status: oneOfValues(REFERRAL_STATUSES), receivedAt: dateTime }),
    'Earlier closed referrals of the same young person',
  ),
};

/** `GET /v1/referrals/{id}` for link workers, service managers and auditors. */
export const REFERRAL_DETAIL = objectOf({ ...CASE_FIELDS, ...FLAG_FIELDS }, { closed: true });
