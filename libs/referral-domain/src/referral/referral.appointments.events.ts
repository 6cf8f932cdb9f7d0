import type { AppointmentCanceller, SessionFormat, SessionSetting } from './referral.vocabulary';

/** A future session was booked with the young person: when it starts, its format, setting and length. */
export type AppointmentBooked = {
  type: 'AppointmentBooked';
  data: {
    referralId: string;
    appointmentId: string;
    at: string;
    startsAt: string;
    format: SessionFormat;
    setting: SessionSetting;
    durationMinutes: number;
  };
};
/** A booked appointment moved to another time; `reason` is sealed free text. */
export type AppointmentRescheduled = {
  type: 'AppointmentRescheduled';
  data: {
    referralId: string;
    appointmentId: string;
    at: string;
    startsAt: string;
    previousStartsAt: string;
    reason?: string;
  };
};
/** A booked appointment was called off by the young person, their family or the service; `reason` is sealed. */
export type AppointmentCancelled = {
  type: 'AppointmentCancelled';
  data: {
    referralId: string;
    appointmentId: string;
    at: string;
    cancelledBy: AppointmentCanceller;
    reason?: string;
  };
};
/** The young person came to the appointment starting at `startsAt` (a `SessionHeld` records the session). */
export type AppointmentAttended = {
  type: 'AppointmentAttended';
  data: { referralId: string; appointmentId: string; at: string; startsAt: string };
};
/** The young person did not attend (DNA) and did not cancel; `notes` is sealed free text. */
export type AppointmentNotAttended = {
  type: 'AppointmentNotAttended';
  data: { referralId: string; appointmentId: string; at: string; startsAt: string; notes?: string };
};

export type AppointmentEvent =
  | AppointmentBooked
  | AppointmentRescheduled
  | AppointmentCancelled
  | AppointmentAttended
  | AppointmentNotAttended;

/** The appointment event types, in the order an appointment meets them. */
export const APPOINTMENT_EVENT_TYPES: readonly AppointmentEvent['type'][] = [
  'AppointmentBooked',
  'AppointmentRescheduled',
  'AppointmentCancelled',
  'AppointmentAttended',
  'AppointmentNotAttended',
];
