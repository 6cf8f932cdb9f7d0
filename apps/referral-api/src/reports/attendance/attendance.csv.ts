import type { AttendanceRow } from '@app/read-models';
import type { AttendanceReport } from './attendance.handler';

const HEADER = [
  'from',
  'to',
  'suppression',
  'breakdown',
  'group',
  'appointments',
  'attended',
  'did_not_attend',
  'did_not_attend_pct',
  'cancelled_by_young_person',
  'cancelled_by_family',
  'cancelled_by_service',
  'still_booked',
];

const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The overall row, then the age-band and source rows, as CSV; suppressed figures are empty cells. */
export function attendanceCsv(report: AttendanceReport): string {
  const line = (breakdown: string, r: AttendanceRow) =>
    [
      report.from,
      report.to,
      report.suppression,
      breakdown,
      r.group,
      r.appointments,
      r.attended,
      r.didNotAttend,
      r.didNotAttendPct,
      r.cancelledByYoungPerson,
      r.cancelledByFamily,
      r.cancelledByService,
      r.stillBooked,
    ]
      .map(cell)
      .join(',');
  const lines = [
    line('overall', report.overall),
    ...report.byAgeBand.map((r) => line('age_band', r)),
    ...report.bySource.map((r) => line('source', r)),
  ];
  return [HEADER.join(','), ...lines].join('\n') + '\n';
}
