import { openSqliteReadModels } from '../database';
import type { ReadModelDb } from '../database';
import { ROWS_PER_STATEMENT, deleteWhereIn, insertRows, selectWhereIn } from './bulk-rows';

const search = (n: number, status = 'received') => ({
  referral_id: `r-${String(n).padStart(5, '0')}`,
  status,
  link_worker_id: n % 2 ? `lw-${n}` : null,
  received_at: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
  source_kind: 'gp',
  source_organisation: null,
  pcn_code: 'U12345',
  urgency: 'routine',
  age_band: '11-15',
  reasons: '|anxiety|',
  team: null,
});

const ids = (rows: { referral_id: string }[]) => rows.map((r) => r.referral_id).sort();

describe('bulk rows (each statement shape compiled by Kysely once)', () => {
  let db: ReadModelDb;
  beforeEach(async () => {
    db = await openSqliteReadModels(':memory:');
  });
  afterEach(() => db.destroy());

  // More than one full statement and a remainder that is no power of two: 512 + 256 + 8 + 1 rows.
  const many = ROWS_PER_STATEMENT + 265;

  it('writes every row, over full statements and the pieces of the remainder, and reads them back', async () => {
    const rows = Array.from({ length: many }, (_, n) => search(n));
    await insertRows(db, 'referral_search', rows);
    const all = await selectWhereIn(db, 'referral_search', 'referral_id', ids(rows));
    expect(all).toHaveLength(many);
    expect(all.find((r) => r.referral_id === 'r-00007')).toEqual(search(7));
    // The same shapes again, now from the texts kept: the values are these rows', not the first ones'.
    const again = Array.from({ length: many }, (_, n) => search(n + many));
    await insertRows(db, 'referral_search', again);
    const found = await selectWhereIn(db, 'referral_search', 'referral_id', ids(again));
    expect(ids(found)).toEqual(ids(again));
    expect(found.find((r) => r.referral_id === search(many + 3).referral_id)).toEqual(search(many + 3));
  });

  it('replaces every column but the key, or keeps the row there, as the conflict says', async () => {
    await insertRows(db, 'referral_search', [search(1), search(2)]);
    await insertRows(db, 'referral_search', [search(1, 'accepted')], { kind: 'replace', key: 'referral_id' });
    await insertRows(db, 'referral_search', [search(2, 'declined')], { kind: 'ignore', key: 'referral_id' });
    const rows = await selectWhereIn(db, 'referral_search', 'referral_id', ['r-00001', 'r-00002']);
    expect(new Map(rows.map((r) => [r.referral_id, r.status]))).toEqual(
      new Map([
        ['r-00001', 'accepted'],
        ['r-00002', 'received'],
      ]),
    );
    // Matched by message: better-sqlite3's error class comes from the first test file that loaded it.
    await expect(insertRows(db, 'referral_search', [search(2)])).rejects.toMatchObject({
      message: expect.stringMatching(/UNIQUE/),
    });
  });

  it('takes a key of several columns', async () => {
    const listed = [
      { referral_id: 'r-1', position: 1 },
      { referral_id: 'r-1', position: 2 },
    ];
    await insertRows(db, 'access_log_referrals', listed);
    await insertRows(db, 'access_log_referrals', [...listed, { referral_id: 'r-2', position: 2 }], {
      kind: 'ignore',
      key: ['referral_id', 'position'],
    });
    expect(await selectWhereIn(db, 'access_log_referrals', 'referral_id', ['r-1', 'r-2'])).toHaveLength(3);
  });

  it('writes an absent value as null', async () => {
    await insertRows(db, 'referral_search', [{ ...search(3), team: undefined }]);
    const [row] = await selectWhereIn(db, 'referral_search', 'referral_id', ['r-00003']);
    expect(row?.team).toBeNull();
  });

  it('takes a value not equal to itself (NaN) the first time a shape is used, as Kysely did', async () => {
    await insertRows(db, 'referral_search', [{ ...search(8), team: Number.NaN as never }]);
    await insertRows(db, 'referral_search', [{ ...search(9), team: Number.NaN as never }]);
    const rows = await selectWhereIn(db, 'referral_search', 'referral_id', ['r-00008', 'r-00009']);
    // SQLite stores a NaN as null.
    expect(rows.map((r) => r.team)).toEqual([null, null]);
  });

  it('deletes exactly the rows whose key is listed', async () => {
    const rows = Array.from({ length: many }, (_, n) => search(n));
    await insertRows(db, 'referral_search', rows);
    const gone = ids(rows).filter((_, n) => n % 3 === 0);
    await deleteWhereIn(db, 'referral_search', 'referral_id', gone);
    const left = await selectWhereIn(db, 'referral_search', 'referral_id', ids(rows));
    expect(ids(left)).toEqual(ids(rows).filter((_, n) => n % 3 !== 0));
  });

  it('refuses rows whose columns differ, naming the table, before writing any', async () => {
    const { team: _, ...withoutTeam } = search(5);
    await expect(
      insertRows(db, 'referral_search', [search(4), { ...withoutTeam, team: 'x', extra: 1 } as never]),
    ).rejects.toThrow(/rows of referral_search with different columns/);
    expect(await selectWhereIn(db, 'referral_search', 'referral_id', ['r-00004'])).toEqual([]);
  });
});
