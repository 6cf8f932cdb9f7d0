import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
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

type Tally = { referrals: number; declined: number; pathways: number; met: number };

/** Where a referral stands against the 4-week standard at asOf: met, not met, or not yet (or never) judged. */
function fourWeeks(s: ReferralSummary, asOfDate: string): 'met' | 'not_met' | undefined {
  const c = classify(s, 'help_started', asOfDate);
  if (c === null || (c.kind === 'waiting' && c.days <= FOUR_WEEKS_DAYS)) return undefined;
  return c.kind === 'completed' && c.days <= FOUR_WEEKS_DAYS ? 'met' : 'not_met';
}

function toRow(group: string, t: Tally, total: number, policy: SuppressionPolicy): EquityRow {
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

const BREAKDOWNS = {
  source: (s: ReferralSummary) => sourceGroup(s.sourceKind),
  ageBand: (s: ReferralSummary) => ageBand(s.ageAtReferral),
  gender: (s: ReferralSummary) => s.genderGroup ?? 'not_recorded',
  ethnicity: (s: ReferralSummary) => s.ethnicGroup ?? 'not_recorded',
} as const;

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
  const tallies = new Map<string, Tally>();
  const tally = (key: string) =>
    tallies.get(key) ?? tallies.set(key, { referrals: 0, declined: 0, pathways: 0, met: 0 }).get(key)!;
  const counted = referrals.filter(
    (s) =>
      s.status !== 'merged' &&
      s.receivedAt <= cutoff &&
      s.receivedAt.slice(0, 10) >= window.from &&
      s.receivedAt.slice(0, 10) <= window.to,
  );
  for (const s of counted) {
    const standard = fourWeeks(s, window.asOf);
    const keys = Object.entries(BREAKDOWNS).map(([name, groupOf]) => `${name}:${groupOf(s)}`);
    if (s.ageAtReferral >= 0 && s.ageAtReferral < 16) keys.push('under16');
    for (const t of ['all', ...keys].map(tally)) {
      t.referrals += 1;
      t.declined += s.declinedAt != null && s.declinedAt <= cutoff ? 1 : 0;
      t.pathways += standard === undefined ? 0 : 1;
      t.met += standard === 'met' ? 1 : 0;
    }
  }
  const total = counted.length;
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
