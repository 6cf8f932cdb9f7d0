import type { ReferralEvent } from './referral.events';
import type { OpenReferral } from './referral.state';
import type { AppointmentCanceller, SessionFormat, SessionSetting } from './referral.vocabulary';

/** Where a booked appointment stands: still to come, or how it ended. */
export type AppointmentStatus = 'booked' | 'attended' | 'did_not_attend' | 'cancelled';

/** One appointment as the decider needs it (docs/domain.md#appointments-and-did-not-attend). */
export type AppointmentState = {
  appointmentId: string;
  bookedAt: string;
  startsAt: string;
  format: SessionFormat;
  setting: SessionSetting;
  durationMinutes: number;
  status: AppointmentStatus;
  /** When the outcome (attendance, DNA or cancellation) was recorded. */
  closedAt?: string;
  cancelledBy?: AppointmentCanceller;
};

/** Applies an appointment event; any other event leaves the referral as it was. Never throws. */
export function evolveAppointments(s: OpenReferral, event: ReferralEvent): OpenReferral {
  switch (event.type) {
    case 'AppointmentBooked': {
      const { appointmentId, at, startsAt, format, setting, durationMinutes } = event.data;
      const booked: AppointmentState = {
        appointmentId,
        bookedAt: at,
        startsAt,
        format,
        setting,
        durationMinutes,
        status: 'booked',
      };
      return { ...s, appointments: [...s.appointments, booked] };
    }
    case 'AppointmentRescheduled':
      return update(s, event.data.appointmentId, { startsAt: event.data.startsAt });
    case 'AppointmentCancelled': {
      const { appointmentId, at, cancelledBy } = event.data;
      return update(s, appointmentId, { status: 'cancelled', closedAt: at, cancelledBy });
    }
    case 'AppointmentAttended':
      return update(s, event.data.appointmentId, { status: 'attended', closedAt: event.data.at });
    case 'AppointmentNotAttended':
      return update(s, event.data.appointmentId, { status: 'did_not_attend', closedAt: event.data.at });
    default:
      return s;
  }
}

function update(s: OpenReferral, appointmentId: string, patch: Partial<AppointmentState>): OpenReferral {
  return {
    ...s,
    appointments: s.appointments.map((a) => (a.appointmentId === appointmentId ? { ...a, ...patch } : a)),
  };
}
