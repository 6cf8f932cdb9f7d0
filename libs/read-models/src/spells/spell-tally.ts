import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { ReadModelDb, ReadModelTables } from '../database';
import { CLOCK_COLUMNS } from '../report-facts/report-facts';
import type { WaitMeasure } from '../reports/waiting-times.report';
import { inIds } from './person-keys.sql';
import { OPEN_DAY } from './person-spells.schema';
import type { SpellMonthTallyTable } from './person-spells.schema';

type Tx = Transaction<ReadModelTables>;

/** A wait not stopped (or a referral that starts no spell), in the tally's key: its columns are never null. */
export const NO_WAIT = -1;
const CHUNK = 500;
const MEASURES = Object.keys(CLOCK_COLUMNS) as WaitMeasure[];

/**
 * One group of kept referrals (`referral_person_spell`, merged ones left out) as the spells report
 * counts them: the month received, the spell's size (1, 2, 3 for 3+), the referral's wait, whether it
 * starts its spell, and then the spell's wait and whether it closed; `n` referrals, `referrals` the
 * sum of their spells' sizes.
 */
export type SpellGroup = Omit<SpellMonthTallyTable, 'measure'>;

/**
 * The groups of the kept referrals `where` selects, for one waiting clock: the grouping of the spells
 * report, by month received instead of by day, so the tally of a month is a few hundred rows.
 */
export function groupsSql(measure: WaitMeasure, where: ReturnType<typeof sql>) {
  const { stop, wait } = CLOCK_COLUMNS[measure];
  const size = sql`CASE WHEN spell_size >= 3 THEN 3 ELSE spell_size END`;
  const waited = sql`COALESCE(${sql.ref(wait)}, ${sql.lit(NO_WAIT)})`;
  const spellWait = sql`CASE WHEN starts = 1 THEN COALESCE(${sql.ref(`spell_${stop}`)} - spell_start_day, ${sql.lit(NO_WAIT)}) ELSE ${sql.lit(NO_WAIT)} END`;
  const closed = sql`CASE WHEN starts = 1 AND spell_end_day < ${sql.lit(OPEN_DAY)} THEN 1 ELSE 0 END`;
  return sql<SpellGroup>`
    SELECT received_month AS month, ${size} AS size, ${waited} AS wait, starts, ${spellWait} AS spell_wait,
      ${closed} AS closed, COUNT(*) AS n, SUM(spell_size) AS referrals
    FROM referral_person_spell WHERE merged = 0 AND ${where}
    GROUP BY received_month, ${size}, ${waited}, starts, ${spellWait}, ${closed}`;
}

const keyOf = (measure: string, g: SpellGroup) =>
  [measure, g.month, g.size, g.wait, g.starts, g.spell_wait, g.closed].join('|');

/** The groups of these referrals per clock, added to (sign 1) or taken from (-1) `deltas`. */
async function addGroups(
  trx: Tx,
  referralIds: readonly string[],
  sign: 1 | -1,
  deltas: Map<string, { n: number; referrals: number }>,
): Promise<void> {
  for (let i = 0; i < referralIds.length; i += CHUNK) {
    const where = sql`referral_id IN ${inIds(referralIds.slice(i, i + CHUNK))}`;
    for (const measure of MEASURES)
      for (const g of (await groupsSql(measure, where).execute(trx)).rows) {
        const key = keyOf(measure, g);
        const d = deltas.get(key) ?? deltas.set(key, { n: 0, referrals: 0 }).get(key)!;
        d.n += sign * Number(g.n);
        d.referrals += sign * Number(g.referrals);
      }
  }
}

async function applyDeltas(trx: Tx, deltas: Map<string, { n: number; referrals: number }>): Promise<void> {
  const rows = [...deltas]
    .filter(([, d]) => d.n !== 0 || d.referrals !== 0)
    .map(([key, d]) => {
      const [measure, month, ...numbers] = key.split('|') as [string, string, ...string[]];
      const [size, wait, starts, spell_wait, closed] = numbers.map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      return { measure, month, size, wait, starts, spell_wait, closed, ...d };
    });
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('spell_month_tally')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['measure', 'month', 'size', 'wait', 'starts', 'spell_wait', 'closed'])
          .doUpdateSet((eb) => ({
            n: eb('spell_month_tally.n', '+', eb.ref('excluded.n')),
            referrals: eb('spell_month_tally.referrals', '+', eb.ref('excluded.referrals')),
          })),
      )
      .execute();
  await trx.deleteFrom('spell_month_tally').where('n', '=', 0).execute();
}

/** The kept referrals of `affected` are about to be written again: their groups leave the tally. */
export async function spellGroupsBefore(trx: Tx, affected: readonly string[]) {
  const deltas = new Map<string, { n: number; referrals: number }>();
  await addGroups(trx, affected, -1, deltas);
  return deltas;
}

/** Their groups as written now join the tally (with what `spellGroupsBefore` took away). */
export async function spellGroupsAfter(
  trx: Tx,
  affected: readonly string[],
  deltas: Map<string, { n: number; referrals: number }>,
): Promise<void> {
  await addGroups(trx, affected, 1, deltas);
  await applyDeltas(trx, deltas);
}

/** Builds the month tally of every kept referral from nothing. */
export async function rebuildSpellTally(trx: Tx): Promise<void> {
  await trx.deleteFrom('spell_month_tally').execute();
  for (const measure of MEASURES)
    await sql`
      INSERT INTO spell_month_tally (measure, month, size, wait, starts, spell_wait, closed, n, referrals)
      SELECT ${measure}, g.month, g.size, g.wait, g.starts, g.spell_wait, g.closed, g.n, g.referrals
      FROM (${groupsSql(measure, sql`1 = 1`)}) g`.execute(trx);
}

/** The kept groups of one clock for the months from..to (`YYYY-MM`, inclusive). */
export async function spellMonthGroups(
  db: ReadModelDb,
  measure: WaitMeasure,
  from: string,
  to: string,
): Promise<SpellGroup[]> {
  return db
    .selectFrom('spell_month_tally')
    .select(['month', 'size', 'wait', 'starts', 'spell_wait', 'closed', 'n', 'referrals'])
    .where('measure', '=', measure)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .execute();
}
