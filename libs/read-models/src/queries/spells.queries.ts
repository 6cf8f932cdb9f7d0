import { sql } from 'kysely';
import type { ReadModelDb } from '../database';
import { CLOCK_COLUMNS, dayNumber } from '../report-facts/report-facts';
import { SPELL_JOIN_DAYS, emptySpellTally, sizeGroup } from '../reports/spells.report';
import type { SpellTally } from '../reports/spells.report';
import { addToHistogram } from '../reports/statistics';
import type { WaitMeasure } from '../reports/waiting-times.report';
import type { ReportWindow } from './report-facts.queries';
import { OPEN_DAY } from '../spells/person-spells.schema';
import { spelledCtes } from '../spells/person-keys.sql';
import { refreshPersonSpells } from '../spells/person-spells';
import { NO_WAIT, groupsSql, spellMonthGroups } from '../spells/spell-tally';
import type { SpellGroup } from '../spells/spell-tally';
import { lastDayOf } from '../reports/disclosed-figures';

/** A UTC date as its day number, an integer literal in the SQL (as the other report queries). */
function day(date: string) {
  const n = dayNumber(date);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a UTC date: ${date}`);
  return sql.lit(n);
}

const num = (n: unknown) => Number(n ?? 0);

/** A row of the spells tallies: spells started, or referrals received, by month, size and wait. */
type TallyRow = {
  kind: 'spell' | 'referral';
  month: string;
  size: number | string;
  wait: number | string | null;
  n: number | string;
  closed: number | string;
  referrals: number | string;
};

/** The tallies per group (`all`, `month:YYYY-MM`, `size:1|2|3+`) of the rows a spells query counted. */
function talliesOf(rows: readonly TallyRow[]): Map<string, SpellTally> {
  const tallies = new Map<string, SpellTally & ReturnType<typeof emptySpellTally>>();
  const tally = (key: string) => tallies.get(key) ?? tallies.set(key, emptySpellTally()).get(key)!;
  for (const r of rows) {
    const n = num(r.n);
    const waited = r.wait === null ? null : num(r.wait);
    for (const t of ['all', `month:${r.month}`, `size:${sizeGroup(num(r.size))}`].map(tally))
      if (r.kind === 'spell') {
        t.spells += n;
        t.closed += num(r.closed);
        t.spellReferrals += num(r.referrals);
        if (waited !== null) addToHistogram(t.spellWaits, waited, n);
      } else {
        t.referrals += n;
        if (waited !== null) addToHistogram(t.referralWaits, waited, n);
      }
  }
  return tallies;
}

/**
 * The referral spells tallies (see `spellRows`) of the window, counted in SQL: spells started from..to
 * and referrals received then, as they stood at the end of asOf, per group (`all`, `month:YYYY-MM`,
 * `size:1|2|3+`), with histograms of their waits.
 *
 * Young people and their spells come from the kept spells (`referral_person_spell`, ADR 0019), brought
 * up to date first: matched as `personKeys` does, over every referral of the blind index
 * (docs/domain.md#recognising-a-young-person), spells as `referralSpells`. A young person with nothing
 * recorded after asOf has the spells kept, counted by one grouped scan (`keptTallies`); the others'
 * spells as at asOf are built on the request from their referrals up to then (`buildTallies`).
 */
export async function spellTallies(
  db: ReadModelDb,
  q: ReportWindow & { measure: WaitMeasure },
): Promise<Map<string, SpellTally>> {
  await refreshPersonSpells(db);
  const [asOf, from, to] = [day(q.asOf), day(q.from), day(q.to)];
  const unsettled = await db
    .selectFrom('referral_person_spell')
    .select('referral_id')
    .where('person_last_day', '>', dayNumber(q.asOf))
    .limit(1)
    .execute();
  const window = sql`received_day >= ${from} AND received_day <= ${to}`;
  let groups: SpellGroup[];
  if (q.from.endsWith('-01') && lastDayOf(q.to.slice(0, 7)) === q.to) {
    // Whole months: the kept month tally, less the young people with something recorded after asOf.
    groups = await spellMonthGroups(db, q.measure, q.from.slice(0, 7), q.to.slice(0, 7));
    if (unsettled.length)
      groups = less(
        groups,
        (await groupsSql(q.measure, sql`${window} AND person_last_day > ${asOf}`).execute(db)).rows,
      );
  } else
    groups = (await groupsSql(q.measure, sql`${window} AND person_last_day <= ${asOf}`).execute(db)).rows;
  const built = unsettled.length ? await buildTallies(db, q) : [];
  return talliesOf([...groups.flatMap(tallyRowsOf), ...built]);
}

/** `capped` size (the `3+` group). */
const capped = (column: string) => sql`CASE WHEN ${sql.ref(column)} >= 3 THEN 3 ELSE ${sql.ref(column)} END`;

const groupKey = (g: SpellGroup) => [g.month, g.size, g.wait, g.starts, g.spell_wait, g.closed].join('|');

/** The groups of `all` with those of `some` (a part of them) taken away. */
function less(all: readonly SpellGroup[], some: readonly SpellGroup[]): SpellGroup[] {
  const left = new Map(all.map((g) => [groupKey(g), { ...g, n: num(g.n), referrals: num(g.referrals) }]));
  for (const g of some) {
    const kept = left.get(groupKey(g))!;
    kept.n -= num(g.n);
    kept.referrals -= num(g.referrals);
  }
  return [...left.values()].filter((g) => g.n !== 0);
}

/**
 * The rows one group counts: its referrals, and the spells of those that start one (a spell's first
 * referral was received on its start day, so a spell counts in its first referral's month).
 */
function tallyRowsOf(g: SpellGroup): TallyRow[] {
  const wait = (w: number | string) => (num(w) === NO_WAIT ? null : w);
  const referral: TallyRow = {
    kind: 'referral',
    month: g.month,
    size: g.size,
    wait: wait(g.wait),
    n: g.n,
    closed: 0,
    referrals: 0,
  };
  if (num(g.starts) !== 1) return [referral];
  const spell: TallyRow = {
    kind: 'spell',
    month: g.month,
    size: g.size,
    wait: wait(g.spell_wait),
    n: g.n,
    closed: num(g.closed) * num(g.n),
    referrals: g.referrals,
  };
  return [referral, spell];
}

/**
 * The spells as at asOf of the young people with something recorded after it, built from their
 * referrals up to asOf (keys as kept, merged referrals left out): a referral starts a spell unless it
 * arrives within SPELL_JOIN_DAYS days of the latest end (open: `OPEN_DAY`) of the person's earlier
 * referrals. That latest end is the current spell's: a referral never closes before it was received
 * (the decider refuses such times), so a spell ends no earlier than it starts, later than every
 * earlier spell ended. Days decide it all: whole-day differences, and referrals received on one day
 * always share a spell whatever their order.
 */
async function buildTallies(db: ReadModelDb, q: ReportWindow & { measure: WaitMeasure }) {
  const [asOf, from, to] = [day(q.asOf), day(q.from), day(q.to)];
  const { stop, wait } = CLOCK_COLUMNS[q.measure];
  const stopDay = sql.ref(`f.${stop}`);
  const waitDays = sql.ref(`f.${wait}`);
  const { rows } = await sql<TallyRow>`
    WITH keyed AS (
      SELECT f.referral_id, f.received_day, f.received_month,
        CASE WHEN f.closed_day <= ${asOf} THEN f.closed_day ELSE ${sql.lit(OPEN_DAY)} END AS end_day,
        CASE WHEN ${stopDay} <= ${asOf} THEN ${stopDay} END AS stop_day,
        CASE WHEN ${stopDay} <= ${asOf} THEN ${waitDays} END AS wait_days,
        p.person_key AS person
      FROM referral_person_spell p JOIN referral_report_facts f ON f.referral_id = p.referral_id
      WHERE p.person_last_day > ${asOf} AND f.received_day <= ${asOf} AND p.merged = 0
    ),
    ${spelledCtes(SPELL_JOIN_DAYS, sql`MIN(stop_day) OVER w AS first_stop`)}
    SELECT 'spell' AS kind, start_month AS month, ${capped('size')} AS size, first_stop - start_day AS wait,
      COUNT(*) AS n, SUM(CASE WHEN spell_end < ${sql.lit(OPEN_DAY)} THEN 1 ELSE 0 END) AS closed,
      SUM(size) AS referrals
    FROM spelled WHERE starts = 1 AND start_day >= ${from} AND start_day <= ${to}
    GROUP BY start_month, ${capped('size')}, first_stop - start_day
    UNION ALL
    SELECT 'referral' AS kind, received_month AS month, ${capped('size')} AS size, wait_days AS wait,
      COUNT(*) AS n, 0 AS closed, 0 AS referrals
    FROM spelled WHERE received_day >= ${from} AND received_day <= ${to}
    GROUP BY received_month, ${capped('size')}, wait_days
  `.execute(db);
  return rows;
}
