import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { ReadModelDb, ReadModelTables } from '../database';
import { SPELL_JOIN_DAYS } from '../reports/spells.report';
import { factsWithIdentity, inIds, isSqlite, personCtes, personKey, spelledCtes } from './person-keys.sql';
import { OPEN_DAY } from './person-spells.schema';
import { refreshAccess } from './person-access';
import { rebuildSpellTally, spellGroupsAfter, spellGroupsBefore } from './spell-tally';

const STOP_DAYS = [
  'acceptance_stop_day',
  'first_contact_stop_day',
  'second_contact_stop_day',
  'help_started_stop_day',
] as const;

type Tx = Transaction<ReadModelTables>;

/** Beyond this many referrals to bring up to date, building every spell again is the cheaper way. */
const REBUILD_ABOVE = 5_000;
/** Marks taken at a time: each batch is one short transaction. */
const MARKS_AT_ONCE = 1_000;
const MAX_ROUNDS = 1_000;
const CHUNK = 500;

/** Whether the kept spells were built (since the last rebuild or invalidation). */
async function isBuilt(db: ReadModelDb): Promise<boolean> {
  const row = await db
    .selectFrom('referral_person_spell_state')
    .select('built')
    .where('id', '=', 1)
    .executeTakeFirst();
  return Number(row?.built ?? 0) === 1;
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
        f.acceptance_wait_days, f.first_contact_wait_days, f.second_contact_wait_days, f.help_started_wait_days,
        COALESCE(f.closed_day, ${sql.lit(OPEN_DAY)}) AS end_day,
        f.acceptance_stop_day, f.first_contact_stop_day, f.second_contact_stop_day, f.help_started_stop_day,
        ${lastDay(trx)} AS last_day, i.person AS token, ${personKey} AS person
      FROM ${factsWithIdentity}
      WHERE f.status <> 'merged' ${narrowed}
    ),
    ${spelledCtes(
      SPELL_JOIN_DAYS,
      sql`MIN(acceptance_stop_day) OVER w AS s1, MIN(first_contact_stop_day) OVER w AS s2,
        MIN(second_contact_stop_day) OVER w AS s3, MIN(help_started_stop_day) OVER w AS s4,
        MAX(last_day) OVER (PARTITION BY person) AS person_last`,
    )}
    INSERT INTO referral_person_spell (referral_id, received_day, received_month, acceptance_wait_days,
      first_contact_wait_days, second_contact_wait_days, help_started_wait_days, person_key, person_token, starts, spell_size,
      spell_start_day, spell_start_month, spell_end_day, spell_acceptance_stop_day,
      spell_first_contact_stop_day, spell_second_contact_stop_day, spell_help_started_stop_day, person_last_day,
      merged)
    SELECT referral_id, received_day, received_month, acceptance_wait_days, first_contact_wait_days,
      second_contact_wait_days, help_started_wait_days, person, token, starts, size, start_day, start_month,
      spell_end, s1, s2, s3, s4, person_last, 0
    FROM spelled
  `.execute(trx);
  // Merged referrals: in no spell, kept for their young person's key (access counts their contacts).
  await sql`
    WITH ${personCtes(trx, only)}
    INSERT INTO referral_person_spell (referral_id, received_day, received_month, person_key, person_token,
      starts, spell_size, spell_start_day, spell_start_month, spell_end_day, person_last_day, merged)
    SELECT f.referral_id, f.received_day, f.received_month, ${personKey}, i.person,
      0, 0, f.received_day, f.received_month, 0, 0, 1
    FROM ${factsWithIdentity}
    WHERE f.status = 'merged' ${narrowed}
  `.execute(trx);
}

/**
 * The latest day a referral's report facts hold that spells read (received, closed, each clock stop),
 * over `f`: SQLite's many-argument MAX and PostgreSQL's GREATEST, given no nulls.
 */
function lastDay(db: ReadModelDb) {
  const days = sql.join(
    ['closed_day', ...STOP_DAYS].map((c) => sql`COALESCE(${sql.ref(`f.${c}`)}, f.received_day)`),
  );
  return isSqlite(db) ? sql`MAX(f.received_day, ${days})` : sql`GREATEST(f.received_day, ${days})`;
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
async function rebuildAll(trx: Tx): Promise<void> {
  await trx.deleteFrom('referral_person_spell').execute();
  await writeSpells(trx);
  await rebuildSpellTally(trx);
  await refreshAccess(trx);
  await trx.updateTable('referral_person_spell_state').set({ built: 1 }).where('id', '=', 1).execute();
}

/** How many referrals are marked. */
async function backlog(trx: Tx): Promise<number> {
  const { n } = await trx
    .selectFrom('referral_person_spell_dirty')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Brings the spells of these changed referrals, and of everyone sharing a young person with them, up to date. */
async function refreshSome(trx: Tx, dirty: readonly string[]): Promise<void> {
  const affected = await affectedBy(trx, dirty);
  if (affected.length > REBUILD_ABOVE) return rebuildAll(trx);
  const keysOf = () =>
    collect(affected, async (part) =>
      (
        await trx
          .selectFrom('referral_person_spell')
          .select('person_key')
          .where('referral_id', 'in', part)
          .execute()
      ).map((r) => r.person_key),
    );
  const before = await keysOf();
  const groups = await spellGroupsBefore(trx, affected);
  for (let i = 0; i < affected.length; i += CHUNK)
    await trx
      .deleteFrom('referral_person_spell')
      .where('referral_id', 'in', affected.slice(i, i + CHUNK))
      .execute();
  await writeSpells(trx, affected);
  await spellGroupsAfter(trx, affected, groups);
  await refreshAccess(trx, [...new Set([...before, ...(await keysOf())])]);
}

/**
 * Brings the kept spells (`referral_person_spell`) and the tallies kept with them up to date with the
 * report facts and the blind index. The projections mark the referrals whose facts or tokens they
 * change (`markPersonSpellsDirty`, in their own transactions); this takes those marks, up to
 * `MARKS_AT_ONCE` at a time, and writes again the spells of the young people they touch, each time in
 * one transaction that first locks the state row, so concurrent callers (several API instances) take
 * turns, and the database is held for a short while at a time. A mark is taken and its facts read in
 * one transaction: a projection changing a referral after its mark was taken marks it again. Not
 * built yet (a rebuild, an upgrade), or more than `REBUILD_ABOVE` marked (the first stamping of every
 * contact's age band), everything is built again at once.
 */
export async function refreshPersonSpells(db: ReadModelDb): Promise<void> {
  // Bounded, should marks come faster than they are taken: what is left waits for the next call.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const marked = await db
      .selectFrom('referral_person_spell_dirty')
      .select('referral_id')
      .limit(1)
      .execute();
    if (marked.length === 0 && (await isBuilt(db))) return;
    const rebuilt = await db.transaction().execute(async (trx) => {
      await trx.updateTable('referral_person_spell_state').set({ id: 1 }).where('id', '=', 1).execute();
      if (!(await isBuilt(trx)) || (await backlog(trx)) > REBUILD_ABOVE) {
        await trx.deleteFrom('referral_person_spell_dirty').execute();
        await rebuildAll(trx);
        return true;
      }
      const some = trx.selectFrom('referral_person_spell_dirty').select('referral_id').limit(MARKS_AT_ONCE);
      const dirty = (
        await trx
          .deleteFrom('referral_person_spell_dirty')
          .where('referral_id', 'in', some)
          .returning('referral_id')
          .execute()
      ).map((r) => r.referral_id);
      if (dirty.length > 0) await refreshSome(trx, dirty);
      return false;
    });
    // Building everything writes a large SQLite log: folded into the database now, not by a later write.
    if (rebuilt && isSqlite(db)) await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  }
}
