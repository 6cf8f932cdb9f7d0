import { instant } from '../shared/dates';
import type {
  AppointmentCommand,
  BookAppointment,
  CancelAppointment,
  RecordAttendance,
  RescheduleAppointment,
} from './referral.appointments.commands';
import type { AppointmentState } from './referral.appointments.evolve';
import type { ReferralCommand } from './referral.commands';
import { ReferralErrors, ReferralRuleError } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import { requireStatus } from './referral.guards';
import type { OpenReferral } from './referral.state';

const rule = (code: `REFERRAL.${string}`) => (message: string) => new ReferralRuleError(code, message);

/** The broken rules of appointments; stable codes, 422 at the edge. */
export const AppointmentErrors = {
  notFound: rule('REFERRAL.APPOINTMENT_NOT_FOUND'),
  alreadyBooked: rule('REFERRAL.APPOINTMENT_ALREADY_BOOKED'),
  notBooked: rule('REFERRAL.APPOINTMENT_NOT_BOOKED'),
  inPast: rule('REFERRAL.APPOINTMENT_IN_PAST'),
  notStarted: rule('REFERRAL.APPOINTMENT_NOT_STARTED'),
} as const;

const APPOINTMENT_COMMANDS: ReadonlySet<string> = new Set<AppointmentCommand['type']>([
  'BookAppointment',
  'RescheduleAppointment',
  'CancelAppointment',
  'RecordAttendance',
]);

/** Whether a command books, moves, cancels or records the outcome of an appointment. */
export const isAppointmentCommand = (c: ReferralCommand): c is AppointmentCommand =>
  APPOINTMENT_COMMANDS.has(c.type);

/**
 * Appointments are booked and kept while the referral is accepted or active; an attended one is also a
 * session, so it needs support consent like any session (docs/domain.md#appointments-and-did-not-attend).
 */
export function decideAppointment(c: AppointmentCommand, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['accepted', 'active'], ReferralErrors.notOpen, 'Managing appointments');
  switch (c.type) {
    case 'BookAppointment':
      return book(c, s);
    case 'RescheduleAppointment':
      return reschedule(c, bookedAppointment(s, c.appointmentId));
    case 'CancelAppointment':
      bookedAppointment(s, c.appointmentId);
      return cancel(c);
    case 'RecordAttendance':
      return recordAttendance(c, s, bookedAppointment(s, c.appointmentId));
  }
}

/** The appointment, which must exist and still be booked (not yet attended, missed or cancelled). */
function bookedAppointment(s: OpenReferral, appointmentId: string): AppointmentState {
  const appointment = s.appointments.find((a) => a.appointmentId === appointmentId);
  if (!appointment) throw AppointmentErrors.notFound(`No appointment ${appointmentId} on this referral`);
  if (appointment.status !== 'booked')
    throw AppointmentErrors.notBooked(
      `Appointment ${appointmentId} is ${appointment.status.replace(/_/g, ' ')}; only a booked appointment can change`,
    );
  return appointment;
}

/** A start time must be a real instant, now or later. */
function requireStartNotPast(startsAt: string, now: string): void {
  const ms = instant(startsAt);
  if (Number.isNaN(ms)) throw ReferralErrors.invalidTime(`"${startsAt}" is not an ISO 8601 date-time`);
  if (ms < instant(now))
    throw AppointmentErrors.inPast(`An appointment cannot start in the past (${startsAt} is before ${now})`);
}

/** Free text under `key`, trimmed; absent when empty. */
function text<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const trimmed = value?.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

function book(c: BookAppointment, s: OpenReferral): ReferralEvent[] {
  if (s.appointments.some((a) => a.appointmentId === c.appointmentId))
    throw AppointmentErrors.alreadyBooked(`Appointment ${c.appointmentId} is already booked`);
  requireStartNotPast(c.startsAt, c.now);
  const { referralId, appointmentId, at, startsAt, format, setting, durationMinutes } = c;
  return [
    {
      type: 'AppointmentBooked',
      data: { referralId, appointmentId, at, startsAt, format, setting, durationMinutes },
    },
  ];
}

function reschedule(c: RescheduleAppointment, a: AppointmentState): ReferralEvent[] {
  requireStartNotPast(c.startsAt, c.now);
  const { referralId, appointmentId, at, startsAt } = c;
  return [
    {
      type: 'AppointmentRescheduled',
      data: {
        referralId,
        appointmentId,
        at,
        startsAt,
        previousStartsAt: a.startsAt,
        ...text('reason', c.reason),
      },
    },
  ];
}

function cancel(c: CancelAppointment): ReferralEvent[] {
  const { referralId, appointmentId, at, cancelledBy } = c;
  return [
    {
      type: 'AppointmentCancelled',
      data: { referralId, appointmentId, at, cancelledBy, ...text('reason', c.reason) },
    },
  ];
}

/**
 * Recorded once the appointment has started. Attended: the appointment, and the session held at its
 * start with the booking's format, setting and length, so waiting clocks and contacts count it.
 */
function recordAttendance(c: RecordAttendance, s: OpenReferral, a: AppointmentState): ReferralEvent[] {
  if (instant(a.startsAt) > instant(c.now))
    throw AppointmentErrors.notStarted(
      `Appointment ${a.appointmentId} starts at ${a.startsAt}; attendance is recorded once it has started`,
    );
  const { referralId, appointmentId, at } = c;
  const { startsAt } = a;
  if (!c.attended)
    return [
      {
        type: 'AppointmentNotAttended',
        data: { referralId, appointmentId, at, startsAt, ...text('notes', c.notes) },
      },
    ];
  requireStatus(s, ['active'], ReferralErrors.notActive, 'Recording an attended appointment (a session)');
  const { format, setting, durationMinutes } = a;
  return [
    { type: 'AppointmentAttended', data: { referralId, appointmentId, at, startsAt } },
    {
      type: 'SessionHeld',
      data: {
        referralId,
        sessionId: appointmentId,
        at: startsAt,
        format,
        setting,
        durationMinutes,
        attended: true,
        activities: c.activities ?? [],
        ...text('notes', c.notes),
      },
    },
  ];
}
