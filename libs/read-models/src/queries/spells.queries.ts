import { sql } from 'kysely';
import type { ReadModelDb } from '../database';
import { CLOCK_COLUMNS, dayNumber } from '../report-facts/report-facts';
import { SPELL_JOIN_DAYS, emptySpellTally, sizeGroup } from '../reports/spells.report';
import type { SpellTally } from '../reports/spells.report';
import { addToHistogram } from '../reports/statistics';
import type { WaitMeasure } from '../reports/waiting-times.report';
import type { ReportWindow } from './report-facts.queries';
import { OPEN_DAY } from '../spells/person-spells.schema';
import { factsWithIdentity, personCtes, personKey, spelledCtes } from '../spells/person-keys.sql';

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
 * The referral spells tallies (see `spellRows`) of the window, counted in SQL over the report facts
 * and the blind index: spells started from..to and referrals received then, as they stood at the end
 * of asOf, per group (`all`, `month:YYYY-MM`, `size:1|2|3+`), with histograms of their waits.
 *
 * Young people are recognised as `personKeys` does, over every referral of the blind index
 * (docs/domain.md#recognising-a-young-person): the NHS number; else, not kept apart from a referral of
 * the same name and date of birth, the one NHS number that name and date of birth carry, or the name
 * and date of birth; else the referral alone (no tokens, erased, kept apart). Spells as
 * `referralSpells`: a person's referrals up to asOf, merged left out, in order of receipt; one starts a
 * spell unless it arrives within SPELL_JOIN_DAYS days of the latest end (open: `OPEN`) of the
 * person's earlier referrals. That latest end is the current spell's: a referral never closes before
 * it was received (the decider refuses such times), so a spell ends no earlier than it starts, later
 * than every earlier spell ended. Days decide it all: whole-day differences, and referrals received on
 * one day always share a spell whatever their order.
 */
export async function spellTallies(
  db: ReadModelDb,
  q: ReportWindow & { measure: WaitMeasure },
): Promise<Map<string, SpellTally>> {
  const asOf = day(q.asOf);
  const from = day(q.from);
  const to = day(q.to);
  const open = sql.lit(OPEN_DAY);
  const { stop, wait } = CLOCK_COLUMNS[q.measure];
  const stopDay = sql.ref(`f.${stop}`);
  const waitDays = sql.ref(`f.${wait}`);
  const size = sql`CASE WHEN size >= 3 THEN 3 ELSE size END`;
  const { rows } = await sql<TallyRow>`
    WITH ${personCtes(db)},
    keyed AS (
      SELECT f.referral_id, f.received_day, f.received_month,
        CASE WHEN f.closed_day <= ${asOf} THEN f.closed_day ELSE ${open} END AS end_day,
        CASE WHEN ${stopDay} <= ${asOf} THEN ${stopDay} END AS stop_day,
        CASE WHEN ${stopDay} <= ${asOf} THEN ${waitDays} END AS wait_days,
        ${personKey} AS person
      FROM ${factsWithIdentity}
      WHERE f.received_day <= ${asOf} AND f.status <> 'merged'
    ),
    ${spelledCtes(SPELL_JOIN_DAYS, sql`MIN(stop_day) OVER w AS first_stop`)}
    SELECT 'spell' AS kind, start_month AS month, ${size} AS size, first_stop - start_day AS wait,
      COUNT(*) AS n, SUM(CASE WHEN spell_end < ${open} THEN 1 ELSE 0 END) AS closed, SUM(size) AS referrals
    FROM spelled WHERE starts = 1 AND start_day >= ${from} AND start_day <= ${to}
    GROUP BY start_month, ${size}, first_stop - start_day
    UNION ALL
    SELECT 'referral' AS kind, received_month AS month, ${size} AS size, wait_days AS wait,
      COUNT(*) AS n, 0 AS closed, 0 AS referrals
    FROM spelled WHERE received_day >= ${from} AND received_day <= ${to}
    GROUP BY received_month, ${size}, wait_days
  `.execute(db);
  return talliesOf(rows);
}

/**
 * The spells tallies of the window as `spellTallies` counts them, read from the kept spells
 * (`refreshPersonSpells`) by one grouped scan: exact when `asOf` is no earlier than any day the report
 * facts hold (then nothing recorded is after it), which the caller checks against the spells' state.
 */
export async function keptSpellTallies(
  db: ReadModelDb,
  q: Omit<ReportWindow, 'asOf'> & { measure: WaitMeasure },
): Promise<Map<string, SpellTally>> {
  const from = day(q.from);
  const to = day(q.to);
  const { stop, wait } = CLOCK_COLUMNS[q.measure];
  const firstStop = sql.ref(`spell_${stop}`);
  const waitDays = sql.ref(`f.${wait}`);
  const size = (column: string) => sql`CASE WHEN ${sql.ref(column)} >= 3 THEN 3 ELSE ${sql.ref(column)} END`;
  const { rows } = await sql<TallyRow>`
    SELECT 'spell' AS kind, spell_start_month AS month, ${size('spell_size')} AS size,
      ${firstStop} - spell_start_day AS wait, COUNT(*) AS n,
      SUM(CASE WHEN spell_end_day < ${sql.lit(OPEN_DAY)} THEN 1 ELSE 0 END) AS closed, SUM(spell_size) AS referrals
    FROM referral_person_spell
    WHERE starts = 1 AND spell_start_day >= ${from} AND spell_start_day <= ${to}
    GROUP BY spell_start_month, ${size('spell_size')}, ${firstStop} - spell_start_day
    UNION ALL
    SELECT 'referral' AS kind, f.received_month AS month, ${size('p.spell_size')} AS size, ${waitDays} AS wait,
      COUNT(*) AS n, 0 AS closed, 0 AS referrals
    FROM referral_report_facts f JOIN referral_person_spell p ON p.referral_id = f.referral_id
    WHERE f.received_day >= ${from} AND f.received_day <= ${to}
    GROUP BY f.received_month, ${size('p.spell_size')}, ${waitDays}
  `.execute(db);
  return talliesOf(rows);
}
