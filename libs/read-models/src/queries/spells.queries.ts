import { SqliteAdapter, sql } from 'kysely';
import type { ReadModelDb } from '../database';
import { CLOCK_COLUMNS, dayNumber } from '../report-facts/report-facts';
import { SPELL_JOIN_DAYS, emptySpellTally, sizeGroup } from '../reports/spells.report';
import type { SpellTally } from '../reports/spells.report';
import { addToHistogram } from '../reports/statistics';
import type { WaitMeasure } from '../reports/waiting-times.report';
import type { ReportWindow } from './report-facts.queries';

/** A UTC date as its day number, an integer literal in the SQL (as the other report queries). */
function day(date: string) {
  const n = dayNumber(date);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a UTC date: ${date}`);
  return sql.lit(n);
}

/** The end day of a referral or spell still open at asOf: later than any day, so `MAX` keeps it open. */
const OPEN = 1_000_000_000;

const num = (n: unknown) => Number(n ?? 0);

/**
 * Each pair (a, b) of a referral a and a referral b a link worker kept apart from it (`kept_apart`, a
 * JSON array of referral ids): read as JSON on either database, so an id is matched whole.
 */
const keptApartPairs = (db: ReadModelDb) =>
  db.getExecutor().adapter instanceof SqliteAdapter
    ? sql`SELECT k.referral_id AS a, j.value AS b
        FROM referral_identity k, json_each(k.kept_apart) j WHERE k.kept_apart <> '[]'`
    : sql`SELECT k.referral_id AS a, j.value AS b
        FROM referral_identity k, json_array_elements_text(k.kept_apart::json) AS j(value)
        WHERE k.kept_apart <> '[]'`;

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
  const open = sql.lit(OPEN);
  const { stop, wait } = CLOCK_COLUMNS[q.measure];
  const stopDay = sql.ref(`f.${stop}`);
  const waitDays = sql.ref(`f.${wait}`);
  const size = sql`CASE WHEN size >= 3 THEN 3 ELSE size END`;
  const { rows } = await sql<{
    kind: 'spell' | 'referral';
    month: string;
    size: number | string;
    wait: number | string | null;
    n: number | string;
    closed: number | string;
    referrals: number | string;
  }>`
    WITH kept AS (${keptApartPairs(db)}),
    apart AS (
      SELECT kept.a AS referral_id, kept.b AS other FROM kept
        JOIN referral_identity x ON x.referral_id = kept.a
        JOIN referral_identity y ON y.referral_id = kept.b
        WHERE x.person = y.person AND kept.a <> kept.b
    ),
    persons AS (
      SELECT person, COUNT(DISTINCT nhs) AS numbers, MIN(nhs) AS nhs
        FROM referral_identity WHERE person IS NOT NULL GROUP BY person
    ),
    keyed AS (
      SELECT f.referral_id, f.received_day, f.received_month,
        CASE WHEN f.closed_day <= ${asOf} THEN f.closed_day ELSE ${open} END AS end_day,
        CASE WHEN ${stopDay} <= ${asOf} THEN ${stopDay} END AS stop_day,
        CASE WHEN ${stopDay} <= ${asOf} THEN ${waitDays} END AS wait_days,
        CASE
          WHEN i.nhs IS NOT NULL THEN 'n:' || i.nhs
          WHEN i.person IS NULL
            OR f.referral_id IN (SELECT referral_id FROM apart)
            OR f.referral_id IN (SELECT other FROM apart) THEN 'r:' || f.referral_id
          WHEN p.numbers = 1 THEN 'n:' || p.nhs
          ELSE 'p:' || i.person
        END AS person
      FROM referral_report_facts f
        LEFT JOIN referral_identity i ON i.referral_id = f.referral_id
        LEFT JOIN persons p ON p.person = i.person
      WHERE f.received_day <= ${asOf} AND f.status <> 'merged'
    ),
    flagged AS (
      SELECT keyed.*,
        CASE WHEN received_day - MAX(end_day) OVER (PARTITION BY person ORDER BY received_day, referral_id
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) <= ${sql.lit(SPELL_JOIN_DAYS)}
        THEN 0 ELSE 1 END AS starts
      FROM keyed
    ),
    numbered AS (
      SELECT flagged.*,
        SUM(starts) OVER (PARTITION BY person ORDER BY received_day, referral_id ROWS UNBOUNDED PRECEDING) AS spell
      FROM flagged
    ),
    spelled AS (
      SELECT numbered.*,
        COUNT(*) OVER w AS size, MIN(received_day) OVER w AS start_day,
        MIN(received_month) OVER w AS start_month, MAX(end_day) OVER w AS spell_end,
        MIN(stop_day) OVER w AS first_stop
      FROM numbered WINDOW w AS (PARTITION BY person, spell)
    )
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
