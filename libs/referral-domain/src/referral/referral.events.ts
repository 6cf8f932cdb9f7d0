import type {
  ConsentBasis,
  ConsentGiver,
  ConsentScope,
  EndReason,
  HandoffTarget,
  OutcomeMeasure,
  Rater,
  ReferralReason,
  ReferralSourceKind,
  SessionFormat,
  SessionSetting,
  Urgency,
  WithdrawalReason,
} from './referral.vocabulary';
import { APPOINTMENT_EVENT_TYPES } from './referral.appointments.events';
import type { AppointmentEvent } from './referral.appointments.events';
import { DUPLICATE_EVENT_TYPES } from './referral.duplicates';
import { CORRECTION_EVENT_TYPES } from './referral.corrections';
import type { CorrectionEvent } from './referral.corrections';
import type { Episode } from './referral.episodes';
import { TRANSFER_EVENT_TYPES } from './referral.transfers';
import type { ReferralTransferred } from './referral.transfers';
import { AMENDMENT_EVENT_TYPES } from './referral.amendments';
import type { AmendmentEvent } from './referral.amendments';
import type { DuplicateEvent } from './referral.duplicates';
import { PRESCRIPTION_EVENT_TYPES } from './referral.prescriptions';
import type { PrescriptionEvent } from './referral.prescriptions';

export type ReferralSource = { kind: ReferralSourceKind; organisationCode?: string; referrerName?: string };
export type YoungPerson = {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber?: string;
  postcode?: string;
  gender?: string;
  ethnicity?: string;
};
/** One coding of a reason as the sender coded it (e.g. SNOMED CT), kept as sent. */
export type CodingAsSent = { system?: string; code?: string; display?: string };
/**
 * One reason as the sender gave it (a coded concept, a Condition it referenced, or free text) and the
 * service reason it maps to; `mapped` is false when nothing in the concept map matched (reason `other`).
 */
export type ReasonAsSent = {
  reason: ReferralReason;
  mapped: boolean;
  via: 'reasonCode' | 'reasonReference';
  codings?: CodingAsSent[];
  text?: string;
};
export type ParentCarer = { name: string; relationship: string; phone?: string; email?: string };
export type Ons4Score = { lifeSatisfaction: number; worthwhile: number; happiness: number; anxiety?: number };
export type OutcomeScore = number | Ons4Score;
/** A goal set with the young person; `need` (a referral reason) links it to the directory's needs taxonomy. */
export type Goal = { goalId: string; description: string; score: number; need?: ReferralReason };

/** What a referrer tells the service about the young person and why they are referred. */
export type ReferralDetails = {
  source: ReferralSource;
  youngPerson: YoungPerson;
  parentCarer?: ParentCarer;
  reasons: ReferralReason[];
  /** The reasons as a FHIR sender coded them, codes and texts kept even where no service reason fits. */
  reasonsAsSent?: ReasonAsSent[];
  pcnCode?: string;
  schoolUrn?: string;
  urgency: Urgency;
  notes?: string;
};

