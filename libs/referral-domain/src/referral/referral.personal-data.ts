import type {
  ReferralEvent,
  HandoffRejected,
  HandoffRequested,
  ReferralDeclined,
  ReferralWithdrawn,
  ReferralReceived,
  SessionHeld,
  YoungPerson,
} from './referral.events';
import {
  APPOINTMENT_DATA_CLASSIFICATION,
  APPOINTMENT_PERSONAL_DATA_FIELDS,
} from './referral.appointments.personal-data';

/** Where a personal value sits in an event's `data`: a dotted path such as `youngPerson.givenName`. */
export type PersonalFieldPath = string;

/** What an erased personal field reads as, wherever it is shown or projected. */
export const ERASED = '[erased]';

// Typed against the domain events, so renaming a field there breaks the build here instead of
// silently leaving it in the clear.
const referralReceived: readonly (`youngPerson.${keyof YoungPerson}` | keyof ReferralReceived['data'])[] = [
  'youngPerson.givenName',
  'youngPerson.familyName',
  'youngPerson.dateOfBirth',
  'youngPerson.nhsNumber',
  'youngPerson.postcode',
  'youngPerson.gender',
  'youngPerson.ethnicity',
  'parentCarer',
  'reasonsAsSent',
  'notes',
];
const sessionHeld: readonly (keyof SessionHeld['data'])[] = ['notes'];
const referralDeclined: readonly (keyof ReferralDeclined['data'])[] = ['reason'];
const referralWithdrawn: readonly (keyof ReferralWithdrawn['data'])[] = ['note'];
const handoffRequested: readonly (keyof HandoffRequested['data'] | 'safeguarding.justification')[] = [
  'reason',
  'safeguarding.justification',
];
const handoffRejected: readonly (keyof HandoffRejected['data'])[] = ['reason'];

/**
 * Fields known to be personal in each event type, for reading an event whose envelope cannot be
 * parsed (they show as unreadable). What is sealed on write is decided by `sealedFieldsOf`.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly PersonalFieldPath[]>> = {
  ReferralReceived: referralReceived,
  SessionHeld: sessionHeld,
  ReferralDeclined: referralDeclined,
  ReferralWithdrawn: referralWithdrawn,
  SessionAmended: ['reason'],
  OutcomeAmended: ['reason'],
  OutcomeVoided: ['reason'],
  ReferralTransferred: ['note'],
  ServicePrescribed: ['serviceName', 'note'],
  PrescriptionUptakeRecorded: ['feedback'],
  DemographicsCorrected: [
    'youngPerson.givenName',
    'youngPerson.familyName',
    'youngPerson.dateOfBirth',
    'youngPerson.nhsNumber',
    'youngPerson.postcode',
    'reason',
  ],
  HandoffRequested: handoffRequested,
  HandoffRejected: handoffRejected,
  ...APPOINTMENT_PERSONAL_DATA_FIELDS,
};

/**
 * What stays in the clear in each event type: ids, dates, codes, enums, numbers and scores, which
 * reports, projections and partners need after an erasure. `whole` names objects sealed as one value.
 * Everything else in an event's data is personal and sealed with the referral's key, so a new field
 * (free text above all) is sealed unless someone decides here that it may stay in the clear. Typed
 * by event type: a new event type does not compile until it is classified.
 */
export type DataClassification = { clear: readonly string[]; whole?: readonly string[] };

const ids = ['referralId', 'at'] as const;

