import {
  ETHNIC_GROUPS,
  GENDER_GROUPS,
  SOURCE_GROUPS,
  SUPPRESSION_POLICIES,
  WAIT_MEASURES,
} from '@app/read-models';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  arrayOf,
  boolean,
  date,
  json,
  nullable,
  number,
  objectOf,
  oneOfValues,
  text,
  textBody,
} from './primitives';
import type { ResponseSpec } from './primitives';
import { ACCESS_EXAMPLE, EQUITY_EXAMPLE, SPELLS_EXAMPLE } from './measures-examples';

const count: SchemaObject = {
  type: 'integer',
  minimum: 0,
  nullable: true,
  description: 'null when suppressed',
};
const days = nullable(number, 'Calendar days; null when withheld (a median of an even count may end in .5)');
const pct = nullable(number, 'A percentage of the exact counts, to one decimal place; null when withheld');

const SCOPE = {
  period: {
    type: 'string',
    pattern: '^(\\d{4}-(0[1-9]|1[0-2])|\\d{4}-Q[1-4]|FY\\d{4}-\\d{2})$',
    description: 'The reporting period asked for (always, for commissioners)',
  } as SchemaObject,
  from: { ...date, description: 'First UTC date of the period or window' },
  to: { ...date, description: 'Last UTC date of the period or window' },
  suppression: oneOfValues(SUPPRESSION_POLICIES),
};
const AS_OF = { ...date, description: 'Figures as they stood at the end of this UTC date' };

const SPELL_ROW = objectOf(
  {
    group: { ...text, description: '`all`, a month YYYY-MM, or referrals per spell (`1`, `2`, `3+`)' },
    spells: { ...count, description: 'Spells that started in the window; null when suppressed' },
    closed: { ...count, description: 'Of those, closed by asOf (their last referral closed)' },
    open: { ...count, description: 'Of those, still open at asOf' },
    spellReferrals: { ...count, description: 'Referrals in those spells' },
    referralsPerSpell: nullable(number, 'spellReferrals / spells to two decimals; null when withheld'),
    spellWaits: {
      ...count,
      description: "Spells whose clock stopped by asOf (the first stop of any of the spell's referrals)",
    },
    spellMedianDays: days,
    spellP92Days: days,
    referrals: { ...count, description: 'Referrals received in the window (merged duplicates left out)' },
    referralWaits: { ...count, description: 'Of those, waits the clock stopped by asOf' },
    referralMedianDays: days,
    referralP92Days: days,
    suppressed: boolean,
  },
  { closed: true },
);

const ACCESS_ROW = objectOf(
  {
    group: {
      ...text,
      description:
        '`all`, a month YYYY-MM, a PCN code (or `unknown`) or an age band (0-4, 5-10, 11-15, 16-17)',
    },
    windowFrom: { ...date, description: 'First day of the rolling 12 months' },
    windowTo: { ...date, description: 'Last day of the rolling 12 months' },
    atLeastOneContact: {
      ...count,
      description: 'MHS95 style: young people with an attended contact while under 18',
    },
    atLeastTwoContacts: {
      ...count,
      description: 'MHS69 style: young people with two or more attended contacts, the first while under 18',
    },
    suppressed: boolean,
  },
  { closed: true },
);

const EQUITY_ROW = objectOf(
  {
    group: {
      ...text,
      description: `\`all\`, \`under_16\`, a source group (${SOURCE_GROUPS.join(', ')}), an age band at referral (5-10, 11-15, 16-19, other), a gender group (${GENDER_GROUPS.join(', ')}) or an ethnic group (${ETHNIC_GROUPS.join(', ')})`,
    },
    referrals: count,
    sharePct: { ...pct, description: "This group's share of every referral in the report" },
    declined: count,
    declinedPct: { ...pct, description: 'declined / referrals' },
    fourWeekPathways: {
      ...count,
      description: 'Referrals judged against the 4-week standard: help started, or 28 days passed without it',
    },
    fourWeekMet: { ...count, description: 'Of those, help started within 28 days' },
    fourWeekMetPct: { ...pct, description: 'fourWeekMet / fourWeekPathways' },
    suppressed: boolean,
  },
  { closed: true },
);

