import type { PrescriptionRow, UnmetNeedRow } from '@app/read-models';
import type { PrescriptionsReport, UnmetNeedReport } from './directory-reports.service';

const cell = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: (string | number | null | undefined)[][]): string =>
  rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

/** Every row of the prescriptions report, with its breakdown; suppressed figures are empty cells. */
export function prescriptionsCsv(report: PrescriptionsReport): string {
  const line = (breakdown: string, r: PrescriptionRow) => [
    report.from,
    report.to,
    report.suppression,
    breakdown,
    r.group,
    r.name,
    r.taxonomy,
    r.prescriptions,
    r.attended,
    r.stillAttending,
    r.didNotAttend,
    r.declined,
    r.awaitingUptake,
    r.uptakePct,
  ];
  return csv([
    [
      'from',
      'to',
      'suppression',
      'breakdown',
      'group',
      'name',
      'taxonomy',
      'prescriptions',
      'attended',
      'still_attending',
      'did_not_attend',
      'declined',
      'awaiting_uptake',
      'uptake_pct',
    ],
    line('overall', report.overall),
    ...report.byService.map((r) => line('service', r)),
    ...report.byTaxonomyTerm.map((r) => line('taxonomy_term', r)),
    ...report.byAgeBand.map((r) => line('age_band', r)),
  ]);
}

/** The unmet-need rows by reason and age band; suppressed figures are empty cells. */
export function unmetNeedCsv(report: UnmetNeedReport): string {
  return csv([
    [
      'from',
      'to',
      'suppression',
      'distance_m',
      'reason',
      'age_band',
      'referrals',
      'without_service',
      'without_service_pct',
      'not_located',
    ],
    ...report.rows.map((r: UnmetNeedRow) => [
      report.from,
      report.to,
      report.suppression,
      report.distanceMetres,
      r.reason,
      r.ageBand,
      r.referrals,
      r.withoutService,
      r.withoutServicePct,
      r.notLocated,
    ]),
  ]);
}