export const DATA_CLASSIFICATION: Readonly<Record<ReferralEvent['type'], DataClassification>> = {
  ReferralReceived: {
    clear: [
      'referralId',
      'receivedAt',
      'ageAtReferral',
      'source.kind',
      'source.organisationCode',
      'reasons',
      'pcnCode',
      'schoolUrn',
      'urgency',
      'episode.number',
      'episode.previousReferralId',
      // The codes a sender used are not about the person; their displays and free texts are sealed.
      'reasonsAsSent.*.reason',
      'reasonsAsSent.*.mapped',
      'reasonsAsSent.*.via',
      'reasonsAsSent.*.codings.*.system',
      'reasonsAsSent.*.codings.*.code',
    ],
    whole: ['parentCarer'],
  },
  ReferralAccepted: { clear: [...ids, 'linkWorkerId', 'snomedCode'] },
  ReferralDeclined: { clear: [...ids, 'snomedCode'] },
  ReferralWithdrawn: { clear: [...ids, 'reason'] },
  LinkWorkerAssigned: { clear: [...ids, 'linkWorkerId', 'previousLinkWorkerId'] },
  ConsentObtained: { clear: [...ids, 'givenBy', 'basis', 'scopes'] },
  ConsentWithdrawn: { clear: [...ids, 'scopes'] },
  // Goal scores feed outcome measures, which must survive an erasure; the descriptions are sealed.
  GoalsSet: { clear: [...ids, 'goals.*.goalId', 'goals.*.score'] },
  GoalScoreRecorded: { clear: [...ids, 'goalId', 'score'] },
  SessionHeld: { clear: [...ids, 'sessionId', 'format', 'setting', 'durationMinutes', 'attended'] },
  OutcomeRecorded: { clear: [...ids, 'outcomeId', 'measure', 'rater', 'score'] },
  HandoffRequested: { clear: [...ids, 'handoffId', 'target', 'urgency', 'consentScope'] },
  // The partner's own case reference: an identifier in their system.
  HandoffAcknowledged: { clear: [...ids, 'handoffId', 'reference'] },
  HandoffRejected: { clear: [...ids, 'handoffId'] },
  ReferralEnded: { clear: [...ids, 'reason'] },
  LegalHoldPlaced: { clear: [...ids] },
  LegalHoldLifted: { clear: [...ids] },
  PersonalDataErased: { clear: [...ids, 'basis'] },
  ReferralMerged: { clear: [...ids, 'into'] },
  SessionAmended: {
    clear: [
      ...ids,
      'sessionId',
      'corrects',
      ...['at', 'format', 'setting', 'durationMinutes', 'attended'].flatMap((f) => [
        `changes.${f}`,
        `previous.${f}`,
      ]),
    ],
  },
  OutcomeAmended: { clear: [...ids, 'outcomeId', 'corrects', 'score', 'previousScore'] },
  OutcomeVoided: { clear: [...ids, 'outcomeId', 'corrects'] },
  // The service's id stays in the clear for reports; its name as prescribed is sealed with the note.
  ServicePrescribed: { clear: [...ids, 'prescriptionId', 'serviceId', 'goalIds.*'] },
  PrescriptionUptakeRecorded: {
    clear: [...ids, 'prescriptionId', 'status', 'startedOn', 'endedOn', 'feedbackScore'],
  },
  ReferralTransferred: {
    clear: [...ids, 'reason', 'fromLinkWorkerId', 'toLinkWorkerId', 'fromTeam', 'toTeam'],
  },
  DemographicsCorrected: { clear: [...ids, 'corrects', 'corrected', 'ageAtReferral'] },
  DuplicateKept: { clear: [...ids, 'of'] },
  ...APPOINTMENT_DATA_CLASSIFICATION,
};

const patterns = new Map<string, { clear: ReadonlySet<string>; whole: ReadonlySet<string> }>(
  Object.entries(DATA_CLASSIFICATION).map(([type, c]) => [
    type,
    { clear: new Set(c.clear), whole: new Set(c.whole ?? []) },
  ]),
);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The paths of an event's data to seal: every value not declared clear, as a dotted path with array
 * indexes (`goals.0.description`, `activities.1`); an object declared `whole` as one path. Empty for
 * an event type that is not a referral event (it holds no personal data of a referral).
 */
export function sealedFieldsOf(type: string, data: unknown): PersonalFieldPath[] {
  const classification = patterns.get(type);
  if (classification === undefined || !isObject(data)) return [];
  const sealed: PersonalFieldPath[] = [];
  const walk = (node: unknown, path: string, pattern: string): void => {
    if (node === undefined || classification.clear.has(pattern)) return;
    if (classification.whole.has(pattern)) sealed.push(path);
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}.${i}`, `${pattern}.*`));
    else if (isObject(node))
      for (const [key, value] of Object.entries(node)) walk(value, `${path}.${key}`, `${pattern}.${key}`);
    else sealed.push(path);
  };
  for (const [key, value] of Object.entries(data)) walk(value, key, key);
  return sealed;
}
