import type {
  HandoffRejected,
  HandoffRequested,
  ReferralDeclined,
  ReferralReceived,
  SessionHeld,
  YoungPerson,
} from './referral.events';

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
  'notes',
];
const sessionHeld: readonly (keyof SessionHeld['data'])[] = ['notes'];
// Free text written about a child can disclose anything, so it is sealed like the notes. Goal
// descriptions stay in the clear: their scores feed outcome measures, which must survive erasure.
const referralDeclined: readonly (keyof ReferralDeclined['data'])[] = ['reason'];
const handoffRequested: readonly (keyof HandoffRequested['data'] | 'safeguarding.justification')[] = [
  'reason',
  'safeguarding.justification',
];
const handoffRejected: readonly (keyof HandoffRejected['data'])[] = ['reason'];

/**
 * The personal data in each event type: names, date of birth, NHS number, postcode, gender,
 * ethnicity, parent/carer contact and free-text notes. Types not listed hold none. Old events
 * stay readable when this list changes, because each stored event records which fields it sealed.
 */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly PersonalFieldPath[]>> = {
  ReferralReceived: referralReceived,
  SessionHeld: sessionHeld,
  ReferralDeclined: referralDeclined,
  HandoffRequested: handoffRequested,
  HandoffRejected: handoffRejected,
};
