import type {
  BookAppointment,
  CancelAppointment,
  RecordAttendance,
  RescheduleAppointment,
} from './referral.appointments.commands';
import type {
  AppointmentAttended,
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentNotAttended,
  AppointmentRescheduled,
} from './referral.appointments.events';
import type { ReferralCommand } from './referral.commands';
import type { Data } from './referral.test-events';
import { NOW, REFERRAL_ID, day } from './referral.test-events';

export const APPOINTMENT_ID = 'appt-1';
/** A week after the handlers' default clock (`NOW`), so booking it is in the future. */
export const STARTS_AT = '2026-06-08T10:00:00.000Z';
/** Where a rescheduled appointment moves to by default. */
export const MOVED_TO = '2026-06-15T10:00:00.000Z';
/** A clock reading an hour after the default appointment started. */
export const AFTER_START = '2026-06-08T11:00:00.000Z';

const timed = () => ({ referralId: REFERRAL_ID, at: day(10), now: NOW });

/** Appointment commands with defaults; attendance is recorded an hour after the appointment started. */
export const appointmentCommand = {
  book: (o: Partial<BookAppointment> = {}): BookAppointment => ({
    type: 'BookAppointment',
    ...timed(),
    appointmentId: APPOINTMENT_ID,
    startsAt: STARTS_AT,
    format: 'one_to_one',
    setting: 'school',
    durationMinutes: 45,
    ...o,
  }),
  reschedule: (o: Partial<RescheduleAppointment> = {}): RescheduleAppointment => ({
    type: 'RescheduleAppointment',
    ...timed(),
    appointmentId: APPOINTMENT_ID,
    startsAt: MOVED_TO,
    ...o,
  }),
  cancel: (o: Partial<CancelAppointment> = {}): CancelAppointment => ({
    type: 'CancelAppointment',
    ...timed(),
    appointmentId: APPOINTMENT_ID,
    cancelledBy: 'young_person',
    ...o,
  }),
  recordAttendance: (o: Partial<RecordAttendance> = {}): RecordAttendance => ({
    type: 'RecordAttendance',
    referralId: REFERRAL_ID,
    at: AFTER_START,
    now: AFTER_START,
    appointmentId: APPOINTMENT_ID,
    attended: true,
    ...o,
  }),
};

/** One default instance of every appointment command, named for `it.each`. */
export const everyAppointmentCommand = (): [string, ReferralCommand][] => [
  ['BookAppointment', appointmentCommand.book()],
  ['RescheduleAppointment', appointmentCommand.reschedule()],
  ['CancelAppointment', appointmentCommand.cancel()],
  ['RecordAttendance', appointmentCommand.recordAttendance()],
];

/** Appointment events with defaults: booked on day 5 for `STARTS_AT`. */
export const appointmentEvents = {
  booked: (o: Data<AppointmentBooked> = {}): AppointmentBooked => ({
    type: 'AppointmentBooked',
    data: {
      referralId: REFERRAL_ID,
      appointmentId: APPOINTMENT_ID,
      at: day(5),
      startsAt: STARTS_AT,
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
      ...o,
    },
  }),
  rescheduled: (o: Data<AppointmentRescheduled> = {}): AppointmentRescheduled => ({
    type: 'AppointmentRescheduled',
    data: {
      referralId: REFERRAL_ID,
      appointmentId: APPOINTMENT_ID,
      at: day(6),
      startsAt: MOVED_TO,
      previousStartsAt: STARTS_AT,
      ...o,
    },
  }),
  cancelled: (o: Data<AppointmentCancelled> = {}): AppointmentCancelled => ({
    type: 'AppointmentCancelled',
    data: {
      referralId: REFERRAL_ID,
      appointmentId: APPOINTMENT_ID,
      at: day(6),
      cancelledBy: 'young_person',
      ...o,
    },
  }),
  attended: (o: Data<AppointmentAttended> = {}): AppointmentAttended => ({
    type: 'AppointmentAttended',
    data: {
      referralId: REFERRAL_ID,
      appointmentId: APPOINTMENT_ID,
      at: AFTER_START,
      startsAt: STARTS_AT,
      ...o,
    },
  }),
  notAttended: (o: Data<AppointmentNotAttended> = {}): AppointmentNotAttended => ({
    type: 'AppointmentNotAttended',
    data: {
      referralId: REFERRAL_ID,
      appointmentId: APPOINTMENT_ID,
      at: AFTER_START,
      startsAt: STARTS_AT,
      ...o,
    },
  }),
};
