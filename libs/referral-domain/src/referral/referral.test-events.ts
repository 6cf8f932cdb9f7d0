import { ageInYears } from '../shared/dates';
import type { IntakePolicy } from './referral.commands';
import type {
  ConsentObtained,
  ConsentWithdrawn,
  GoalScoreRecorded,
  GoalsSet,
  HandoffAcknowledged,
  HandoffRejected,
  HandoffRequested,
  LinkWorkerAssigned,
  OutcomeRecorded,
  ParentCarer,
  ReferralAccepted,
  ReferralDeclined,
  ReferralWithdrawn,
  ReferralEnded,
  ReferralEvent,
  ReferralReceived,
  ReferralSource,
  SessionHeld,
  YoungPerson,
} from './referral.events';

export const REFERRAL_ID = 'referral-0001';
export const RECEIVED_AT = '2026-03-02T09:00:00.000Z';
/** The handler's clock for every command unless a test says otherwise: well after every default `at`. */
export const NOW = '2026-06-01T12:00:00.000Z';
export const DEFAULT_POLICY: IntakePolicy = { minAgeYears: 5, maxAgeYears: 19 };

/** `n` days after the referral was received (2 March 2026), at the given UTC time. */
export function day(n: number, time = '10:00:00.000'): string {
  return new Date(Date.parse(`2026-03-02T${time}Z`) + n * 86_400_000).toISOString();
}

export const plusMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/** 13 when referred; turns 14 on 10 May 2026. */
export const YOUNG_PERSON: YoungPerson = {
  givenName: 'Sam',
  familyName: 'Example',
  dateOfBirth: '2012-05-10',
  nhsNumber: '9434765919',
  postcode: 'LA1 1AA',
};
/** 15 when referred; turns 16 on 20 March 2026, i.e. day(18). */
export const NEARLY_SIXTEEN: YoungPerson = { ...YOUNG_PERSON, dateOfBirth: '2010-03-20' };
/** 17 throughout. */
export const SEVENTEEN: YoungPerson = { ...YOUNG_PERSON, dateOfBirth: '2008-11-01' };
export const SOURCE: ReferralSource = { kind: 'gp', organisationCode: 'A81001', referrerName: 'Dr Jones' };
export const PARENT: ParentCarer = { name: 'Alex Example', relationship: 'mother', phone: '07700900123' };

export type Data<E extends ReferralEvent> = Partial<E['data']>;

