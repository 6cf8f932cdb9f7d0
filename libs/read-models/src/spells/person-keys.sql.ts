import { SqliteAdapter, sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ReadModelDb } from '../database';

/** Whether the read models are on SQLite (JSON and some functions differ from PostgreSQL). */
export const isSqlite = (db: ReadModelDb) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * Each pair (a, b) of a referral a and a referral b a link worker kept apart from it (`kept_apart`, a
 * JSON array of referral ids): read as JSON on either database, so an id is matched whole.
 */
const keptApartPairs = (db: ReadModelDb) =>
  isSqlite(db)
    ? sql`SELECT k.referral_id AS a, j.value AS b
        FROM referral_identity k, json_each(k.kept_apart) j WHERE k.kept_apart <> '[]'`
    : sql`SELECT k.referral_id AS a, j.value AS b
        FROM referral_identity k, json_array_elements_text(k.kept_apart::json) AS j(value)
        WHERE k.kept_apart <> '[]'`;

/** `IN (...)` of some referral ids (never empty: callers pass at least one). */
export const inIds = (ids: readonly string[]) => sql`(${sql.join(ids)})`;

/**
 * The CTEs `kept`, `apart` and `persons` the person key (`personKey`) reads: the pairs a link worker
 * kept apart that share a name and date of birth, and per name-and-date-of-birth token how many NHS
 * numbers it carries. `only` narrows `persons` to the tokens of those referrals (every referral of a
 * token is still counted), for keys of a few referrals.
 */
export function personCtes(db: ReadModelDb, only?: readonly string[]): RawBuilder<unknown> {
  const narrowed =
    only === undefined
      ? sql``
      : sql`AND person IN (SELECT person FROM referral_identity WHERE referral_id IN ${inIds(only)})`;
  return sql`kept AS (${keptApartPairs(db)}),
    apart AS (
      SELECT kept.a AS referral_id, kept.b AS other FROM kept
        JOIN referral_identity x ON x.referral_id = kept.a
        JOIN referral_identity y ON y.referral_id = kept.b
        WHERE x.person = y.person AND kept.a <> kept.b
    ),
    persons AS (
      SELECT person, COUNT(DISTINCT nhs) AS numbers, MIN(nhs) AS nhs
        FROM referral_identity WHERE person IS NOT NULL ${narrowed} GROUP BY person
    )`;
}

/**
 * The key of the young person a referral is of, as `personKeys` makes it, over `f` (its report facts),
 * `i` (its blind-index row, left joined) and `p` (its token's `persons` row, left joined): the NHS
 * number; else, not kept apart from a referral of the same name and date of birth, the one NHS number
 * that name and date of birth carry, or the name and date of birth; else the referral alone (no
 * tokens, erased, kept apart).
 */
export const personKey = sql`CASE
    WHEN i.nhs IS NOT NULL THEN 'n:' || i.nhs
    WHEN i.person IS NULL
      OR f.referral_id IN (SELECT referral_id FROM apart)
      OR f.referral_id IN (SELECT other FROM apart) THEN 'r:' || f.referral_id
    WHEN p.numbers = 1 THEN 'n:' || p.nhs
    ELSE 'p:' || i.person
  END`;

/** The report facts `f` of referrals with their blind-index row `i` and token's `persons` row `p`. */
export const factsWithIdentity = sql`referral_report_facts f
  LEFT JOIN referral_identity i ON i.referral_id = f.referral_id
  LEFT JOIN persons p ON p.person = i.person`;

/**
 * From `keyed` (a CTE of referrals with `person`, `received_day`, `referral_id` and `end_day`): each
 * referral's spell as `referralSpells` makes them, in `spelled` with `starts` (1 for a spell's first
 * referral), `spell` (its number among the person's), and the columns `figures` adds per spell over
 * the window `w` (PARTITION BY person, spell). A referral starts a spell unless it arrives within
 * `joinDays` days of the latest end of the person's earlier referrals, which is the current spell's:
 * a referral never closes before it was received, so a spell ends no earlier than it starts.
 */
export function spelledCtes(joinDays: number, figures: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`flagged AS (
      SELECT keyed.*,
        CASE WHEN received_day - MAX(end_day) OVER (PARTITION BY person ORDER BY received_day, referral_id
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) <= ${sql.lit(joinDays)}
        THEN 0 ELSE 1 END AS starts
      FROM keyed
    ),
    numbered AS (
      SELECT flagged.*,
        SUM(starts) OVER (PARTITION BY person ORDER BY received_day, referral_id ROWS UNBOUNDED PRECEDING) AS spell
      FROM flagged
    ),
    spelled AS (
      SELECT numbered.*, COUNT(*) OVER w AS size, MIN(received_day) OVER w AS start_day,
        MIN(received_month) OVER w AS start_month, MAX(end_day) OVER w AS spell_end, ${figures}
      FROM numbered WINDOW w AS (PARTITION BY person, spell)
    )`;
}
