import type { ReferralSummary } from '../referral-summary/referral-summary';
import type { SummaryAppointment } from '../referral-summary/referral-summary.appointments';
import { attendanceRows } from './attendance.report';
import { SUPPRESSION } from './disclosure-control';

let next = 0;
function summary(
  ageAtReferral: number,
  sourceKind: string,
  appointments: SummaryAppointment[] | undefined,
): ReferralSummary {
  next += 1;
  return {
    referralId: `r-${next}`,
    status: 'active',
    linkWorkerId: 'lw-1',
    sealedIdentity: null,
    ageAtReferral,
    sourceKind,
    pcnCode: 'U12345',
    receivedAt: '2026-01-05T09:00:00.000Z',
    acceptedAt: '2026-01-06T09:00:00.000Z',
    declinedAt: null,
    endedAt: null,
    endReason: null,
    goalsSetAt: null,
    attendedSessions: [],
    lastSessionAt: null,
    firstContactAt: null,
    secondContactAt: null,
    helpStartedAt: null,
    scores: [],
    appointments,
  };
}

const on = (
  date: string,
  status: SummaryAppointment['status'],
  cancelledBy?: SummaryAppointment['cancelledBy'],
) => ({
  appointmentId: `a-${(next += 1)}`,
  startsAt: `${date}T10:00:00.000Z`,
  status,
  ...(cancelledBy ? { cancelledBy } : {}),
});
const times = (n: number, make: () => SummaryAppointment) => Array.from({ length: n }, make);

describe('Attendance report', () => {
  const referrals = [
    // Aged 8, from a school: 1 attended, 1 DNA, one cancelled by the family, one still booked.
    summary(8, 'school', [
      on('2026-03-02', 'attended'),
      on('2026-03-09', 'did_not_attend'),
      on('2026-03-16', 'cancelled', 'family'),
      on('2026-03-31', 'booked'),
    ]),
    // Aged 14, from a GP: 3 attended, 1 DNA, one cancelled by the young person and one by the service.
    summary(14, 'gp', [
      on('2026-03-01', 'attended'),
      on('2026-03-08', 'attended'),
      on('2026-03-15', 'attended'),
      on('2026-03-22', 'did_not_attend'),
      on('2026-03-23', 'cancelled', 'young_person'),
      on('2026-03-24', 'cancelled', 'service'),
      // Outside the window on either side.
      on('2026-02-28', 'did_not_attend'),
      on('2026-04-01', 'did_not_attend'),
    ]),
    // Aged 9, from a school: 2 DNAs.
    summary(9, 'school', [on('2026-03-03', 'did_not_attend'), on('2026-03-10', 'did_not_attend')]),
    // A row built before appointments existed, and one with none in the window.
    summary(17, 'self', undefined),
    summary(17, 'self', [on('2026-05-01', 'attended')]),
  ];

  it('gives the did-not-attend rate of appointments held in the window, overall, by age band and by source', () => {
    const report = attendanceRows(referrals, '2026-03-01', '2026-03-31', SUPPRESSION.none);
    expect(report.overall).toEqual({
      group: 'all',
      appointments: 12,
      attended: 4,
      didNotAttend: 4,
      didNotAttendPct: 50,
      cancelledByYoungPerson: 1,
      cancelledByFamily: 1,
      cancelledByService: 1,
      stillBooked: 1,
      suppressed: false,
    });
    expect(report.byAgeBand.map((r) => [r.group, r.attended, r.didNotAttend, r.didNotAttendPct])).toEqual([
      ['11-15', 3, 1, 25],
      ['5-10', 1, 3, 75],
    ]);
    expect(report.bySource.map((r) => [r.group, r.appointments, r.didNotAttendPct])).toEqual([
      ['gp', 6, 25],
      ['school', 6, 75],
    ]);
  });

  it('gives no rate where nothing was held yet', () => {
    const report = attendanceRows(
      [summary(12, 'gp', [on('2026-03-05', 'booked')])],
      '2026-03-01',
      '2026-03-31',
      SUPPRESSION.none,
    );
    expect(report.overall).toMatchObject({ appointments: 1, stillBooked: 1, didNotAttendPct: null });
    expect(attendanceRows([], '2026-03-01', '2026-03-31', SUPPRESSION.none)).toEqual({
      overall: expect.objectContaining({ appointments: 0, didNotAttendPct: null, suppressed: false }),
      byAgeBand: [],
      bySource: [],
    });
  });

  describe('under the NHS secondary care policy', () => {
    const policy = SUPPRESSION['nhs-secondary-care'];

    it('suppresses counts of 1 to 7, rounds the others to 5, and takes the rate from the exact counts', () => {
      const big = summary(12, 'gp', [
        ...times(13, () => on('2026-03-04', 'attended')),
        ...times(9, () => on('2026-03-05', 'did_not_attend')),
        ...times(2, () => on('2026-03-06', 'cancelled', 'young_person')),
      ]);
      const row = attendanceRows([big], '2026-03-01', '2026-03-31', policy).overall;
      expect(row).toEqual({
        group: 'all',
        appointments: 25,
        attended: 15,
        didNotAttend: 10,
        didNotAttendPct: 40.9,
        cancelledByYoungPerson: null,
        cancelledByFamily: 0,
        cancelledByService: 0,
        stillBooked: 0,
        suppressed: false,
      });
    });

    it('withholds the rate when the did-not-attend count is suppressed, and a small group entirely', () => {
      const few = summary(12, 'gp', [
        ...times(20, () => on('2026-03-04', 'attended')),
        ...times(3, () => on('2026-03-05', 'did_not_attend')),
      ]);
      const small = summary(17, 'self', [
        on('2026-03-04', 'did_not_attend'),
        on('2026-03-05', 'did_not_attend'),
      ]);
      const report = attendanceRows([few, small], '2026-03-01', '2026-03-31', policy);
      expect(report.bySource.find((r) => r.group === 'gp')).toMatchObject({
        appointments: 25,
        didNotAttend: null,
        didNotAttendPct: null,
      });
      expect(report.bySource.find((r) => r.group === 'self')).toMatchObject({
        appointments: null,
        attended: 0,
        didNotAttend: null,
        didNotAttendPct: null,
        suppressed: true,
      });
    });
  });

  it('under-5: suppresses counts of 1 to 4 and rounds nothing', () => {
    const r = summary(12, 'gp', [
      ...times(6, () => on('2026-03-04', 'attended')),
      ...times(5, () => on('2026-03-05', 'did_not_attend')),
    ]);
    expect(attendanceRows([r], '2026-03-01', '2026-03-31', SUPPRESSION['under-5']).overall).toMatchObject({
      appointments: 11,
      attended: 6,
      didNotAttend: 5,
      didNotAttendPct: 45.5,
    });
  });
});
