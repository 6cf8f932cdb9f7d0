import type { Transaction } from 'kysely';
import type { ReadModelDb, ReadModelTables } from '../database';
import { counted, dedupedContacts } from '../reports/access.report';
import type { AccessContact, Tally, WindowTallies } from '../reports/access.report';
import { endOf, lastDayOf, startOf } from '../reports/disclosed-figures';

type Tx = Transaction<ReadModelTables>;
type Measure = 'one' | 'two';

/**
 * A young person counted by one access measure in the 12 months ending on each month of from..to
 * (month numbers, `monthNumber`), by a contact of this PCN and age band.
 */
export type AccessRun = { measure: Measure; from: number; to: number; pcn: string; band: string };

const CHUNK = 500;

/** `YYYY-MM` (or an ISO date or time) as a month number: year * 12 + month - 1. */
export const monthNumber = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const monthOf = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

/**
 * When each measure counts one young person, from their contacts (any order, a time recorded twice
 * once): for each month from their first contact's to 11 after their last, the 12 months ending on
 * its last day, as `accessRows` counts them (`counted`); months in a row counted by contacts of one
 * PCN and band make one run.
 */
export function accessRunsOf(contacts: AccessContact[]): AccessRun[] {
  const mine = dedupedContacts(contacts);
  if (mine.length === 0) return [];
  const runs: AccessRun[] = [];
  const open: Partial<Record<Measure, AccessRun>> = {};
  const last = monthNumber(mine.at(-1)!.at) + 11;
  for (let m = monthNumber(mine[0]!.at); m <= last; m++) {
    const by = counted(mine, startOf(`${monthOf(m - 11)}-01`), endOf(lastDayOf(monthOf(m))));
    for (const measure of ['one', 'two'] as const) {
      const contact = by[measure];
      const run = open[measure];
      if (contact === undefined) continue;
      if (run?.to === m - 1 && run.pcn === contact.pcn && run.band === contact.band) run.to = m;
      else runs.push((open[measure] = { measure, from: m, to: m, pcn: contact.pcn, band: contact.band }));
    }
  }
  return runs;
}

/** The contacts of these young people (all when undefined), each with its referral's person key. */
async function contactsOf(trx: Tx, persons?: readonly string[]): Promise<Map<string, AccessContact[]>> {
  const byPerson = new Map<string, AccessContact[]>();
  const read = async (part?: readonly string[]) => {
    let query = trx
      .selectFrom('referral_contact_facts as c')
      .innerJoin('referral_person_spell as p', 'p.referral_id', 'c.referral_id')
      .select(['p.person_key', 'c.contact_at', 'c.received_at', 'c.referral_id', 'c.pcn', 'c.age_band']);
    if (part) query = query.where('p.person_key', 'in', part);
    for (const r of await query.execute()) {
      const contact: AccessContact = {
        person: r.person_key,
        at: r.contact_at,
        pcn: r.pcn,
        // A contact saved since the last stamping counts as of unknown age until it is stamped.
        band: r.age_band ?? 'unknown',
        rank: `${r.received_at}|${r.referral_id}`,
      };
      (byPerson.get(r.person_key) ?? byPerson.set(r.person_key, []).get(r.person_key)!).push(contact);
    }
  };
  if (persons === undefined) await read();
  else for (let i = 0; i < persons.length; i += CHUNK) await read(persons.slice(i, i + CHUNK));
  return byPerson;
}

/** Adds (sign 1) or takes away (-1) what these runs count, per measure, month, PCN and band. */
function addRuns(deltas: Map<string, number>, runs: readonly AccessRun[], sign: 1 | -1): void {
  for (const run of runs)
    for (let m = run.from; m <= run.to; m++) {
      const key = [run.measure, m, run.pcn, run.band].join('|');
      deltas.set(key, (deltas.get(key) ?? 0) + sign);
    }
}

async function applyDeltas(trx: Tx, deltas: Map<string, number>): Promise<void> {
  const rows = [...deltas]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => {
      const [measure, month, pcn, band] = key.split('|') as [string, string, string, string];
      return { measure, month: Number(month), pcn, band, n };
    });
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('access_month_tally')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc
          .columns(['measure', 'month', 'pcn', 'band'])
          .doUpdateSet((eb) => ({ n: eb('access_month_tally.n', '+', eb.ref('excluded.n')) })),
      )
      .execute();
  await trx.deleteFrom('access_month_tally').where('n', '=', 0).execute();
}

async function insertRuns(trx: Tx, runs: { person: string; run: AccessRun }[]): Promise<void> {
  const rows = runs.map(({ person, run }) => ({
    person_key: person,
    measure: run.measure,
    from_month: run.from,
    to_month: run.to,
    pcn: run.pcn,
    band: run.band,
  }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('person_access_run')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/**
 * Brings the access counts of these young people (every one when undefined: built from nothing) up to
 * date with their contacts, in the spells' refresh transaction: their runs as kept are taken away from
 * the month tallies, and their runs as they are now added.
 */
export async function refreshAccess(trx: Tx, persons?: readonly string[]): Promise<void> {
  const deltas = new Map<string, number>();
  if (persons === undefined) {
    await trx.deleteFrom('person_access_run').execute();
    await trx.deleteFrom('access_month_tally').execute();
  } else
    for (let i = 0; i < persons.length; i += CHUNK) {
      const part = persons.slice(i, i + CHUNK);
      const kept = await trx
        .selectFrom('person_access_run')
        .selectAll()
        .where('person_key', 'in', part)
        .execute();
      addRuns(
        deltas,
        kept.map((r) => ({
          measure: r.measure as Measure,
          from: r.from_month,
          to: r.to_month,
          pcn: r.pcn,
          band: r.band,
        })),
        -1,
      );
      await trx.deleteFrom('person_access_run').where('person_key', 'in', part).execute();
    }
  const now = [...(await contactsOf(trx, persons))].flatMap(([person, contacts]) =>
    accessRunsOf(contacts).map((run) => ({ person, run })),
  );
  addRuns(
    deltas,
    now.map((r) => r.run),
    1,
  );
  await applyDeltas(trx, deltas);
  await insertRuns(trx, now);
}

const add = (map: Map<string, Tally>, key: string, measure: Measure, n: number) => {
  const t = map.get(key) ?? map.set(key, { one: 0, two: 0 }).get(key)!;
  t[measure] += n;
};

/**
 * The young people each access measure counts in the 12 months ending on the last day of each month
 * from..to (month numbers), as kept: all, by PCN and by age band of the counting contact.
 */
export async function keptAccessTallies(
  db: ReadModelDb,
  from: number,
  to: number,
): Promise<Map<number, WindowTallies>> {
  const rows = await db
    .selectFrom('access_month_tally')
    .selectAll()
    .where('month', '>=', from)
    .where('month', '<=', to)
    .execute();
  const months = new Map<
    number,
    { all: Map<string, Tally>; byPcn: Map<string, Tally>; byBand: Map<string, Tally> }
  >();
  for (const r of rows) {
    const m =
      months.get(r.month) ??
      months.set(r.month, { all: new Map(), byPcn: new Map(), byBand: new Map() }).get(r.month)!;
    const measure = r.measure as Measure;
    add(m.all, 'all', measure, Number(r.n));
    add(m.byPcn, r.pcn, measure, Number(r.n));
    add(m.byBand, r.band, measure, Number(r.n));
  }
  return new Map(
    [...months].map(([month, m]) => [month, { all: m.all.get('all'), byPcn: m.byPcn, byBand: m.byBand }]),
  );
}
