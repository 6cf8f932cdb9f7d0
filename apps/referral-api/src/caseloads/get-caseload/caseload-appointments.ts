import type { ReferralSummary } from '@app/read-models';

/** Missed appointments (did not attend) at which a young person is flagged on the caseload. */
export const DID_NOT_ATTEND_FLAG_AT = 2;

/**
 * What a caseload shows of a referral's appointments: the next one still booked to start now or later
 * (or null), and whether the young person did not attend twice or more
 * (docs/domain.md#appointments-and-did-not-attend).
 */
export function caseloadAppointments(
  s: ReferralSummary,
  now: string,
): { nextAppointment: { appointmentId: string; startsAt: string } | null; didNotAttendTwice: boolean } {
  const next = (s.appointments ?? [])
    .filter((a) => a.status === 'booked' && a.startsAt >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
  return {
    nextAppointment: next ? { appointmentId: next.appointmentId, startsAt: next.startsAt } : null,
    didNotAttendTwice: (s.appointmentCounts?.didNotAttend ?? 0) >= DID_NOT_ATTEND_FLAG_AT,
  };
}
