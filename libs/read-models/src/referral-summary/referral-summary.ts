import type { RecordedEthnicity, RecordedGender } from './equity-groups';
import type { AppointmentCounts, SummaryAppointment } from './referral-summary.appointments';

/** One referral as the caseload and report read models see it. Times are ISO strings. */
/** A social prescription as the caseload shows it: the directory service and what became of it. */
export type PrescriptionSummary = {
  prescriptionId: string;
  serviceId: string;
  prescribedAt: string;
  /** The last uptake recorded (attended, did_not_attend, declined, still_attending); null until one is. */
  uptake: string | null;
};

export type ReferralSummary = {
  referralId: string;
  status: 'received' | 'accepted' | 'active' | 'declined' | 'withdrawn' | 'merged' | 'ended';
  linkWorkerId: string | null;
  /**
   * The young person's name and date of birth, never in the clear: the sealed envelope of the
   * referral's ReferralReceived (ciphertext under the referral's data key), opened when the row is
   * read. Null once the personal data is erased.
   */
  sealedIdentity: SealedIdentity | null;
  /** Clock stops recorded beyond the back-dating window as corrections (absent in rows built before it was counted). */
  backdatedClockStops?: number;
  /** Age in whole years when referred; -1 when the event did not record it. */
  ageAtReferral: number;
  /**
   * The recorded gender and ethnicity as coded groups for the equity report, never the text recorded;
   * absent when not recorded, after erasure, and in rows built before they were kept (a rebuild fills them).
   */
  genderGroup?: RecordedGender;
  ethnicGroup?: RecordedEthnicity;
  sourceKind: string;
  /** The referrer's ODS code, when given (absent in rows built before it was kept). */
  sourceOrganisation?: string | null;
  /** `urgent` or `routine` (absent in rows built before it was kept: read as routine). */
  urgency?: string;
  /** Coded reasons for referral (absent in rows built before they were kept). */
  reasons?: string[];
  pcnCode: string | null;
  receivedAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  /** When the referrer withdrew it (absent in rows built before withdrawal existed). */
  withdrawnAt?: string | null;
  /** When it was merged, as a duplicate, into the open referral `mergedInto`. */
  mergedAt?: string | null;
  mergedInto?: string | null;
  /** The team it was transferred to (absent: its PCN decides). */
  team?: string | null;
  endedAt: string | null;
  endReason: string | null;
  goalsSetAt: string | null;
  /** Attended session times, sorted; sessions may be recorded late, out of order. */
  attendedSessions: string[];
  lastSessionAt: string | null;
  firstContactAt: string | null;
  secondContactAt: string | null;
  helpStartedAt: string | null;
  /** Social prescriptions (absent in rows built before they existed). */
  prescriptions?: PrescriptionSummary[];
  scores: OutcomeScoreEntry[];
  /** Each session's time and attendance by id, so an amendment can recompute the clocks (absent in older rows). */
  sessionLog?: Record<string, { at: string; attended: boolean }>;
  /** Appointments booked and how each ended (absent in rows built before appointments existed). */
  appointments?: SummaryAppointment[];
  /** Attended, did-not-attend and cancelled counts of those appointments (absent likewise). */
  appointmentCounts?: AppointmentCounts;
};

/** An envelope of personal values as stored in an event (`kid`, `fields`, `iv`, `tag`, `ct`). */
export type SealedIdentity = { readonly kid: string } & Readonly<Record<string, unknown>>;

/** Where the identity's values sit in the opened envelope. */
export const IDENTITY_FIELDS = {
  givenName: 'youngPerson.givenName',
  familyName: 'youngPerson.familyName',
  dateOfBirth: 'youngPerson.dateOfBirth',
  postcode: 'youngPerson.postcode',
} as const;

/** One score: `series` separates goals (GBO per goal) so first and last pair per series. */
export type OutcomeScoreEntry = {
  /** The outcome's id (outcome measures; goal scores have none), so an amendment finds it. */
  id?: string;
  measure: string;
  rater: string;
  series: string;
  score: number | Record<string, number>;
  at: string;
};

export type AgeBand = '5-10' | '11-15' | '16-19' | 'other';

export function ageBand(age: number): AgeBand {
  if (age >= 5 && age <= 10) return '5-10';
  if (age >= 11 && age <= 15) return '11-15';
  if (age >= 16 && age <= 19) return '16-19';
  return 'other';
}

/** The contact clocks from the attended sessions: first, second, and the first on or after goals were set. */
export function withClocks(s: ReferralSummary): ReferralSummary {
  const sessions = s.attendedSessions;
  const help = s.goalsSetAt === null ? undefined : sessions.find((at) => at >= s.goalsSetAt!);
  return {
    ...s,
    firstContactAt: sessions[0] ?? null,
    secondContactAt: sessions[1] ?? null,
    helpStartedAt: help ?? null,
  };
}