export type ReferralReceived = {
  type: 'ReferralReceived';
  data: ReferralDetails & {
    referralId: string;
    receivedAt: string;
    /** A re-referral: which episode of support this is, and the closed referral it follows. */
    episode?: Episode;
    /** Whole years at referral: kept in the clear so statistics survive erasure of the date of birth. */
    ageAtReferral?: number;
  };
};
export type ReferralAccepted = {
  type: 'ReferralAccepted';
  data: { referralId: string; at: string; linkWorkerId: string; snomedCode: string };
};
export type ReferralDeclined = {
  type: 'ReferralDeclined';
  data: { referralId: string; at: string; reason: string; signpostedTo?: string; snomedCode: string };
};
/** The referrer took the referral back before it was accepted; `note` is sealed free text. */
export type ReferralWithdrawn = {
  type: 'ReferralWithdrawn';
  data: { referralId: string; at: string; reason: WithdrawalReason; note?: string };
};
export type LinkWorkerAssigned = {
  type: 'LinkWorkerAssigned';
  data: { referralId: string; at: string; linkWorkerId: string; previousLinkWorkerId?: string };
};
export type ConsentObtained = {
  type: 'ConsentObtained';
  data: {
    referralId: string;
    at: string;
    givenBy: ConsentGiver;
    basis: ConsentBasis;
    scopes: ConsentScope[];
    competenceAssessedBy?: string;
  };
};
export type ConsentWithdrawn = {
  type: 'ConsentWithdrawn';
  data: { referralId: string; at: string; scopes: ConsentScope[] };
};
export type GoalsSet = { type: 'GoalsSet'; data: { referralId: string; at: string; goals: Goal[] } };
export type GoalScoreRecorded = {
  type: 'GoalScoreRecorded';
  data: { referralId: string; at: string; goalId: string; score: number };
};
export type SessionHeld = {
  type: 'SessionHeld';
  data: {
    referralId: string;
    sessionId: string;
    at: string;
    format: SessionFormat;
    setting: SessionSetting;
    durationMinutes: number;
    attended: boolean;
    activities: string[];
    notes?: string;
  };
};
export type OutcomeRecorded = {
  type: 'OutcomeRecorded';
  data: {
    referralId: string;
    outcomeId: string;
    at: string;
    measure: OutcomeMeasure;
    rater: Rater;
    score: OutcomeScore;
  };
};
export type HandoffRequested = {
  type: 'HandoffRequested';
  data: {
    referralId: string;
    handoffId: string;
    at: string;
    target: HandoffTarget;
    reason: string;
    urgency: Urgency;
    /** The consent scope that allows the share, or null when shared under safeguarding. */
    consentScope: ConsentScope | null;
    safeguarding?: { justification: string };
  };
};
export type HandoffAcknowledged = {
  type: 'HandoffAcknowledged';
  data: { referralId: string; handoffId: string; at: string; reference?: string };
};
export type HandoffRejected = {
  type: 'HandoffRejected';
  data: { referralId: string; handoffId: string; at: string; reason?: string };
};
export type ReferralEnded = {
  type: 'ReferralEnded';
  data: { referralId: string; at: string; reason: EndReason };
};

export type LegalHoldPlaced = {
  type: 'LegalHoldPlaced';
  data: { referralId: string; at: string; reason: string };
};
export type LegalHoldLifted = {
  type: 'LegalHoldLifted';
  data: { referralId: string; at: string; reason: string };
};
export type PersonalDataErased = {
  type: 'PersonalDataErased';
  data: { referralId: string; at: string; reason: string; basis: 'manual' | 'retention' };
};

export type ReferralEvent =
  | ReferralReceived
  | ReferralAccepted
  | ReferralDeclined
  | ReferralWithdrawn
  | LinkWorkerAssigned
  | ConsentObtained
  | ConsentWithdrawn
  | GoalsSet
  | GoalScoreRecorded
  | SessionHeld
  | OutcomeRecorded
  | HandoffRequested
  | HandoffAcknowledged
  | HandoffRejected
  | ReferralEnded
  | LegalHoldPlaced
  | LegalHoldLifted
  | PersonalDataErased
  | AppointmentEvent
  | DuplicateEvent
  | CorrectionEvent
  | ReferralTransferred
  | AmendmentEvent
  | PrescriptionEvent;

export type ReferralEventType = ReferralEvent['type'];

export const REFERRAL_EVENT_TYPES: readonly ReferralEventType[] = [
  'ReferralReceived',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'LinkWorkerAssigned',
  'ConsentObtained',
  'ConsentWithdrawn',
  'GoalsSet',
  'GoalScoreRecorded',
  'SessionHeld',
  'OutcomeRecorded',
  'HandoffRequested',
  'HandoffAcknowledged',
  'HandoffRejected',
  'ReferralEnded',
  'LegalHoldPlaced',
  'LegalHoldLifted',
  'PersonalDataErased',
  ...APPOINTMENT_EVENT_TYPES,
  ...DUPLICATE_EVENT_TYPES,
  ...CORRECTION_EVENT_TYPES,
  ...TRANSFER_EVENT_TYPES,
  ...AMENDMENT_EVENT_TYPES,
  ...PRESCRIPTION_EVENT_TYPES,
];

/** Schema version of each event type's data; bump with a new type name for breaking changes. */
export const REFERRAL_EVENT_SCHEMA_VERSION = 1;
