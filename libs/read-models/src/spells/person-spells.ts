import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { ReadModelDb, ReadModelTables } from '../database';
import { SPELL_JOIN_DAYS } from '../reports/spells.report';
import { factsWithIdentity, inIds, personCtes, personKey, spelledCtes } from './person-keys.sql';
import { OPEN_DAY } from './person-spells.schema';

type Tx = Transaction<ReadModelTables>;

/** Beyond this many referrals to bring up to date, building every spell again is the cheaper way. */
const REBUILD_ABOVE = 5_000;
const CHUNK = 500;

/** Where the kept spells stand: whether built, and the latest day of the facts they were built from. */
export type PersonSpellState = { built: boolean; maxDay: number | null };

async function stateOf(db: ReadModelDb): Promise<PersonSpellState> {
  const row = await db
    .selectFrom('referral_person_spell_state')
    .select(['built', 'max_day'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return { built: Number(row?.built ?? 0) === 1, maxDay: row?.max_day == null ? null : Number(row.max_day) };
}

/** Runs a query per chunk of ids and returns the values found, once each. */
async function collect(
  ids: readonly string[],
  query: (part: string[]) => Promise<(string | null)[]>,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK)
    for (const v of await query(ids.slice(i, i + CHUNK))) if (v !== null) found.add(v);
  return found;
}

/**
 * Writes the spells of the referrals `only` (every referral when undefined) from their report facts
 * and blind-index rows: the whole young person's referrals must be among them.
 */
async function writeSpells(trx: Tx, only?: readonly string[]): Promise<void> {
  const narrowed = only === undefined ? sql`` : sql`AND f.referral_id IN ${inIds(only)}`;
  await sql`
    WITH ${personCtes(trx, only)},
    keyed AS (
      SELECT f.referral_id, f.received_day, f.received_month,
        COALESCE(f.closed_day, ${sql.lit(OPEN_DAY)}) AS end_day,
        f.acceptance_stop_day, f.first_contact_stop_day, f.second_contact_stop_day, f.help_started_stop_day,
        i.person AS token, ${personKey} AS person
      FROM ${factsWithIdentity}
      WHERE f.status <> 'merged' ${narrowed}
    ),
    ${spelledCtes(
      SPELL_JOIN_DAYS,
      sql`MIN(acceptance_stop_day) OVER w AS s1, MIN(first_contact_stop_day) OVER w AS s2,
        MIN(second_contact_stop_day) OVER w AS s3, MIN(help_started_stop_day) OVER w AS s4`,
    )}
    INSERT INTO referral_person_spell (referral_id, person_key, person_token, starts, spell_size,
      spell_start_day, spell_start_month, spell_end_day, spell_acceptance_stop_day,
      spell_first_contact_stop_day, spell_second_contact_stop_day, spell_help_started_stop_day)
    SELECT referral_id, person, token, starts, size, start_day, start_month, spell_end, s1, s2, s3, s4
    FROM spelled
  `.execute(trx);
}

/** The latest day the report facts of these referrals (all when undefined) hold that spells read. */
async function maxDayOf(trx: Tx, only?: readonly string[]): Promise<number | null> {
  const narrowed = only === undefined ? sql`` : sql`WHERE referral_id IN ${inIds(only)}`;
  const { rows } = await sql<Record<string, number | string | null>>`
    SELECT MAX(received_day) AS a, MAX(closed_day) AS b, MAX(acceptance_stop_day) AS c,
      MAX(first_contact_stop_day) AS d, MAX(second_contact_stop_day) AS e, MAX(help_started_stop_day) AS g
    FROM referral_report_facts ${narrowed}`.execute(trx);
  const days = Object.values(rows[0] ?? {})
    .filter((v) => v !== null)
    .map(Number);
  return days.length ? Math.max(...days) : null;
}

/**
 * Every referral whose spell may differ now these referrals changed, with every referral sharing its
 * young person: the referrals sharing a name-and-date-of-birth token with them (before or after),
 * whose keys may change with them, and then every referral of a key any of those had or has.
 */
async function affectedBy(trx: Tx, dirty: readonly string[]): Promise<string[]> {
  const tokens = [
    ...(await collect(dirty, async (part) =>
      [
        ...(await trx
          .selectFrom('referral_identity')
          .select('person')
          .where('referral_id', 'in', part)
          .execute()),
        ...(await trx
          .selectFrom('referral_person_spell')
          .select('person_token as person')
          .where('referral_id', 'in', part)
          .execute()),
      ].map((r) => r.person),
    )),
  ];
  const sharing = await collect(tokens, async (part) =>
    [
      ...(await trx
        .selectFrom('referral_identity')
        .select('referral_id')
        .where('person', 'in', part)
        .execute()),
      ...(await trx
        .selectFrom('referral_person_spell')
        .select('referral_id')
        .where('person_token', 'in', part)
        .execute()),
    ].map((r) => r.referral_id),
  );
  const near = [...new Set([...dirty, ...sharing])];
  const keys = await collect(near, async (part) =>
    [
      ...(await trx
        .selectFrom('referral_person_spell')
        .select('person_key')
        .where('referral_id', 'in', part)
        .execute()),
      ...(
        await sql<{ person_key: string }>`WITH ${personCtes(trx, part)}
        SELECT ${personKey} AS person_key FROM ${factsWithIdentity} WHERE f.referral_id IN ${inIds(part)}`.execute(
          trx,
        )
      ).rows,
    ].map((r) => r.person_key),
  );
  const same = await collect([...keys], async (part) =>
    (
      await trx
        .selectFrom('referral_person_spell')
        .select('referral_id')
        .where('person_key', 'in', part)
        .execute()
    ).map((r) => r.referral_id),
  );
  return [...new Set([...near, ...same])];
}

/** Builds every spell again from nothing. */
async function rebuildAll(trx: Tx): Promise<PersonSpellState> {
  await trx.deleteFrom('referral_person_spell').execute();
  await writeSpells(trx);
  const state = { built: true, maxDay: await maxDayOf(trx) };
  await trx
    .updateTable('referral_person_spell_state')
    .set({ built: 1, max_day: state.maxDay })
    .where('id', '=', 1)
    .execute();
  return state;
}

/** Brings the spells of these changed referrals, and of everyone sharing a young person with them, up to date. */
async function refreshSome(
  trx: Tx,
  dirty: readonly string[],
  before: PersonSpellState,
): Promise<PersonSpellState> {
  const affected = await affectedBy(trx, dirty);
  if (affected.length > REBUILD_ABOVE) return rebuildAll(trx);
  for (let i = 0; i < affected.length; i += CHUNK)
    await trx
      .deleteFrom('referral_person_spell')
      .where('referral_id', 'in', affected.slice(i, i + CHUNK))
      .execute();
  await writeSpells(trx, affected);
  const changed = await maxDayOf(trx, dirty);
  const maxDay = changed === null ? before.maxDay : Math.max(changed, before.maxDay ?? changed);
  await trx.updateTable('referral_person_spell_state').set({ max_day: maxDay }).where('id', '=', 1).execute();
  return { built: true, maxDay };
}

/**
 * Brings the kept spells (`referral_person_spell`) up to date with the report facts and the blind
 * index, and says where they stand. The projections mark the referrals whose facts or tokens they
 * change (`markPersonSpellsDirty`, in their own transactions); this takes those marks and rebuilds the
 * spells of the young people they touch, in one transaction that first locks the state row, so
 * concurrent callers (several API instances) take turns and a mark made meanwhile waits for the next.
 * A mark is taken and its facts read in that one transaction: a projection changing a referral after
 * the mark was taken marks it again.
 */
export async function refreshPersonSpells(db: ReadModelDb): Promise<PersonSpellState> {
  const seen = await stateOf(db);
  const marked = await db.selectFrom('referral_person_spell_dirty').select('referral_id').limit(1).execute();
  if (seen.built && marked.length === 0) return seen;
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('referral_person_spell_state').set({ id: 1 }).where('id', '=', 1).execute();
    const before = await stateOf(trx);
    const dirty = (
      await trx.deleteFrom('referral_person_spell_dirty').returning('referral_id').execute()
    ).map((r) => r.referral_id);
    if (!before.built || dirty.length > REBUILD_ABOVE) return rebuildAll(trx);
    if (dirty.length === 0) return before;
    return refreshSome(trx, dirty, before);
  });
}

/**
 * The person key (`personKey`) of these referrals that the kept spells do not hold (merged ones, or
 * any without report facts: alone), made in SQL over the whole blind index.
 */
export async function unkeptPersonKeys(
  db: ReadModelDb,
  referralIds: readonly string[],
): Promise<Map<string, string>> {
  const keys = new Map(referralIds.map((id) => [id, `r:${id}`]));
  for (let i = 0; i < referralIds.length; i += CHUNK) {
    const part = referralIds.slice(i, i + CHUNK);
    const { rows } = await sql<{ referral_id: string; person_key: string }>`WITH ${personCtes(db, part)}
      SELECT f.referral_id, ${personKey} AS person_key FROM ${factsWithIdentity}
      WHERE f.referral_id IN ${inIds(part)}`.execute(db);
    for (const r of rows) keys.set(r.referral_id, r.person_key);
  }
  return keys;
}
