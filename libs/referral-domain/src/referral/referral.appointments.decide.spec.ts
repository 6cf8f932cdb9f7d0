import {
  AFTER_START,
  APPOINTMENT_ID,
  MOVED_TO,
  STARTS_AT,
  appointmentCommand as command,
  appointmentEvents as appointment,
} from './referral.test-appointments';
import {
  NOW,
  aReceivedReferral,
  anAcceptedReferral,
  anActiveReferral,
  day,
  events,
} from './referral.test-events';
import { foldReceived, given } from './referral.test-kit';

const booked = () => [...anActiveReferral(), appointment.booked()];

describe('a referral awaiting triage', () => {
  it('when BookAppointment, then it is refused: appointments are for accepted or active referrals', () => {
    given(...aReceivedReferral())
      .when(command.book())
      .thenThrows('REFERRAL.NOT_OPEN');
  });
});

describe('an accepted referral without support consent', () => {
  it('when BookAppointment, then the appointment is booked (a first meeting may come before consent)', () => {
    given(...anAcceptedReferral())
      .when(command.book())
      .then([appointment.booked({ at: day(10) })]);
  });

  it('when RecordAttendance of a missed appointment, then the DNA is recorded', () => {
    given(...anAcceptedReferral(), appointment.booked())
      .when(command.recordAttendance({ attended: false }))
      .then([appointment.notAttended()]);
  });

  it('when RecordAttendance of an attended appointment, then support must be active first: it is a session', () => {
    given(...anAcceptedReferral(), appointment.booked())
      .when(command.recordAttendance())
      .thenThrows('REFERRAL.NOT_ACTIVE');
  });
});

describe('an active referral, when BookAppointment', () => {
  it('then the appointment is booked with its start, format, setting and length', () => {
    given(...anActiveReferral())
      .when(command.book({ format: 'group', setting: 'community_venue', durationMinutes: 90 }))
      .then([
        appointment.booked({ at: day(10), format: 'group', setting: 'community_venue', durationMinutes: 90 }),
      ]);
  });

  it('then a start right now is allowed', () => {
    given(...anActiveReferral())
      .when(command.book({ startsAt: NOW }))
      .then([appointment.booked({ at: day(10), startsAt: NOW })]);
  });

  it('then a start in the past is refused', () => {
    given(...anActiveReferral())
      .when(command.book({ startsAt: '2026-06-01T11:59:59.999Z' }))
      .thenThrows('REFERRAL.APPOINTMENT_IN_PAST');
  });

  it.each(['tomorrow', '2026-06-08', '2026-06-08T10:00:00'])(
    'then a start of %p is not a time',
    (startsAt) => {
      given(...anActiveReferral())
        .when(command.book({ startsAt }))
        .thenThrows('REFERRAL.INVALID_TIME');
    },
  );

  it('then an appointment id already booked is refused', () => {
    given(...booked())
      .when(command.book({ startsAt: MOVED_TO }))
      .thenThrows('REFERRAL.APPOINTMENT_ALREADY_BOOKED');
  });
});

describe('a booked appointment', () => {
  it('when RescheduleAppointment, then it moves, keeping where it was and the trimmed reason', () => {
    given(...booked())
      .when(command.reschedule({ reason: '  Exams that week ' }))
      .then([appointment.rescheduled({ at: day(10), reason: 'Exams that week' })]);
  });

  it('when RescheduleAppointment with a blank reason, then the reason is left out', () => {
    given(...booked())
      .when(command.reschedule({ reason: '   ' }))
      .then([appointment.rescheduled({ at: day(10) })]);
  });

  it('when RescheduleAppointment to the past, then it is refused', () => {
    given(...booked())
      .when(command.reschedule({ startsAt: day(20) }))
      .thenThrows('REFERRAL.APPOINTMENT_IN_PAST');
  });

  it.each(['young_person', 'family', 'service'] as const)(
    'when CancelAppointment by the %s, then it is cancelled saying who called it off',
    (cancelledBy) => {
      given(...booked())
        .when(command.cancel({ cancelledBy, reason: 'Poorly' }))
        .then([appointment.cancelled({ at: day(10), cancelledBy, reason: 'Poorly' })]);
    },
  );

  it('when RecordAttendance of an attended appointment, then a session is held at its start, as booked', () => {
    given(...booked())
      .when(command.recordAttendance({ activities: ['climbing wall'], notes: ' Settled quickly ' }))
      .then([
        appointment.attended(),
        events.sessionHeld({
          sessionId: APPOINTMENT_ID,
          at: STARTS_AT,
          activities: ['climbing wall'],
          notes: 'Settled quickly',
        }),
      ]);
  });

  it('when RecordAttendance of a missed appointment, then the DNA is recorded, and no session', () => {
    given(...booked())
      .when(command.recordAttendance({ attended: false, notes: 'Mum says he overslept' }))
      .then([appointment.notAttended({ notes: 'Mum says he overslept' })]);
  });

  it('when RecordAttendance before it has started, then it is refused: it has not happened yet', () => {
    given(...booked())
      .when(command.recordAttendance({ now: '2026-06-08T09:59:59.999Z', at: day(10) }))
      .thenThrows('REFERRAL.APPOINTMENT_NOT_STARTED');
  });

  it('when RecordAttendance after support consent was withdrawn, then a DNA is recorded but not a session', () => {
    const paused = [...booked(), events.consentWithdrawn()];
    given(...paused)
      .when(command.recordAttendance({ attended: false }))
      .then([appointment.notAttended()]);
    given(...paused)
      .when(command.recordAttendance())
      .thenThrows('REFERRAL.NOT_ACTIVE');
  });
});

