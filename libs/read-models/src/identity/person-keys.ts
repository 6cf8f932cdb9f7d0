import type { ReadModelDb } from '../database';

/** The tokens that say whose a referral is (keyed tokens, never values). */
export type PersonTokens = {
  referralId: string;
  nhs: string | null;
  /** Name and date of birth together. */
  person: string | null;
  /** Referrals a link worker decided are not this young person. */
  keptApart: readonly string[];
};

/** Whether a link worker kept these two referrals apart (either way round). */
const apart = (a: PersonTokens, b: PersonTokens) =>
  a.keptApart.includes(b.referralId) || b.keptApart.includes(a.referralId);

/**
 * Which referrals are of the same young person, for counting young people and referral spells: equal
 * NHS numbers; without an NHS number, equal names and dates of birth, joining the referrals with an NHS
 * number of that name and date of birth when they all carry the same one (with two different NHS
 * numbers it is unclear whose it is, and it joins only the others without one). A referral a link
 * worker kept apart from one it would match by name and date of birth stands alone, as does one with
 * no tokens (erased). Each referral gets an opaque key (`person-<n>`): the tokens never leave here.
 */
export function personKeys(rows: readonly PersonTokens[]): Map<string, string> {
  const byPerson = new Map<string, PersonTokens[]>();
  for (const r of rows) if (r.person !== null) byPerson.set(r.person, [...(byPerson.get(r.person) ?? []), r]);
  const tokenKey = (r: PersonTokens): string => {
    if (r.nhs !== null) return `n:${r.nhs}`;
    const same = r.person === null ? [] : byPerson.get(r.person)!;
    if (r.person === null || same.some((o) => o !== r && apart(r, o))) return `r:${r.referralId}`;
    const numbers = new Set(same.map((o) => o.nhs).filter((n): n is string => n !== null));
    return numbers.size === 1 ? `n:${[...numbers][0]!}` : `p:${r.person}`;
  };
  const opaque = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const r of rows) {
    const key = tokenKey(r);
    if (!opaque.has(key)) opaque.set(key, `person-${opaque.size + 1}`);
    keys.set(r.referralId, opaque.get(key)!);
  }
  return keys;
}

/** Every referral's tokens in the blind index. */
export async function personTokens(db: ReadModelDb): Promise<PersonTokens[]> {
  const rows = await db
    .selectFrom('referral_identity')
    .select(['referral_id', 'nhs', 'person', 'kept_apart'])
    .execute();
  return rows.map((r) => ({
    referralId: r.referral_id,
    nhs: r.nhs,
    person: r.person,
    keptApart: JSON.parse(r.kept_apart) as string[],
  }));
}

/**
 * The person key of each of these referrals (see `personKeys`), matched over every referral of the
 * blind index, not only these: who is who is what the index knows now, whatever a report's period
 * (docs/domain.md#recognising-a-young-person). A referral without identity tokens (erased, or read
 * models kept without the blind index) stands alone.
 */
export async function personKeysOf(
  db: ReadModelDb,
  referralIds: readonly string[],
): Promise<Map<string, string>> {
  const indexed = await personTokens(db);
  const found = new Set(indexed.map((r) => r.referralId));
  const alone = referralIds
    .filter((id) => !found.has(id))
    .map((id) => ({ referralId: id, nhs: null, person: null, keptApart: [] }));
  const all = personKeys([...indexed, ...alone]);
  return new Map(referralIds.map((id) => [id, all.get(id)!]));
}
