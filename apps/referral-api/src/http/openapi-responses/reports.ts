import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { GROUP_BYS, SUPPRESSION_POLICIES, WAIT_MEASURES } from '@app/read-models';
import { OUTCOME_MEASURES, RATERS } from '@app/referral-domain';
import {
  ATTENDANCE_REPORT_EXAMPLE,
  ATTENDANCE_REPORT_SCHEMA,
} from '../../reports/attendance/attendance.openapi';
import {
  arrayOf,
  boolean,
  date,
  json,
  nullable,
  number,
  objectOf,
  oneOfValues,
  textBody,
} from './primitives';
import type { ResponseSpec } from './primitives';

/** A published count: null when the disclosure policy suppresses it. */
const shown: SchemaObject = {
  type: 'integer',
  minimum: 0,
  nullable: true,
  description: 'null when suppressed',
};
const days = nullable(number, 'Calendar days; null when withheld (a median of an even count may end in .5)');
const pct = nullable(number, 'A percentage to one decimal place; null when withheld');

/** `YYYY-MM`, `YYYY-Qn` or `FYYYYY-YY`, as asked for; present when a period was asked (always for commissioners). */
const period: SchemaObject = {
  type: 'string',
  pattern: '^(\\d{4}-(0[1-9]|1[0-2])|\\d{4}-Q[1-4]|FY\\d{4}-\\d{2})$',
  description: 'The reporting period asked for (always, for commissioners)',
};
const group: SchemaObject = {
  type: 'string',
  description:
    '`all`, a PCN code (or `unknown`), a source kind, an age band (5-10, 11-15, 16-19, other) or a month YYYY-MM',
};
const WINDOW = {
  period,
  from: { ...date, description: 'First UTC date of receipt of the referrals counted' },
  to: { ...date, description: 'Last UTC date of receipt of the referrals counted' },
};

const WAITING_TIME_ROW = objectOf(
  {
    group,
    referrals: shown,
    completed: objectOf(
      { count: shown, medianDays: days, p92Days: days, within28DaysPct: pct, suppressed: boolean },
      { closed: true, description: 'Waits the clock stopped by asOf' },
    ),
    waiting: objectOf(
      { count: shown, medianDays: days, p92Days: days, over28DaysCount: shown, suppressed: boolean },
      { closed: true, description: 'Pathways still waiting at the end of asOf' },
    ),
    suppressed: boolean,
  },
  { closed: true },
);

export const WAITING_TIMES_SCHEMA = objectOf(
  {
    measure: oneOfValues(WAIT_MEASURES),
    ...WINDOW,
    asOf: { ...date, description: 'Waits as they stood at the end of this UTC date' },
    groupBy: oneOfValues(GROUP_BYS),
    filters: objectOf(
      {
        pcn: { type: 'string', description: 'Only referrals registered with this PCN (or unknown)' },
        source: { type: 'string', description: 'Only referrals from this kind of source' },
        ageBand: { type: 'string', description: 'Only young people in this age band at referral' },
      },
      { optional: ['pcn', 'source', 'ageBand'], closed: true, description: 'The filters applied, as asked' },
    ),
    suppression: oneOfValues(SUPPRESSION_POLICIES),
    backdatedClockStops: { ...shown, description: 'Clock stops recorded beyond the back-dating window' },
    rows: arrayOf(WAITING_TIME_ROW, 'One per group, in group order'),
  },
  { optional: ['period'], closed: true },
);

export const WAITING_TIMES_EXAMPLE = {
  measure: 'help_started',
  period: '2026-Q3',
  from: '2026-07-01',
  to: '2026-09-30',
  asOf: '2026-09-30',
  groupBy: 'age_band',
  filters: { source: 'school' },
  suppression: 'nhs-secondary-care',
  backdatedClockStops: 0,
  rows: [
    {
      group: '11-15',
      referrals: 85,
      completed: { count: 55, medianDays: 24, p92Days: 41, within28DaysPct: 61.4, suppressed: false },
      waiting: { count: 30, medianDays: 19.5, p92Days: 47, over28DaysCount: 10, suppressed: false },
      suppressed: false,
    },
    {
      group: '5-10',
      referrals: null,
      completed: { count: null, medianDays: null, p92Days: null, within28DaysPct: null, suppressed: true },
      waiting: { count: 0, medianDays: null, p92Days: null, over28DaysCount: 0, suppressed: false },
      suppressed: true,
    },
  ],
};

