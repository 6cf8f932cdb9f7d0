import type { AppointmentCommand } from './referral.appointments.commands';
import type { PrescriptionCommand } from './referral.prescriptions';
import type { ResolveDuplicate } from './referral.duplicates';
import type { CorrectDemographics } from './referral.corrections';
import type { PreviousReferral } from './referral.episodes';
import type { TransferReferral } from './referral.transfers';
import type { AmendmentCommand } from './referral.amendments';
import type { Goal, OutcomeScore, ReferralDetails } from './referral.events';
import type {
  ConsentBasis,
  ConsentGiver,
  ConsentScope,
  EndReason,
  HandoffTarget,
  OutcomeMeasure,
  Rater,
  SessionFormat,
  SessionSetting,
  Urgency,
  WithdrawalReason,
} from './referral.vocabulary';

/** Every command carries the time the thing happened (`at`) and the clock reading of the handler (`now`). */
type Timed = { referralId: string; at: string; now: string };

/** Service rules that vary by commissioning contract; they come in with the command. */
export type IntakePolicy = { minAgeYears: number; maxAgeYears: number };

export type ReceiveReferral = ReferralDetails & {
  type: 'ReceiveReferral';
  referralId: string;
  now: string;
  policy: IntakePolicy;
  receivedAt: string;
  /** A re-referral: the closed referral it follows, as the application layer found it. */
  previous?: PreviousReferral;
};
export type AcceptReferral = Timed & { type: 'AcceptReferral'; linkWorkerId: string };
export type DeclineReferral = Timed & { type: 'DeclineReferral'; reason: string; signpostedTo?: string };
/** The referrer takes back a referral not yet accepted. */
export type WithdrawReferral = Timed & { type: 'WithdrawReferral'; reason: WithdrawalReason; note?: string };
export type AssignLinkWorker = Timed & { type: 'AssignLinkWorker'; linkWorkerId: string };
export type ObtainConsent = Timed & {
  type: 'ObtainConsent';
  givenBy: ConsentGiver;
  basis: ConsentBasis;
  scopes: ConsentScope[];
  competenceAssessedBy?: string;
};
/** Without scopes, every scope currently given is withdrawn. */
export type WithdrawConsent = Timed & { type: 'WithdrawConsent'; scopes?: ConsentScope[] };
export type SetGoals = Timed & { type: 'SetGoals'; goals: Goal[] };
export type RecordGoalScore = Timed & { type: 'RecordGoalScore'; goalId: string; score: number };
export type HoldSession = Timed & {
  type: 'HoldSession';
  sessionId: string;
  format: SessionFormat;
  setting: SessionSetting;
  durationMinutes: number;
  attended: boolean;
  activities: string[];
  notes?: string;
};
export type RecordOutcome = Timed & {
  type: 'RecordOutcome';
  outcomeId: string;
  measure: OutcomeMeasure;
  rater: Rater;
  score: OutcomeScore;
};
export type RequestHandoff = Timed & {
  type: 'RequestHandoff';
  handoffId: string;
  target: HandoffTarget;
  reason: string;
  urgency: Urgency;
  safeguarding?: { justification: string };
};
export type AcknowledgeHandoff = Timed & {
  type: 'AcknowledgeHandoff';
  handoffId: string;
  reference?: string;
};
export type RejectHandoff = Timed & { type: 'RejectHandoff'; handoffId: string; reason?: string };
export type EndReferral = Timed & { type: 'EndReferral'; reason: EndReason };

export type PlaceLegalHold = Timed & { type: 'PlaceLegalHold'; reason: string };
export type LiftLegalHold = Timed & { type: 'LiftLegalHold'; reason: string };
export type ErasePersonalData = Timed & {
  type: 'ErasePersonalData';
  reason: string;
  basis: 'manual' | 'retention';
};

export type ReferralCommand =
  | ReceiveReferral
  | AcceptReferral
  | DeclineReferral
  | WithdrawReferral
  | AssignLinkWorker
  | ObtainConsent
  | WithdrawConsent
  | SetGoals
  | RecordGoalScore
  | HoldSession
  | RecordOutcome
  | RequestHandoff
  | AcknowledgeHandoff
  | RejectHandoff
  | EndReferral
  | PlaceLegalHold
  | LiftLegalHold
  | ErasePersonalData
  | AppointmentCommand
  | PrescriptionCommand
  | ResolveDuplicate
  | CorrectDemographics
  | TransferReferral
  | AmendmentCommand;
