import type { ReferralEvent } from '@app/referral-domain';
import {
  APPOINTMENT_ID,
  MOVED_TO,
  STARTS_AT,
  anActiveReferral,
  appointmentEvents as appointment,
  events,
} from '@app/referral-domain/testing';
import type { ReferralSummary } from './referral-summary';
import { REFERRAL_SUMMARY_EVENTS, evolveReferralSummary } from './referral-summary.projection';

const fold = (history: ReferralEvent[]): ReferralSummary =>
  history.reduce<ReferralSummary | null>(evolveReferralSummary, null)!;

describe('Referral summary: appointments', () => {
  it('handles every appointment event', () => {
    for (const type of [
      'AppointmentBooked',
      'AppointmentRescheduled',
      'AppointmentCancelled',
      'AppointmentAttended',
      'AppointmentNotAttended',
    ])
      expect({ type, handled: REFERRAL_SUMMARY_EVENTS.has(type) }).toEqual({ type, handled: true });
  });

  it('keeps each appointment with its current start and status, and counts outcomes', () => {
    const row = fold([
      ...anActiveReferral(),
      appointment.booked(),
      appointment.rescheduled(),
      appointment.booked({ appointmentId: 'a2' }),
      appointment.notAttended({ appointmentId: 'a2' }),
      appointment.booked({ appointmentId: 'a3' }),
      appointment.notAttended({ appointmentId: 'a3' }),
      appointment.booked({ appointmentId: 'a4' }),
      appointment.cancelled({ appointmentId: 'a4', cancelledBy: 'family' }),
      appointment.booked({ appointmentId: 'a5' }),
      appointment.cancelled({ appointmentId: 'a5', cancelledBy: 'service' }),
      appointment.booked({ appointmentId: 'a6' }),
      appointment.attended({ appointmentId: 'a6' }),
    ]);
    expect(row.appointments).toEqual([
      { appointmentId: APPOINTMENT_ID, startsAt: MOVED_TO, status: 'booked' },
      { appointmentId: 'a2', startsAt: STARTS_AT, status: 'did_not_attend' },
      { appointmentId: 'a3', startsAt: STARTS_AT, status: 'did_not_attend' },
      { appointmentId: 'a4', startsAt: STARTS_AT, status: 'cancelled', cancelledBy: 'family' },
      { appointmentId: 'a5', startsAt: STARTS_AT, status: 'cancelled', cancelledBy: 'service' },
      { appointmentId: 'a6', startsAt: STARTS_AT, status: 'attended' },
    ]);
    expect(row.appointmentCounts).toEqual({
      attended: 1,
      didNotAttend: 2,
      cancelledByYoungPerson: 0,
      cancelledByFamily: 1,
      cancelledByService: 1,
    });
  });

  it('leaves the contacts to the SessionHeld an attended appointment brings', () => {
    const row = fold([
      ...anActiveReferral(),
      appointment.booked(),
      appointment.attended(),
      events.sessionHeld({ sessionId: APPOINTMENT_ID, at: STARTS_AT }),
    ]);
    expect(row).toMatchObject({ firstContactAt: STARTS_AT, attendedSessions: [STARTS_AT] });
  });

  it('reads a row built before appointments existed as having none', () => {
    const old = fold(anActiveReferral());
    delete old.appointments;
    delete old.appointmentCounts;
    const row = evolveReferralSummary(old, appointment.booked())!;
    expect(row.appointments).toEqual([
      { appointmentId: APPOINTMENT_ID, startsAt: STARTS_AT, status: 'booked' },
    ]);
    expect(row.appointmentCounts?.didNotAttend).toBe(0);
    // An outcome for an appointment the row never saw changes nothing.
    expect(evolveReferralSummary(old, appointment.notAttended())!.appointmentCounts?.didNotAttend).toBe(0);
  });
});