describe('a rescheduled appointment', () => {
  const moved = () => [...booked(), appointment.rescheduled()];

  it('when RecordAttendance at the old time, then it has not started yet', () => {
    given(...moved())
      .when(command.recordAttendance())
      .thenThrows('REFERRAL.APPOINTMENT_NOT_STARTED');
  });

  it('when RecordAttendance after the new time, then the session is held at the new time', () => {
    const after = '2026-06-15T12:00:00.000Z';
    given(...moved())
      .when(command.recordAttendance({ at: after, now: after }))
      .then([
        appointment.attended({ at: after, startsAt: MOVED_TO }),
        events.sessionHeld({ sessionId: APPOINTMENT_ID, at: MOVED_TO, activities: [] }),
      ]);
  });
});

describe.each([
  ['cancelled', appointment.cancelled],
  ['attended', appointment.attended],
  ['missed', appointment.notAttended],
])('a %s appointment', (_, outcome) => {
  const history = () => [...booked(), outcome()];

  it.each([
    ['RescheduleAppointment', command.reschedule()],
    ['CancelAppointment', command.cancel()],
    ['RecordAttendance', command.recordAttendance()],
  ])('when %s, then it is refused: only a booked appointment can change', (_name, cmd) => {
    given(...history())
      .when(cmd)
      .thenThrows('REFERRAL.APPOINTMENT_NOT_BOOKED');
  });
});

describe('an appointment that was never booked', () => {
  it.each([
    ['RescheduleAppointment', command.reschedule({ appointmentId: 'appt-x' })],
    ['CancelAppointment', command.cancel({ appointmentId: 'appt-x' })],
    ['RecordAttendance', command.recordAttendance({ appointmentId: 'appt-x' })],
  ])('when %s, then it is not found', (_name, cmd) => {
    given(...booked())
      .when(cmd)
      .thenThrows('REFERRAL.APPOINTMENT_NOT_FOUND');
  });
});

describe('evolve: the appointments of a referral', () => {
  it('keeps each booking, its current start, and how it ended', () => {
    const state = foldReceived([
      ...booked(),
      appointment.rescheduled(),
      appointment.booked({ appointmentId: 'appt-2' }),
      appointment.cancelled({ appointmentId: 'appt-2', cancelledBy: 'family' }),
      appointment.booked({ appointmentId: 'appt-3' }),
      appointment.notAttended({ appointmentId: 'appt-3' }),
    ]);
    expect(state.appointments).toEqual([
      {
        appointmentId: APPOINTMENT_ID,
        bookedAt: day(5),
        startsAt: MOVED_TO,
        format: 'one_to_one',
        setting: 'school',
        durationMinutes: 45,
        status: 'booked',
      },
      expect.objectContaining({
        appointmentId: 'appt-2',
        status: 'cancelled',
        cancelledBy: 'family',
        closedAt: day(6),
      }),
      expect.objectContaining({ appointmentId: 'appt-3', status: 'did_not_attend', closedAt: AFTER_START }),
    ]);
  });

  it('counts an attended appointment as a session', () => {
    const state = foldReceived([
      ...booked(),
      appointment.attended(),
      events.sessionHeld({ sessionId: APPOINTMENT_ID, at: STARTS_AT }),
    ]);
    expect(state.appointments[0]).toMatchObject({ status: 'attended', closedAt: AFTER_START });
    expect(state.sessions).toEqual([expect.objectContaining({ sessionId: APPOINTMENT_ID, at: STARTS_AT })]);
  });
});
