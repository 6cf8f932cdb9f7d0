import type { StoredEvent } from '@app/event-store';
import type { ReadModelTx } from '../runner/projection';
import type { Projection } from '../runner/projection';
import type { Demographics, IdentityTokens, KeyedTokens } from './identity-tokens';
import { tokensOf } from './identity-tokens';
import { markPersonSpellsDirty } from '../spells/person-spells.schema';
import { deleteWhereIn, insertRows, selectWhereIn } from '../runner/bulk-rows';

/** One referral's place in the blind index, and the referrals a link worker decided are different people. */
export type IdentityRow = IdentityTokens & { referralId: string; keptApart: string[] };

/** The events whose personal fields this projection reads (the runner reveals these, and only these). */
const PERSONAL = new Set(['ReferralReceived', 'DemographicsCorrected']);
const HANDLES = new Set([...PERSONAL, 'DuplicateKept', 'PersonalDataErased']);

type Data = { referralId: string; youngPerson?: Demographics; of?: string };

function evolve(keys: KeyedTokens, row: IdentityRow | null, event: StoredEvent): IdentityRow | null {
  const data = event.data as Data;
  switch (event.type) {
    case 'ReferralReceived':
      return { referralId: data.referralId, keptApart: [], ...tokensOf(keys, data.youngPerson ?? {}) };
    case 'DemographicsCorrected':
      return row && { ...row, ...tokensOf(keys, data.youngPerson ?? {}, row) };
    case 'DuplicateKept':
      return row && { ...row, keptApart: [...new Set([...row.keptApart, String(data.of)])] };
    case 'PersonalDataErased':
      // Nothing identifying stays: the row and its tokens go.
      return null;
    default:
      return row;
  }
}

async function load(trx: ReadModelTx, keys: string[]): Promise<Map<string, IdentityRow>> {
  const found = new Map<string, IdentityRow>();
  const words = new Map<string, string[]>();
  for (const w of await selectWhereIn(trx, 'referral_identity_words', 'referral_id', keys)) {
    const of = words.get(w.referral_id);
    if (of) of.push(w.word);
    else words.set(w.referral_id, [w.word]);
  }
  for (const r of await selectWhereIn(trx, 'referral_identity', 'referral_id', keys))
    found.set(r.referral_id, {
      referralId: r.referral_id,
      nhs: r.nhs,
      name: r.name,
      dob: r.dob,
      person: r.person,
      words: words.get(r.referral_id) ?? [],
      keptApart: JSON.parse(r.kept_apart) as string[],
    });
  return found;
}

async function save(trx: ReadModelTx, rows: Map<string, IdentityRow | null>): Promise<void> {
  const ids = [...rows.keys()];
  await markPersonSpellsDirty(trx, ids);
  await deleteWhereIn(trx, 'referral_identity_words', 'referral_id', ids);
  await deleteWhereIn(trx, 'referral_identity', 'referral_id', ids);
  const kept = [...rows.values()].filter((r): r is IdentityRow => r !== null);
  await insertRows(
    trx,
    'referral_identity',
    kept.map((r) => ({
      referral_id: r.referralId,
      nhs: r.nhs,
      name: r.name,
      dob: r.dob,
      person: r.person,
      kept_apart: JSON.stringify(r.keptApart),
    })),
  );
  // Every word of the batch in key order: random tokens inserted as they come touch pages all over the index.
  const words = kept
    .flatMap((r) => r.words.map((word) => ({ word, referral_id: r.referralId })))
    .sort(byWordThenReferral);
  await insertRows(trx, 'referral_identity_words', words);
}

type WordRow = { word: string; referral_id: string };

/** Key order: rows inserted in the order of the table's primary key go to neighbouring pages. */
function byWordThenReferral(a: WordRow, b: WordRow): number {
  if (a.word !== b.word) return a.word < b.word ? -1 : 1;
  if (a.referral_id === b.referral_id) return 0;
  return a.referral_id < b.referral_id ? -1 : 1;
}

/**
 * The blind index of young people's identities (docs/adr/0013): keyed tokens of each referral's NHS
 * number, name and date of birth, never the values, for search by name or NHS number and for
 * duplicate checks. Erasure deletes a referral's tokens; corrections replace them.
 */
export function identityIndexProjection(keys: KeyedTokens): Projection<IdentityRow> {
  return {
    name: 'identity-index',
    handles: HANDLES,
    personalData: PERSONAL,
    keyOf: (event) => (event.data as Data).referralId,
    evolve: (row, event) => evolve(keys, row, event),
    load,
    save,
  };
}

/** The personal data the identity index reads, whichever key it is built with. */
export const IDENTITY_INDEX_PERSONAL_DATA: ReadonlySet<string> = PERSONAL;
