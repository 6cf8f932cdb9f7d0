import { openSqliteReadModels } from '../database';
import { personKeys, personKeysOf } from './person-keys';
import type { PersonTokens } from './person-keys';

const row = (referralId: string, nhs: string | null, person: string | null, keptApart: string[] = []) =>
  ({ referralId, nhs, person, keptApart }) satisfies PersonTokens;

/** The referrals grouped by key, each group sorted, for readable expectations. */
function groups(rows: PersonTokens[]): string[][] {
  const keys = personKeys(rows);
  const by = new Map<string, string[]>();
  for (const [id, key] of keys) by.set(key, [...(by.get(key) ?? []), id]);
  return [...by.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('Person keys', () => {
  it('matches on the NHS number, whatever the name and date of birth', () => {
    expect(groups([row('a', 'N1', 'P1'), row('b', 'N1', 'P2'), row('c', 'N2', 'P1')])).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
  });

  it('matches on name and date of birth without an NHS number, joining the one NHS number of that person', () => {
    expect(groups([row('a', 'N1', 'P1'), row('b', null, 'P1'), row('c', null, 'P2')])).toEqual([
      ['a', 'b'],
      ['c'],
    ]);
    expect(groups([row('a', null, 'P1'), row('b', null, 'P1')])).toEqual([['a', 'b']]);
  });

  it('joins no NHS number when the name and date of birth carry two', () => {
    expect(
      groups([row('a', 'N1', 'P1'), row('b', 'N2', 'P1'), row('c', null, 'P1'), row('d', null, 'P1')]),
    ).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  it('keeps alone a referral kept apart from its name-and-date-of-birth match, and one without tokens', () => {
    expect(groups([row('a', null, 'P1'), row('b', null, 'P1', ['a']), row('c', null, null)])).toEqual([
      ['a'],
      ['b'],
      ['c'],
    ]);
  });

  it('gives opaque keys, never the tokens', () => {
    const keys = personKeys([row('a', 'secret-nhs-token', 'secret-person-token')]);
    expect(keys.get('a')).toBe('person-1');
  });

  it('matches the referrals asked for over every referral of the index (ADR 0017)', async () => {
    const db = await openSqliteReadModels(':memory:');
    try {
      const identity = (referral_id: string, nhs: string | null, person: string, kept: string[] = []) => ({
        referral_id,
        nhs,
        name: null,
        dob: null,
        person,
        kept_apart: JSON.stringify(kept),
      });
      // a and b of one young person until c, later, gives that name and date of birth another NHS number;
      // d and e of one until f, later, is kept apart from e.
      await db
        .insertInto('referral_identity')
        .values([
          identity('a', 'N1', 'P1'),
          identity('b', null, 'P1'),
          identity('c', 'N2', 'P1'),
          identity('d', null, 'P2'),
          identity('e', null, 'P2'),
          identity('f', null, 'P2', ['e']),
        ])
        .execute();
      const keys = await personKeysOf(db, ['a', 'b', 'd', 'e', 'x']);
      expect([...keys.keys()]).toEqual(['a', 'b', 'd', 'e', 'x']);
      expect(new Set(keys.values()).size).toBe(5);
    } finally {
      await db.destroy();
    }
  });
});
