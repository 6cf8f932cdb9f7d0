import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
import type {
  AppointmentCounts,
  SummaryAppointment,
} from '../referral-summary/referral-summary.appointments';
import { countAppointments } from '../referral-summary/referral-summary.appointments';
import type { SuppressionPolicy } from './disclosure-control';
import { percentage } from './statistics';

/** Appointments of one group that started in the window, disclosure-controlled; null is a suppressed figure. */
export type AttendanceRow = {
  group: string;
  /** Every appointment that started (or is booked to start) in the window, however it ended. */
  appointments: number | null;
  attended: number | null;
  didNotAttend: number | null;
  /** Did not attend / (attended + did not attend), as a percentage of the exact counts. */
  didNotAttendPct: number | null;
  cancelledByYoungPerson: number | null;
  cancelledByFamily: number | null;
  cancelledByService: number | null;
  /** Still booked: to come, or its attendance not yet recorded. */
  stillBooked: number | null;
  suppressed: boolean;
};

export type AttendanceRows = {
  overall: AttendanceRow;
  byAgeBand: AttendanceRow[];
  bySource: AttendanceRow[];
};

type Tally = AppointmentCounts & { appointments: number; stillBooked: number };

/** Whether an appointment starts on the UTC dates from..to (inclusive). */
const startsWithin = (a: SummaryAppointment, from: string, to: string) =>
  a.startsAt >= `${from}T00:00:00.000Z` && a.startsAt <= `${to}T23:59:59.999Z`;

function tally(appointments: SummaryAppointment[]): Tally {
  return {
    ...countAppointments(appointments),
    appointments: appointments.length,
    stillBooked: appointments.filter((a) => a.status === 'booked').length,
  };
}

function toRow(group: string, t: Tally, policy: SuppressionPolicy): AttendanceRow {
  const held = t.attended + t.didNotAttend;
  const appointments = policy.count(t.appointments);
  // From the exact counts, as every report: withheld when the denominator is too small or the
  // numerator is a suppressed count (docs/domain.md#disclosure-control).
  const rateAllowed =
    policy.statisticAllowed(held) && policy.count(held) !== null && policy.count(t.didNotAttend) !== null;
  return {
    group,
    appointments,
    attended: policy.count(t.attended),
    didNotAttend: policy.count(t.didNotAttend),
    didNotAttendPct: rateAllowed ? percentage(t.didNotAttend, held) : null,
    cancelledByYoungPerson: policy.count(t.cancelledByYoungPerson),
    cancelledByFamily: policy.count(t.cancelledByFamily),
    cancelledByService: policy.count(t.cancelledByService),
    stillBooked: policy.count(t.stillBooked),
    suppressed: appointments === null,
  };
}

function grouped(
  entries: { key: string; appointments: SummaryAppointment[] }[],
  policy: SuppressionPolicy,
): AttendanceRow[] {
  const groups = new Map<string, SummaryAppointment[]>();
  for (const e of entries) groups.set(e.key, [...(groups.get(e.key) ?? []), ...e.appointments]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, appointments]) => toRow(group, tally(appointments), policy));
}

/**
 * Attendance of the appointments that started on the dates from..to, overall, by age band at referral
 * and by source of referral (docs/domain.md#appointments-and-did-not-attend). Groups without an
 * appointment in the window are left out.
 */
export function attendanceRows(
  referrals: readonly ReferralSummary[],
  from: string,
  to: string,
  policy: SuppressionPolicy,
): AttendanceRows {
  const withAppointments = referrals
    .map((s) => ({
      s,
      appointments: (s.appointments ?? []).filter((a) => startsWithin(a, from, to)),
    }))
    .filter((r) => r.appointments.length > 0);
  const all = withAppointments.flatMap((r) => r.appointments);
  return {
    overall: toRow('all', tally(all), policy),
    byAgeBand: grouped(
      withAppointments.map((r) => ({ key: ageBand(r.s.ageAtReferral), appointments: r.appointments })),
      policy,
    ),
    bySource: grouped(
      withAppointments.map((r) => ({ key: r.s.sourceKind, appointments: r.appointments })),
      policy,
    ),
  };
}
