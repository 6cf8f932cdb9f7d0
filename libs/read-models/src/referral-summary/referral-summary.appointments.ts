import type { AppointmentCanceller, AppointmentStatus, ReferralEvent } from '@app/referral-domain';
import type { ReferralSummary } from './referral-summary';

/** One appointment as caseloads and attendance reports see it: times and codes, nothing personal. */
export type SummaryAppointment = {
  appointmentId: string;
  startsAt: string;
  status: AppointmentStatus;
  cancelledBy?: AppointmentCanceller;
};

/** How a referral's appointments ended, by outcome and by who cancelled. */
export type AppointmentCounts = {
  attended: number;
  didNotAttend: number;
  cancelledByYoungPerson: number;
  cancelledByFamily: number;
  cancelledByService: number;
};

const CANCELLED_BY: Record<AppointmentCanceller, keyof AppointmentCounts> = {
  young_person: 'cancelledByYoungPerson',
  family: 'cancelledByFamily',
  service: 'cancelledByService',
};

/** The counts of a list of appointments. */
export function countAppointments(appointments: readonly SummaryAppointment[]): AppointmentCounts {
  const counts: AppointmentCounts = {
    attended: 0,
    didNotAttend: 0,
    cancelledByYoungPerson: 0,
    cancelledByFamily: 0,
    cancelledByService: 0,
  };
  for (const a of appointments) {
    if (a.status === 'attended') counts.attended += 1;
    else if (a.status === 'did_not_attend') counts.didNotAttend += 1;
    else if (a.status === 'cancelled' && a.cancelledBy) counts[CANCELLED_BY[a.cancelledBy]] += 1;
  }
  return counts;
}

function withAppointments(row: ReferralSummary, appointments: SummaryAppointment[]): ReferralSummary {
  return { ...row, appointments, appointmentCounts: countAppointments(appointments) };
}

function update(
  row: ReferralSummary,
  appointmentId: string,
  patch: Partial<SummaryAppointment>,
): ReferralSummary {
  const appointments = (row.appointments ?? []).map((a) =>
    a.appointmentId === appointmentId ? { ...a, ...patch } : a,
  );
  return withAppointments(row, appointments);
}

/**
 * The row after an appointment event (docs/domain.md#appointments-and-did-not-attend); undefined for
 * other events. An attended appointment's session comes as its own `SessionHeld`.
 */
export function evolveAppointmentSummary(
  row: ReferralSummary,
  event: ReferralEvent,
): ReferralSummary | undefined {
  switch (event.type) {
    case 'AppointmentBooked': {
      const { appointmentId, startsAt } = event.data;
      const booked: SummaryAppointment = { appointmentId, startsAt, status: 'booked' };
      return withAppointments(row, [...(row.appointments ?? []), booked]);
    }
    case 'AppointmentRescheduled':
      return update(row, event.data.appointmentId, { startsAt: event.data.startsAt });
    case 'AppointmentCancelled':
      return update(row, event.data.appointmentId, {
        status: 'cancelled',
        cancelledBy: event.data.cancelledBy,
      });
    case 'AppointmentAttended':
      return update(row, event.data.appointmentId, { status: 'attended' });
    case 'AppointmentNotAttended':
      return update(row, event.data.appointmentId, { status: 'did_not_attend' });
    default:
      return undefined;
  }
}
