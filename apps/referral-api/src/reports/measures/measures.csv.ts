import type { AccessRow, EquityRow, SpellRow } from '@app/read-models';
import type { AccessReport, EquityReport, SpellsReport } from './measures.service';

type Cell = string | number | null | undefined;

const cell = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: Cell[][]): string => rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

/** Every row of the spells report with its breakdown; suppressed figures are empty cells. */
export function spellsCsv(report: SpellsReport): string {
  const line = (breakdown: string, r: SpellRow): Cell[] => [
    report.from,
    report.to,
    report.asOf,
    report.measure,
    report.suppression,
    breakdown,
    r.group,
    r.spells,
    r.closed,
    r.open,
    r.spellReferrals,
    r.referralsPerSpell,
    r.spellWaits,
    r.spellMedianDays,
    r.spellP92Days,
    r.referrals,
    r.referralWaits,
    r.referralMedianDays,
    r.referralP92Days,
  ];
  return csv([
    [
      'from',
      'to',
      'as_of',
      'measure',
      'suppression',
      'breakdown',
      'group',
      'spells',
      'closed',
      'open',
      'spell_referrals',
      'referrals_per_spell',
      'spell_waits',
      'spell_median_days',
      'spell_p92_days',
      'referrals',
      'referral_waits',
      'referral_median_days',
      'referral_p92_days',
    ],
    line('overall', report.overall),
    ...report.byMonth.map((r) => line('month', r)),
    ...report.byReferralCount.map((r) => line('referral_count', r)),
  ]);
}

/** Every row of the access report with its breakdown and rolling window; suppressed counts are empty cells. */
export function accessCsv(report: AccessReport): string {
  const line = (breakdown: string, r: AccessRow): Cell[] => [
    report.from,
    report.to,
    report.suppression,
    breakdown,
    r.group,
    r.windowFrom,
    r.windowTo,
    r.atLeastOneContact,
    r.atLeastTwoContacts,
  ];
  return csv([
    [
      'from',
      'to',
      'suppression',
      'breakdown',
      'group',
      'window_from',
      'window_to',
      'at_least_one_contact',
      'at_least_two_contacts',
    ],
    line('overall', report.overall),
    ...report.byMonth.map((r) => line('month', r)),
    ...report.byPcn.map((r) => line('pcn', r)),
    ...report.byAgeBand.map((r) => line('age_band', r)),
  ]);
}

/** Every row of the equity report with its breakdown; suppressed figures are empty cells. */
export function equityCsv(report: EquityReport): string {
  const line = (breakdown: string, r: EquityRow): Cell[] => [
    report.from,
    report.to,
    report.asOf,
    report.suppression,
    breakdown,
    r.group,
    r.referrals,
    r.sharePct,
    r.declined,
    r.declinedPct,
    r.fourWeekPathways,
    r.fourWeekMet,
    r.fourWeekMetPct,
  ];
  return csv([
    [
      'from',
      'to',
      'as_of',
      'suppression',
      'breakdown',
      'group',
      'referrals',
      'share_pct',
      'declined',
      'declined_pct',
      'four_week_pathways',
      'four_week_met',
      'four_week_met_pct',
    ],
    line('overall', report.overall),
    line('under_16', report.under16),
    ...report.bySource.map((r) => line('source', r)),
    ...report.byAgeBand.map((r) => line('age_band', r)),
    ...report.byGender.map((r) => line('gender', r)),
    ...report.byEthnicity.map((r) => line('ethnicity', r)),
  ]);
}