const CSV = (what: string) =>
  `The same rows as CSV (\`Accept: text/csv\`), one per group with its breakdown; ${what} empty`;

/** Success responses of the spells, access and equity reports (issue 20): JSON, or CSV with `Accept: text/csv`. */
export const MEASURES_RESPONSES: Record<string, ResponseSpec[]> = {
  spellsReport: [
    json(
      200,
      'Referral spells and their waits, per spell and per referral',
      objectOf(
        {
          ...SCOPE,
          asOf: AS_OF,
          measure: oneOfValues(WAIT_MEASURES, 'The clock the waits stop at'),
          overall: SPELL_ROW,
          byMonth: arrayOf(
            SPELL_ROW,
            'Every month of the window: spells by the month they started, referrals by the month received',
          ),
          byReferralCount: arrayOf(
            SPELL_ROW,
            "Spells with 1, 2, and 3 or more referrals (a referral counts in its spell's group)",
          ),
        },
        { optional: ['period'], closed: true },
      ),
      SPELLS_EXAMPLE,
    ),
    textBody(
      200,
      CSV('suppressed or withheld figures are'),
      'text/csv',
      'from,to,as_of,measure,suppression,breakdown,group,spells,closed,open,spell_referrals,referrals_per_spell,spell_waits,spell_median_days,spell_p92_days,referrals,referral_waits,referral_median_days,referral_p92_days\n' +
        '2026-07-01,2026-09-30,2026-09-30,help_started,nhs-secondary-care,overall,all,120,45,75,135,1.12,80,27,64,130,85,24,58\n',
    ),
  ],
  accessReport: [
    json(
      200,
      'Young people with one, and with two, attended contacts in rolling 12 months',
      objectOf(
        {
          ...SCOPE,
          overall: { ...ACCESS_ROW, description: 'The 12 months ending on `to`' },
          byMonth: arrayOf(
            ACCESS_ROW,
            'Each month of the window: the 12 months ending on its last day (on `to` for the last)',
          ),
          byPcn: arrayOf(ACCESS_ROW, 'The 12 months ending on `to`, by the PCN of the contact counted'),
          byAgeBand: arrayOf(ACCESS_ROW, 'The 12 months ending on `to`, by the age at the contact counted'),
        },
        { optional: ['period'], closed: true },
      ),
      ACCESS_EXAMPLE,
    ),
    textBody(
      200,
      CSV('suppressed counts are'),
      'text/csv',
      'from,to,suppression,breakdown,group,window_from,window_to,at_least_one_contact,at_least_two_contacts\n' +
        '2026-07-01,2026-09-30,nhs-secondary-care,overall,all,2025-10-01,2026-09-30,410,325\n',
    ),
  ],
  equityReport: [
    json(
      200,
      'Referrals, declines and the 4-week standard by source, age band, gender and ethnicity',
      objectOf(
        {
          ...SCOPE,
          asOf: AS_OF,
          overall: EQUITY_ROW,
          under16: { ...EQUITY_ROW, description: 'Young people under 16 at referral (group `under_16`)' },
          bySource: arrayOf(EQUITY_ROW, `Every source group, in this order: ${SOURCE_GROUPS.join(', ')}`),
          byAgeBand: arrayOf(
            EQUITY_ROW,
            'Every age band at referral: 5-10, 11-15, 16-19, other (not recorded)',
          ),
          byGender: arrayOf(EQUITY_ROW, `Every gender group: ${GENDER_GROUPS.join(', ')}`),
          byEthnicity: arrayOf(EQUITY_ROW, `Every NHS ethnic category group: ${ETHNIC_GROUPS.join(', ')}`),
        },
        { optional: ['period'], closed: true },
      ),
      EQUITY_EXAMPLE,
    ),
    textBody(
      200,
      CSV('suppressed or withheld figures are'),
      'text/csv',
      'from,to,as_of,suppression,breakdown,group,referrals,share_pct,declined,declined_pct,four_week_pathways,four_week_met,four_week_met_pct\n' +
        '2026-07-01,2026-09-30,2026-09-30,nhs-secondary-care,overall,all,310,100,35,11.3,240,150,62.8\n',
    ),
  ],
};
