import { sql } from 'kysely';
import type { Expression } from 'kysely';
import type { ReadModelDb } from '../database';
import { isSqlite } from '../spells/person-keys.sql';
import { CLOCK_COLUMNS, dayNumber, parseEquityGroups } from '../report-facts/report-facts';
import { FOUR_WEEKS_DAYS, tallyEquity } from '../reports/equity.report';
import type { EquityTallies } from '../reports/equity.report';
import type { Change } from '../reports/outcome-measures';
import type { OutcomeTallies } from '../reports/outcomes.report';
import { tallyOutcome } from '../reports/outcomes.report';
import { addToHistogram } from '../reports/statistics';
import type { GroupBy, WaitMeasure, WaitTally } from '../reports/waiting-times.report';

/** Referrals received on the UTC dates from..to (inclusive), as they stood at the end of asOf. */
export type ReportWindow = { from: string; to: string; asOf: string };

/** Cuts of the waiting-times report: a PCN (`unknown` for none), a source kind, an age band at referral. */
export type WaitFilters = { pcn?: string; source?: string; ageBand?: string };

/** The column a report groups by; none for one group, `all`. */
const GROUP_COLUMNS = {
  none: undefined,
  pcn: 'pcn',
  source: 'source_kind',
  age_band: 'age_band',
  month: 'received_month',
} as const satisfies Record<GroupBy, string | undefined>;

/**
 * A UTC date as its day number, written into the SQL as a literal: SQLite folds the constants of the
 * expressions counted by (about 12% faster than bound parameters over 200,000 rows). Only integers.
 */
