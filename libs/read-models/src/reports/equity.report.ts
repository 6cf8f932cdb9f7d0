import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
import type { AgeBand } from '../referral-summary/referral-summary';
import { ETHNIC_GROUPS, GENDER_GROUPS } from '../referral-summary/equity-groups';
import type { SuppressionPolicy } from './disclosure-control';
import { disclosedRate, endOf } from './disclosed-figures';
import { classify } from './waiting-times.report';

/** The proposed standard: help starts within 4 weeks of referral. */
export const FOUR_WEEKS_DAYS = 28;

/** Who referred, in the groups NHS reporting uses; the service's other source kinds are `other`. */
export const SOURCE_GROUPS = ['gp', 'school', 'parent_carer', 'self', 'camhs', 'other'] as const;
export type SourceGroup = (typeof SOURCE_GROUPS)[number];

const SOURCE_GROUP_OF: Readonly<Record<string, SourceGroup>> = {
  gp: 'gp',
  school: 'school',
  parent_carer: 'parent_carer',
  self: 'self',
  camhs: 'camhs',
  // Mental Health Support Teams are NHS children's mental health services, as CAMHS.
  mhst: 'camhs',
};

export const sourceGroup = (kind: string): SourceGroup => SOURCE_GROUP_OF[kind] ?? 'other';

export const EQUITY_AGE_BANDS = ['5-10', '11-15', '16-19', 'other'] as const;

/** Referrals received in the window in one group, as they stood at asOf; null is a suppressed figure. */
export type EquityRow = {
  group: string;
  referrals: number | null;
  /** This group's share of every referral in the report. */
  sharePct: number | null;
  declined: number | null;
  /** Declined / referrals. */
  declinedPct: number | null;
  /** Referrals that can be judged against the 4-week standard: help started, or 28 days passed without it. */
  fourWeekPathways: number | null;
  /** Of those, help started within 28 days; and as a share of them. */
  fourWeekMet: number | null;
  fourWeekMetPct: number | null;
  suppressed: boolean;
};

export type EquityRows = {
  overall: EquityRow;
  /** Young people under 16 at referral, across the age bands. */
  under16: EquityRow;
  bySource: EquityRow[];
  byAgeBand: EquityRow[];
  byGender: EquityRow[];
  byEthnicity: EquityRow[];
};

/** Referrals of a group, declined by asOf, judged against the 4-week standard, and of those met. */
export type EquityTally = { referrals: number; declined: number; pathways: number; met: number };

/** The groups of the breakdowns a referral counts in. */
export type EquityGroups = {
  sourceGroup: string;
  ageBand: AgeBand;
  /** Aged under 16 at referral (0 to 15: not when the age was not recorded). */
  under16: boolean;
  genderGroup: string;
  ethnicGroup: string;
};

/** Referrals tallied per breakdown group (`source:gp`, `under16`...), before disclosure control. */
export type EquityTallies = Map<string, EquityTally>;

/** Where a referral stands against the 4-week standard at asOf: met, not met, or not yet (or never) judged. */
function fourWeeks(s: ReferralSummary, asOfDate: string): 'met' | 'not_met' | undefined {
  const c = classify(s, 'help_started', asOfDate);
  if (c === null || (c.kind === 'waiting' && c.days <= FOUR_WEEKS_DAYS)) return undefined;
  return c.kind === 'completed' && c.days <= FOUR_WEEKS_DAYS ? 'met' : 'not_met';
}

const BREAKDOWNS = {
  source: (g: EquityGroups) => g.sourceGroup,
  ageBand: (g: EquityGroups) => g.ageBand,
  gender: (g: EquityGroups) => g.genderGroup,
  ethnicity: (g: EquityGroups) => g.ethnicGroup,
} as const;

/** Adds the counts of referrals of these groups to every group they belong to. */
export function tallyEquity(tallies: EquityTallies, groups: EquityGroups, counts: EquityTally): void {
  const keys = Object.entries(BREAKDOWNS).map(([name, groupOf]) => `${name}:${groupOf(groups)}`);
  if (groups.under16) keys.push('under16');
  for (const key of ['all', ...keys]) {
    const t =
      tallies.get(key) ?? tallies.set(key, { referrals: 0, declined: 0, pathways: 0, met: 0 }).get(key)!;
    t.referrals += counts.referrals;
    t.declined += counts.declined;
    t.pathways += counts.pathways;
    t.met += counts.met;
  }
}

function toRow(group: string, t: EquityTally, total: number, policy: SuppressionPolicy): EquityRow {
  const referrals = policy.count(t.referrals);
  return {
    group,
    referrals,
    sharePct: disclosedRate(t.referrals, total, policy),
    declined: policy.count(t.declined),
    declinedPct: disclosedRate(t.declined, t.referrals, policy),
    fourWeekPathways: policy.count(t.pathways),
    fourWeekMet: policy.count(t.met),
    fourWeekMetPct: disclosedRate(t.met, t.pathways, policy),
    suppressed: referrals === null,
  };
}

/**
 * Equity of access (docs/domain.md#equity): the referrals received on the dates from..to (merged
 * duplicates left out), as they stood at the end of asOf, overall, under 16, by source group, age
 * band at referral, gender and ethnicity: how many, their share, how many were declined, and the
 * 4-week referral-to-help standard. Every group of each breakdown has a row, in a fixed order.
 */
export function equityRows(
  referrals: readonly ReferralSummary[],
  window: { from: string; to: string; asOf: string },
  policy: SuppressionPolicy,
): EquityRows {
  const cutoff = endOf(window.asOf);
  const tallies: EquityTallies = new Map();
  const counted = referrals.filter(
    (s) =>
      s.status !== 'merged' &&
      s.receivedAt <= cutoff &&
      s.receivedAt.slice(0, 10) >= window.from &&
      s.receivedAt.slice(0, 10) <= window.to,
  );
  for (const s of counted) {
    const standard = fourWeeks(s, window.asOf);
    tallyEquity(
      tallies,
      {
        sourceGroup: sourceGroup(s.sourceKind),
        ageBand: ageBand(s.ageAtReferral),
        under16: s.ageAtReferral >= 0 && s.ageAtReferral < 16,
        genderGroup: s.genderGroup ?? 'not_recorded',
        ethnicGroup: s.ethnicGroup ?? 'not_recorded',
      },
      {
        referrals: 1,
        declined: s.declinedAt != null && s.declinedAt <= cutoff ? 1 : 0,
        pathways: standard === undefined ? 0 : 1,
        met: standard === 'met' ? 1 : 0,
      },
    );
  }
  return equityRowsOf(tallies, policy);
}

/** The rows of referrals already tallied (by the reference above, or by SQL): every group, in a fixed order. */
export function equityRowsOf(tallies: EquityTallies, policy: SuppressionPolicy): EquityRows {
  const total = tallies.get('all')?.referrals ?? 0;
  const row = (group: string, key: string) =>
    toRow(group, tallies.get(key) ?? { referrals: 0, declined: 0, pathways: 0, met: 0 }, total, policy);
  const rows = (name: keyof typeof BREAKDOWNS, groups: readonly string[]) =>
    groups.map((g) => row(g, `${name}:${g}`));
  return {
    overall: row('all', 'all'),
    under16: row('under_16', 'under16'),
    bySource: rows('source', SOURCE_GROUPS),
    byAgeBand: rows('ageBand', EQUITY_AGE_BANDS),
    byGender: rows('gender', GENDER_GROUPS),
    byEthnicity: rows('ethnicity', ETHNIC_GROUPS),
  };
}
