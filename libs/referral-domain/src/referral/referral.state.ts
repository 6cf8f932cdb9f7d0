import type { PrescriptionState } from './referral.prescriptions';
import type { AppointmentState } from './referral.appointments.evolve';
import type { OutcomeScore, ReferralDetails } from './referral.events';
import type { Episode } from './referral.episodes';
import type {
  ConsentBasis,
  ConsentGiver,
  ConsentScope,
  EndReason,
  HandoffTarget,
  OutcomeMeasure,
  Rater,
  ReferralReason,
  ReferralStatus,
  SessionFormat,
  SessionSetting,
  WithdrawalReason,
  Urgency,
} from './referral.vocabulary';

export type ConsentRecord = {
  at: string;
  givenBy: ConsentGiver;
  basis: ConsentBasis;
  scopes: ConsentScope[];
  competenceAssessedBy?: string;
};
export type ConsentState = {
  scopes: ConsentScope[];
  records: ConsentRecord[];
  withdrawals: { at: string; scopes: ConsentScope[] }[];
};
export type GoalState = {
  goalId: string;
  description: string;
  /** The need (a referral reason) the goal works on, when the link worker gave one. */
  need?: ReferralReason;
  setAt: string;
  scores: { at: string; score: number }[];
};
export type SessionRecord = {
  sessionId: string;
  at: string;
  format: SessionFormat;
  setting: SessionSetting;
  durationMinutes: number;
  attended: boolean;
  activities: string[];
};
export type OutcomeRecord = {
  outcomeId: string;
  at: string;
  measure: OutcomeMeasure;
  rater: Rater;
  score: OutcomeScore;
  /** Voided: recorded in error, left out of every report. */
  voided?: boolean;
};
export type HandoffState = {
  handoffId: string;
  target: HandoffTarget;
  reason: string;
  urgency: Urgency;
  status: 'requested' | 'acknowledged' | 'rejected';
  requestedAt: string;
  answeredAt?: string;
  reference?: string;
  rejectionReason?: string;
  consentScope: ConsentScope | null;
  safeguarding: boolean;
};

export type OpenReferral = ReferralDetails & {
  status: ReferralStatus;
  referralId: string;
  receivedAt: string;
  linkWorkerId?: string;
  acceptedAt?: string;
  declinedAt?: string;
  declineReason?: string;
  withdrawnAt?: string;
  withdrawalReason?: WithdrawalReason;
  /** The team it was transferred to (absent: the team its PCN routes to). */
  team?: string;
  /** A re-referral's episode (absent for a first referral). */
  episode?: Episode;
  mergedAt?: string;
  /** The open referral this one was merged into as a duplicate. */
  mergedInto?: string;
  /** Referrals a link worker found to be separate episodes, not duplicates of this one. */
  keptApartFrom?: string[];
  signpostedTo?: string;
  consent: ConsentState;
  goals: GoalState[];
  sessions: SessionRecord[];
  outcomes: OutcomeRecord[];
  handoffs: HandoffState[];
  appointments: AppointmentState[];
  /** Community services prescribed from the directory, and their uptake. */
  prescriptions: PrescriptionState[];
  endedAt?: string;
  endReason?: EndReason;
  legalHold?: { at: string; reason: string };
  erasedAt?: string;
};

/** A referral's state: nothing before `ReferralReceived`, then the folded record. */
export type Referral = { status: 'none' } | OpenReferral;

export const initialState: Referral = { status: 'none' };

export function isReceived(state: Referral): state is OpenReferral {
  return state.status !== 'none';
}
