import { toUtcIso } from '../../http/validators';
import * as R from './appointment-command.requests';
import { CARE_ROLES, on } from './command-fields';
import { describe } from './referral-command.descriptor';
import type { CommandDescriptor } from './referral-command.descriptor';

/**
 * Appointments: booking, moving and cancelling future sessions, and recording whether the young person
 * came (docs/domain.md#appointments-and-did-not-attend). Care commands: the assigned link worker or a
 * service manager.
 */
export const APPOINTMENT_COMMANDS: readonly CommandDescriptor[] = [
  describe({
    kind: 'update',
    operationId: 'bookAppointment',
    summary:
      'Books a session with the young person (start now or later, format, setting, length); answers the appointmentId.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/appointments',
    roles: CARE_ROLES,
    action: 'care',
    status: 200,
    request: R.BookAppointmentRequest,
    example: {
      startsAt: '2027-01-12T15:30:00Z',
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
    },
    command: ({ params, body, now, ids }) => ({
      type: 'BookAppointment',
      ...on(params, body, now),
      appointmentId: body.id ?? ids.uuid(),
      startsAt: toUtcIso(body.startsAt),
      format: body.format,
      setting: body.setting,
      durationMinutes: body.durationMinutes,
    }),
    respond: (result, command) => ({
      ...result,
      appointmentId: (command as { appointmentId: string }).appointmentId,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'rescheduleAppointment',
    summary: 'Moves a booked appointment to a new start, now or later (the reason is sealed at rest).',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/appointments/:appointmentId/reschedule',
    roles: CARE_ROLES,
    action: 'care',
    status: 200,
    request: R.RescheduleAppointmentRequest,
    example: { startsAt: '2027-01-19T15:30:00Z', reason: 'Mock exams that week' },
    command: ({ params, body, now }) => ({
      type: 'RescheduleAppointment',
      ...on(params, body, now),
      appointmentId: params.appointmentId!,
      startsAt: toUtcIso(body.startsAt),
      reason: body.reason,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'cancelAppointment',
    summary:
      'Cancels a booked appointment, saying who called it off: the young person, the family or the service.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/appointments/:appointmentId/cancel',
    roles: CARE_ROLES,
    action: 'care',
    status: 200,
    request: R.CancelAppointmentRequest,
    example: { cancelledBy: 'family', reason: 'Family holiday' },
    command: ({ params, body, now }) => ({
      type: 'CancelAppointment',
      ...on(params, body, now),
      appointmentId: params.appointmentId!,
      cancelledBy: body.cancelledBy,
      reason: body.reason,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'recordAttendance',
    summary:
      'Records, once it has started, whether the young person attended a booked appointment (attended: a session held at its start) or did not attend.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/appointments/:appointmentId/attendance',
    roles: CARE_ROLES,
    action: 'care',
    status: 200,
    request: R.RecordAttendanceRequest,
    example: { attended: true, activities: ['climbing wall'] },
    command: ({ params, body, now }) => ({
      type: 'RecordAttendance',
      ...on(params, body, now),
      appointmentId: params.appointmentId!,
      attended: body.attended,
      activities: body.activities,
      notes: body.notes,
    }),
  }),
];