const WAITING_TIMES_CSV =
  'measure,as_of,suppression,group,referrals,completed_count,completed_median_days,completed_p92_days,completed_within_28_days_pct,waiting_count,waiting_median_days,waiting_p92_days,waiting_over_28_days_count\n' +
  'help_started,2026-09-30,nhs-secondary-care,11-15,85,55,24,41,61.4,30,19.5,47,10\n' +
  'help_started,2026-09-30,nhs-secondary-care,5-10,,,,,,0,,,0\n';

const OUTCOME_ROW = objectOf(
  {
    group,
    measure: oneOfValues([...OUTCOME_MEASURES, 'all'], '`all` in `referrals` (any measure)'),
    rater: oneOfValues([...RATERS, 'all'], '`all` in `referrals`'),
    referralsPaired: shown,
    reliableImprovement: shown,
    noReliableChange: shown,
    reliableDeterioration: shown,
  },
  { closed: true },
);

export const OUTCOMES_SCHEMA = objectOf(
  {
    ...WINDOW,
    groupBy: oneOfValues(GROUP_BYS),
    suppression: oneOfValues(SUPPRESSION_POLICIES),
    measures: arrayOf(OUTCOME_ROW, 'Per group, measure and rater: referrals with a first and last score'),
    referrals: arrayOf(OUTCOME_ROW, 'Per group: each referral over all its measures'),
  },
  { optional: ['period'], closed: true },
);

export const OUTCOMES_EXAMPLE = {
  period: '2026-Q3',
  from: '2026-07-01',
  to: '2026-09-30',
  groupBy: 'none',
  suppression: 'nhs-secondary-care',
  measures: [
    {
      group: 'all',
      measure: 'CORS',
      rater: 'young_person',
      referralsPaired: 40,
      reliableImprovement: 20,
      noReliableChange: 15,
      reliableDeterioration: null,
    },
    {
      group: 'all',
      measure: 'GBO',
      rater: 'young_person',
      referralsPaired: 65,
      reliableImprovement: 45,
      noReliableChange: 15,
      reliableDeterioration: 0,
    },
  ],
  referrals: [
    {
      group: 'all',
      measure: 'all',
      rater: 'all',
      referralsPaired: 70,
      reliableImprovement: 45,
      noReliableChange: 20,
      reliableDeterioration: null,
    },
  ],
};

const ATTENDANCE_CSV =
  'from,to,suppression,breakdown,group,appointments,attended,did_not_attend,did_not_attend_pct,cancelled_by_young_person,cancelled_by_family,cancelled_by_service,still_booked\n' +
  '2026-07-01,2026-09-30,nhs-secondary-care,overall,all,240,165,35,17.6,15,10,10,5\n' +
  '2026-07-01,2026-09-30,nhs-secondary-care,age_band,11-15,135,90,25,21.7,10,,10,0\n' +
  '2026-07-01,2026-09-30,nhs-secondary-care,source,school,110,75,15,16.9,,,10,0\n';

const CSV = 'text/csv';

/** Success responses of the reports: JSON, or CSV with `Accept: text/csv`. */
export const REPORT_RESPONSES: Record<string, ResponseSpec[]> = {
  getWaitingTimes: [
    json(200, 'The waiting-time report', WAITING_TIMES_SCHEMA, WAITING_TIMES_EXAMPLE),
    textBody(
      200,
      'The same rows as CSV (`Accept: text/csv`); suppressed figures are empty',
      CSV,
      WAITING_TIMES_CSV,
    ),
  ],
  getOutcomes: [json(200, 'The outcomes report', OUTCOMES_SCHEMA, OUTCOMES_EXAMPLE)],
  attendanceReport: [
    json(200, 'The attendance report', ATTENDANCE_REPORT_SCHEMA, ATTENDANCE_REPORT_EXAMPLE),
    textBody(
      200,
      'The same rows as CSV (`Accept: text/csv`); suppressed figures are empty',
      CSV,
      ATTENDANCE_CSV,
    ),
  ],
};