function day(date: string) {
  const n = dayNumber(date);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a UTC date: ${date}`);
  return sql.lit(n);
}

/** Counts and sums as numbers (PostgreSQL returns bigints and numerics as text). */
const num = (n: unknown) => Number(n ?? 0);

// Where a referral stood at asOf for a clock, as `classify` has it. SQL counts by one integer,
// `days * 4 + standing` (grouping by one integer is about twice as fast on SQLite as by two).
const STANDINGS = 4;
const LATER = 0;
const COMPLETED = 1;
const CLOSED = 2;
const WAITING = 3;

/**
 * The waiting-times tallies (see `waitingTimeRows`) of the referrals received from..to that match the
 * filters, counted in SQL: per group, its referrals and a histogram of completed and still-waiting
 * waits (whole days, as they stood at the end of asOf), and the back-dated clock stops of them all.
 */
export async function waitingTimeTallies(
  db: ReadModelDb,
  q: ReportWindow & { measure: WaitMeasure; groupBy: GroupBy; filters: WaitFilters },
): Promise<{ groups: Map<string, WaitTally>; backdatedClockStops: number }> {
  const asOf = day(q.asOf);
  const { stop, wait } = CLOCK_COLUMNS[q.measure];
  const group = GROUP_COLUMNS[q.groupBy];
  const f = q.filters;
  const rows = await db
    .selectFrom('referral_report_facts')
    .$if(group !== undefined, (qb) => qb.select(group!).groupBy(group!))
    .select((eb) => {
      const standing = eb
        .case()
        .when('received_day', '>', asOf)
        .then(sql.lit(LATER))
        .when(stop, '<=', asOf)
        .then(sql<number>`${eb.ref(wait)} * ${sql.lit(STANDINGS)} + ${sql.lit(COMPLETED)}`)
        .when('closed_day', '<=', asOf)
        .then(sql.lit(CLOSED))
        .else(
          sql<number>`(${asOf} - ${eb.ref('received_day')}) * ${sql.lit(STANDINGS)} + ${sql.lit(WAITING)}`,
        )
        .end();
      return [
        standing.as('standing'),
        eb.fn.countAll<string | number>().as('n'),
        eb.fn.sum<string | number>('backdated_clock_stops').as('backdated'),
      ];
    })
    .where('received_day', '>=', day(q.from))
    .where('received_day', '<=', day(q.to))
    .$if(f.pcn !== undefined, (qb) => qb.where('pcn', '=', f.pcn!))
    .$if(f.source !== undefined, (qb) => qb.where('source_kind', '=', f.source!))
    .$if(f.ageBand !== undefined, (qb) => qb.where('age_band', '=', f.ageBand!))
    .groupBy('standing')
    .execute();
  const groups = new Map<
    string,
    { referrals: number; completed: Map<number, number>; waiting: Map<number, number> }
  >();
  let backdatedClockStops = 0;
  for (const r of rows) {
    const n = num(r.n);
    backdatedClockStops += num(r.backdated);
    const packed = num(r.standing);
    const standing = ((packed % STANDINGS) + STANDINGS) % STANDINGS;
    // A referral not yet received at asOf did not exist then: it is in no group and no count.
    if (standing === LATER) continue;
    const key = group === undefined ? 'all' : String((r as Record<string, unknown>)[group]);
    const g = groups.get(key) ?? {
      referrals: 0,
      completed: new Map<number, number>(),
      waiting: new Map<number, number>(),
    };
    groups.set(key, g);
    g.referrals += n;
    const days = (packed - standing) / STANDINGS;
    if (standing === COMPLETED) addToHistogram(g.completed, days, n);
    if (standing === WAITING) addToHistogram(g.waiting, days, n);
  }
  return { groups, backdatedClockStops };
}

/**
 * The equity tallies (see `equityRows`) of the referrals received from..to, merged duplicates left
 * out, as they stood at the end of asOf, counted in SQL per combination of groups.
 *
 * SQLite groups by sorting every row of the window (about 150,000 in a financial year, most of the
 * report's time), so there the combinations are found one at a time in the equity index, each the
 * least greater than the last (a handful of index seeks), and each one's window read from that index
 * in its order: nothing to sort. PostgreSQL groups by hashing, and counts the window as it stands.
 */
export async function equityTallies(db: ReadModelDb, w: ReportWindow): Promise<EquityTallies> {
  const asOf = day(w.asOf);
  const { stop, wait } = CLOCK_COLUMNS.help_started;
  const groups = isSqlite(db)
    ? db
        .withRecursive('combination(groups)', (cte) =>
          cte.selectNoFrom(leastGroupsAfter().as('groups')).unionAll((next) =>
            next
              .selectFrom('combination')
              .select((eb) => leastGroupsAfter(eb.ref('combination.groups')).as('groups'))
              .where('combination.groups', 'is not', null),
          ),
        )
        .selectFrom('combination')
        .innerJoin('referral_report_facts', 'referral_report_facts.equity_groups', 'combination.groups')
        .select('combination.groups as equity_groups')
        .groupBy('combination.groups')
    : db.selectFrom('referral_report_facts').select('equity_groups').groupBy('equity_groups');
  const rows = await groups
    .select((eb) => {
      const one = sql.lit(1);
      const zero = sql.lit(0);
      // Judged against the 4-week standard: help started by asOf, or more than 28 days waited without it.
      const judged = eb
        .case()
        .when(stop, '<=', asOf)
        .then(one)
        .when('closed_day', '<=', asOf)
        .then(zero)
        .when(sql<number>`${asOf} - ${eb.ref('received_day')}`, '>', sql.lit(FOUR_WEEKS_DAYS))
        .then(one)
        .else(zero)
        .end();
      const met = eb
        .case()
        .when(eb.and([eb(stop, '<=', asOf), eb(wait, '<=', sql.lit(FOUR_WEEKS_DAYS))]))
        .then(one)
        .else(zero)
        .end();
      const declined = eb.case().when('declined_day', '<=', asOf).then(one).else(zero).end();
      return [
        eb.fn.countAll<string | number>().as('referrals'),
        eb.fn.sum<string | number>(declined).as('declined'),
        eb.fn.sum<string | number>(judged).as('pathways'),
        eb.fn.sum<string | number>(met).as('met'),
      ];
    })
    .where('received_day', '>=', day(w.from))
    .where('received_day', '<=', day(w.to < w.asOf ? w.to : w.asOf))
    .where('status', '<>', 'merged')
    .execute();
  const tallies: EquityTallies = new Map();
  for (const r of rows)
    tallyEquity(tallies, parseEquityGroups(String(r.equity_groups)), {
      referrals: num(r.referrals),
      declined: num(r.declined),
      pathways: num(r.pathways),
      met: num(r.met),
    });
  return tallies;
}

/** The least equity combination of all report facts, or of those after `after`: one seek in the equity index. */
const leastGroupsAfter = (after?: Expression<string | null>) =>
  sql<string | null>`(select min(equity_groups) from referral_report_facts${
    after === undefined ? sql`` : sql` where equity_groups > ${after}`
  })`;

/**
 * The outcome tallies (see `outcomeRows`) of the referrals received from..to, counted in SQL: paired
 * measures per group, measure, rater and reliable change, and referrals per group and change.
 */
export async function outcomeTallies(
  db: ReadModelDb,
  q: { from: string; to: string; groupBy: GroupBy },
): Promise<OutcomeTallies> {
  const from = day(q.from);
  const to = day(q.to);
  const group = GROUP_COLUMNS[q.groupBy];
  const groupOf = (row: object) =>
    group === undefined ? 'all' : String((row as Record<string, unknown>)[group]);
  const pairs = await db
    .selectFrom('referral_outcome_pairs')
    .$if(group !== undefined, (qb) => qb.select(group!).groupBy(group!))
    .select((eb) => ['measure', 'rater', 'reliable_change', eb.fn.countAll<string | number>().as('n')])
    .where('received_day', '>=', from)
    .where('received_day', '<=', to)
    .groupBy(['measure', 'rater', 'reliable_change'])
    .execute();
  const referrals = await db
    .selectFrom('referral_report_facts')
    .$if(group !== undefined, (qb) => qb.select(group!).groupBy(group!))
    .select((eb) => ['outcome_change', eb.fn.countAll<string | number>().as('n')])
    .where('received_day', '>=', from)
    .where('received_day', '<=', to)
    .where('outcome_change', 'is not', null)
    .groupBy('outcome_change')
    .execute();
  const tallies: OutcomeTallies = { measures: new Map(), referrals: new Map() };
  for (const p of pairs)
    tallyOutcome(
      tallies.measures,
      `${groupOf(p)}|${p.measure}|${p.rater}`,
      p.reliable_change as Change | null,
      num(p.n),
    );
  for (const r of referrals)
    tallyOutcome(tallies.referrals, `${groupOf(r)}|all|all`, r.outcome_change as Change, num(r.n));
  return tallies;
}
