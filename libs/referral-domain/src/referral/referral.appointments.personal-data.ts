import type {
  AppointmentCancelled,
  AppointmentEvent,
  AppointmentNotAttended,
  AppointmentRescheduled,
} from './referral.appointments.events';
import type { DataClassification, PersonalFieldPath } from './referral.personal-data';

const ids = ['referralId', 'appointmentId', 'at'] as const;

// Typed against the events, so renaming a field there breaks the build here.
const rescheduled: readonly (keyof AppointmentRescheduled['data'])[] = ['reason'];
const cancelled: readonly (keyof AppointmentCancelled['data'])[] = ['reason'];
const notAttended: readonly (keyof AppointmentNotAttended['data'])[] = ['notes'];

/** The free text written about an appointment: why it moved or was called off, what was said of a DNA. */
export const APPOINTMENT_PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly PersonalFieldPath[]>> = {
  AppointmentRescheduled: rescheduled,
  AppointmentCancelled: cancelled,
  AppointmentNotAttended: notAttended,
};

/**
 * Times, codes and numbers of appointments stay in the clear: attendance reports and caseloads need
 * them after an erasure. Everything else (the free text) is sealed.
 */
export const APPOINTMENT_DATA_CLASSIFICATION: Readonly<Record<AppointmentEvent['type'], DataClassification>> =
  {
    AppointmentBooked: { clear: [...ids, 'startsAt', 'format', 'setting', 'durationMinutes'] },
    AppointmentRescheduled: { clear: [...ids, 'startsAt', 'previousStartsAt'] },
    AppointmentCancelled: { clear: [...ids, 'cancelledBy'] },
    AppointmentAttended: { clear: [...ids, 'startsAt'] },
    AppointmentNotAttended: { clear: [...ids, 'startsAt'] },
  };
