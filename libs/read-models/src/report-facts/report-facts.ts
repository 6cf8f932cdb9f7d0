import { createHash } from 'node:crypto';
import { calendarDaysBetween } from '@app/referral-domain';
import type { ReferralOutcomePairTable, ReferralReportFactsTable } from './report-facts.schema';
import type { ReferralPrescriptionFactsTable } from './prescription-facts';
import type { ReferralContactFactsTable } from './contact-facts';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
import type { AgeBand } from '../referral-summary/referral-summary';
import { accessBandOf, ageAtContact } from '../reports/access.report';
import { sourceGroup } from '../reports/equity.report';
import { pairedMeasures, referralChange } from '../reports/outcomes.report';
import type { WaitMeasure } from '../reports/waiting-times.report';
import { clockStop } from '../reports/waiting-times.report';

/**
 * The derivation below. Bump it whenever what it writes changes (a column, a group, a rule it applies):
 * opening the read models then derives every row again from the summaries, without a replay.
 */
export const REPORT_FACTS_VERSION = 3;

const DAY_MS = 86_400_000;

/**
 * The UTC day number (days since 1970-01-01) of the date an ISO date or time is written on. Times in
 * events are UTC (`toISOString`, as every intake path normalises them), so for any UTC date `d`,
 * `time <= 'dT23:59:59.999Z'` exactly when `dayNumber(time) <= dayNumber(d)`: what the reports compare.
 */
export const dayNumber = (iso: string): number =>
  Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** The stop-day and wait columns of each waiting clock. */
export const CLOCK_COLUMNS = {
  acceptance: { stop: 'acceptance_stop_day', wait: 'acceptance_wait_days' },
  first_contact: { stop: 'first_contact_stop_day', wait: 'first_contact_wait_days' },
  second_contact: { stop: 'second_contact_stop_day', wait: 'second_contact_wait_days' },
  help_started: { stop: 'help_started_stop_day', wait: 'help_started_wait_days' },
} as const satisfies Record<
  WaitMeasure,
  { stop: keyof ReferralReportFactsTable; wait: keyof ReferralReportFactsTable }
>;

function clockFacts(s: ReferralSummary) {
  const facts: Partial<Record<keyof ReferralReportFactsTable, number | null>> = {};
  for (const [measure, columns] of Object.entries(CLOCK_COLUMNS)) {
    const stop = clockStop(s, measure as WaitMeasure);
    facts[columns.stop] = stop === null ? null : dayNumber(stop);
    facts[columns.wait] = stop === null ? null : calendarDaysBetween(s.receivedAt, stop);
  }
  return facts as Pick<
    ReferralReportFactsTable,
    (typeof CLOCK_COLUMNS)[WaitMeasure]['stop'] | (typeof CLOCK_COLUMNS)[WaitMeasure]['wait']
  >;
}

const firstDay = (times: (string | null | undefined)[]): number | null => {
  const days = times.filter((t): t is string => t != null).map(dayNumber);
  return days.length ? Math.min(...days) : null;
};

/** How `equity_groups` joins the groups: no group name holds it. */
const EQUITY_SEPARATOR = '|';

function equityGroupsOf(s: ReferralSummary): string {
  return [
    sourceGroup(s.sourceKind),
    ageBand(s.ageAtReferral),
    s.ageAtReferral >= 0 && s.ageAtReferral < 16 ? 1 : 0,
    s.genderGroup ?? 'not_recorded',
    s.ethnicGroup ?? 'not_recorded',
  ].join(EQUITY_SEPARATOR);
}

/** The groups `equity_groups` holds. */
export function parseEquityGroups(groups: string): {
  sourceGroup: string;
  ageBand: AgeBand;
  under16: boolean;
  genderGroup: string;
  ethnicGroup: string;
} {
  const [source, band, under16, gender, ethnicity] = groups.split(EQUITY_SEPARATOR) as [
    string,
    AgeBand,
    string,
    string,
    string,
  ];
  return {
    sourceGroup: source,
    ageBand: band,
    under16: under16 === '1',
    genderGroup: gender,
    ethnicGroup: ethnicity,
  };
}

/** A referral's prescriptions as report rows. */
export const prescriptionFactsOf = (s: ReferralSummary): ReferralPrescriptionFactsTable[] =>
  (s.prescriptions ?? []).map((p) => ({
    prescribed_day: dayNumber(p.prescribedAt),
    referral_id: s.referralId,
    prescription_id: p.prescriptionId,
    service_id: p.serviceId,
    uptake: p.uptake,
    age_band: ageBand(s.ageAtReferral),
  }));

/** A short fingerprint of a sealed identity envelope (not of anything in it: it is ciphertext). */
export const identityFingerprint = (sealed: ReferralSummary['sealedIdentity']): string | null =>
  sealed === null ? null : createHash('sha256').update(JSON.stringify(sealed)).digest('hex').slice(0, 16);

/**
 * A referral's attended contacts as rows, one per time. Erased (no sealed identity), the band is the
 * age at referral plus the whole years since, as the access report has it; otherwise left to be stamped.
 */
export function contactFactsOf(s: ReferralSummary): ReferralContactFactsTable[] {
  const identity_fp = identityFingerprint(s.sealedIdentity);
  return [...new Set(s.attendedSessions)].map((at) => ({
    contact_day: dayNumber(at),
    referral_id: s.referralId,
    contact_at: at,
    received_at: s.receivedAt,
    pcn: s.pcnCode ?? 'unknown',
    age_band: identity_fp === null ? accessBandOf(ageAtContact({ dateOfBirth: null, summary: s }, at)) : null,
    identity_fp,
  }));
}

/** A referral's report facts, its outcome pairs, its prescriptions and its attended contacts. */
export type ReportRows = {
  facts: ReferralReportFactsTable;
  pairs: ReferralOutcomePairTable[];
  prescriptions: ReferralPrescriptionFactsTable[];
  contacts: ReferralContactFactsTable[];
};

/**
 * What the reports aggregate of one referral, read from its summary as the reference reports read it
 * (docs/domain.md#waiting-time-statistics, #equity, #reliable-change): groups, clock stops, closure,
 * and each measure's reliable change with what groups it.
 */
export function reportRowsOf(s: ReferralSummary): ReportRows {
  const paired = pairedMeasures(s);
  const facts: ReferralReportFactsTable = {
    referral_id: s.referralId,
    version: REPORT_FACTS_VERSION,
    received_day: dayNumber(s.receivedAt),
    received_month: s.receivedAt.slice(0, 7),
    status: s.status,
    pcn: s.pcnCode ?? 'unknown',
    source_kind: s.sourceKind,
    age_band: ageBand(s.ageAtReferral),
    equity_groups: equityGroupsOf(s),
    // A merged duplicate leaves the waits (its wait is counted on the referral it joined).
    closed_day: firstDay([s.declinedAt, s.withdrawnAt, s.mergedAt, s.endedAt]),
    declined_day: firstDay([s.declinedAt]),
    ...clockFacts(s),
    backdated_clock_stops: s.backdatedClockStops ?? 0,
    outcome_change: referralChange(paired),
  };
  const pairs = paired.map((p) => ({
    referral_id: s.referralId,
    measure: p.measure,
    rater: p.rater,
    reliable_change: p.change,
    received_day: facts.received_day,
    received_month: facts.received_month,
    pcn: facts.pcn,
    source_kind: facts.source_kind,
    age_band: facts.age_band,
  }));
  return { facts, pairs, prescriptions: prescriptionFactsOf(s), contacts: contactFactsOf(s) };
}
