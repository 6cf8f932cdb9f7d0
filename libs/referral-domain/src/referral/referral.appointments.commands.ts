import type { AppointmentCanceller, SessionFormat, SessionSetting } from './referral.vocabulary';

/** The time the thing happened (`at`) and the handler's clock (`now`), as on every command. */
type Timed = { referralId: string; at: string; now: string };

/** Books a session; `startsAt` must not be in the past. */
export type BookAppointment = Timed & {
  type: 'BookAppointment';
  appointmentId: string;
  startsAt: string;
  format: SessionFormat;
  setting: SessionSetting;
  durationMinutes: number;
};
/** Moves a booked appointment to a time not in the past. */
export type RescheduleAppointment = Timed & {
  type: 'RescheduleAppointment';
  appointmentId: string;
  startsAt: string;
  reason?: string;
};
/** Calls off a booked appointment, saying who called it off. */
export type CancelAppointment = Timed & {
  type: 'CancelAppointment';
  appointmentId: string;
  cancelledBy: AppointmentCanceller;
  reason?: string;
};
/** Whether the young person came to a booked appointment whose start has passed. */
export type RecordAttendance = Timed & {
  type: 'RecordAttendance';
  appointmentId: string;
  attended: boolean;
  activities?: string[];
  notes?: string;
};

export type AppointmentCommand =
  BookAppointment | RescheduleAppointment | CancelAppointment | RecordAttendance;