export const events = {
  received: (o: Data<ReferralReceived> = {}): ReferralReceived => {
    const youngPerson = o.youngPerson ?? YOUNG_PERSON;
    return {
      type: 'ReferralReceived',
      data: {
        referralId: REFERRAL_ID,
        receivedAt: RECEIVED_AT,
        source: SOURCE,
        youngPerson,
        parentCarer: PARENT,
        reasons: ['anxiety', 'low_mood'],
        pcnCode: 'U12345',
        urgency: 'routine',
        ageAtReferral: ageInYears(youngPerson.dateOfBirth, o.receivedAt ?? RECEIVED_AT),
        ...o,
      },
    };
  },
  accepted: (o: Data<ReferralAccepted> = {}): ReferralAccepted => ({
    type: 'ReferralAccepted',
    data: {
      referralId: REFERRAL_ID,
      at: day(1),
      linkWorkerId: 'lw-ada',
      snomedCode: '871731000000106',
      ...o,
    },
  }),
  withdrawn: (o: Data<ReferralWithdrawn> = {}): ReferralWithdrawn => ({
    type: 'ReferralWithdrawn',
    data: {
      referralId: REFERRAL_ID,
      at: day(1),
      reason: 'referred_elsewhere',
      note: 'Family chose Kooth',
      ...o,
    },
  }),
  declined: (o: Data<ReferralDeclined> = {}): ReferralDeclined => ({
    type: 'ReferralDeclined',
    data: {
      referralId: REFERRAL_ID,
      at: day(1),
      reason: 'Needs urgent CAMHS',
      snomedCode: '871711000000103',
      ...o,
    },
  }),
  linkWorkerAssigned: (o: Data<LinkWorkerAssigned> = {}): LinkWorkerAssigned => ({
    type: 'LinkWorkerAssigned',
    data: {
      referralId: REFERRAL_ID,
      at: day(2),
      linkWorkerId: 'lw-bo',
      previousLinkWorkerId: 'lw-ada',
      ...o,
    },
  }),
  consentObtained: (o: Data<ConsentObtained> = {}): ConsentObtained => ({
    type: 'ConsentObtained',
    data: {
      referralId: REFERRAL_ID,
      at: day(2),
      givenBy: 'parent_carer',
      basis: 'parental_responsibility',
      scopes: ['support'],
      ...o,
    },
  }),
  consentWithdrawn: (o: Data<ConsentWithdrawn> = {}): ConsentWithdrawn => ({
    type: 'ConsentWithdrawn',
    data: { referralId: REFERRAL_ID, at: day(5), scopes: ['support'], ...o },
  }),
  goalsSet: (o: Data<GoalsSet> = {}): GoalsSet => ({
    type: 'GoalsSet',
    data: {
      referralId: REFERRAL_ID,
      at: day(3),
      goals: [{ goalId: 'g1', description: 'Join a club', score: 2 }],
      ...o,
    },
  }),
  goalScoreRecorded: (o: Data<GoalScoreRecorded> = {}): GoalScoreRecorded => ({
    type: 'GoalScoreRecorded',
    data: { referralId: REFERRAL_ID, at: day(4), goalId: 'g1', score: 5, ...o },
  }),
  sessionHeld: (o: Data<SessionHeld> = {}): SessionHeld => ({
    type: 'SessionHeld',
    data: {
      referralId: REFERRAL_ID,
      sessionId: 's1',
      at: day(4),
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
      attended: true,
      activities: ['football'],
      ...o,
    },
  }),
  outcomeRecorded: (o: Data<OutcomeRecorded> = {}): OutcomeRecorded => ({
    type: 'OutcomeRecorded',
    data: {
      referralId: REFERRAL_ID,
      outcomeId: 'o1',
      at: day(4),
      measure: 'ORS',
      rater: 'young_person',
      score: 21,
      ...o,
    },
  }),
  handoffRequested: (o: Data<HandoffRequested> = {}): HandoffRequested => ({
    type: 'HandoffRequested',
    data: {
      referralId: REFERRAL_ID,
      handoffId: 'h1',
      at: day(4),
      target: 'camhs',
      reason: 'Low mood persists',
      urgency: 'routine',
      consentScope: 'share_with_camhs',
      ...o,
    },
  }),
  handoffAcknowledged: (o: Data<HandoffAcknowledged> = {}): HandoffAcknowledged => ({
    type: 'HandoffAcknowledged',
    data: { referralId: REFERRAL_ID, handoffId: 'h1', at: day(6), reference: 'CAMHS-42', ...o },
  }),
  handoffRejected: (o: Data<HandoffRejected> = {}): HandoffRejected => ({
    type: 'HandoffRejected',
    data: { referralId: REFERRAL_ID, handoffId: 'h1', at: day(6), reason: 'Below threshold', ...o },
  }),
  ended: (o: Data<ReferralEnded> = {}): ReferralEnded => ({
    type: 'ReferralEnded',
    data: { referralId: REFERRAL_ID, at: day(8), reason: 'goals_achieved', ...o },
  }),
};

export const aReceivedReferral = (o: Data<ReferralReceived> = {}): ReferralEvent[] => [events.received(o)];
export const anAcceptedReferral = (o: Data<ReferralReceived> = {}): ReferralEvent[] => [
  ...aReceivedReferral(o),
  events.accepted(),
];
/** Accepted, and support consented by a parent (the default young person is 13). */
export const anActiveReferral = (o: Data<ReferralReceived> = {}): ReferralEvent[] => [
  ...anAcceptedReferral(o),
  events.consentObtained(),
];
export const aDeclinedReferral = (): ReferralEvent[] => [...aReceivedReferral(), events.declined()];
export const anEndedReferral = (): ReferralEvent[] => [...anActiveReferral(), events.ended()];
