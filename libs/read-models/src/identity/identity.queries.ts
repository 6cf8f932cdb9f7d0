import type { Selectable } from 'kysely';
import type { ReadModelDb, ReferralIdentityTable } from '../database';

/** A referral this one may duplicate: an open referral of the same young person, received earlier. */
export type PossibleDuplicate = { referralId: string; reason: 'nhs_number' | 'name_and_date_of_birth' };
/** The same NHS number given with another name or date of birth: one of them is wrong. */
export type DemographicMismatch = {
  issue: 'demographics_differ';
  referralId: string;
  fields: ('name' | 'dateOfBirth')[];
};
/** An earlier referral of the same young person that has closed: an earlier episode of support. */
export type PreviousEpisode = { referralId: string; status: string; receivedAt: string };
export type DuplicateFlags = {
  possibleDuplicateOf: PossibleDuplicate[];
  dataQuality: DemographicMismatch[];
  previousEpisodes: PreviousEpisode[];
};

/** Statuses in which a referral is still open (awaiting triage or in support). */
export const OPEN_STATUSES = ['received', 'accepted', 'active'] as const;

type Identity = Selectable<ReferralIdentityTable>;
type Other = Identity & { status: string; received_at: string };
const CHUNK = 400;

/** A match by NHS number when both have one, else by name and date of birth. */
function matchReason(a: Identity, b: Identity): PossibleDuplicate['reason'] | null {
  if (a.nhs !== null && b.nhs !== null) return a.nhs === b.nhs ? 'nhs_number' : null;
  return a.person !== null && a.person === b.person ? 'name_and_date_of_birth' : null;
}

function mismatch(a: Identity, b: Identity): DemographicMismatch | null {
  if (a.nhs === null || a.nhs !== b.nhs) return null;
  const fields: DemographicMismatch['fields'] = [];
  if (a.name !== null && b.name !== null && a.name !== b.name) fields.push('name');
  if (a.dob !== null && b.dob !== null && a.dob !== b.dob) fields.push('dateOfBirth');
  return fields.length ? { issue: 'demographics_differ', referralId: b.referral_id, fields } : null;
}

const keptApart = (a: Identity, b: Identity) =>
  (JSON.parse(a.kept_apart) as string[]).includes(b.referral_id) ||
  (JSON.parse(b.kept_apart) as string[]).includes(a.referral_id);

const isOpen = (r: { status: string }) => (OPEN_STATUSES as readonly string[]).includes(r.status);

const earlier = (b: Other, a: { received_at: string; referral_id: string }) =>
  b.received_at < a.received_at || (b.received_at === a.received_at && b.referral_id < a.referral_id);

/** Identity rows with the status and receipt time of their referral. */
const withStatus = (db: ReadModelDb) =>
  db
    .selectFrom('referral_identity as i')
    .innerJoin('referral_search as s', 's.referral_id', 'i.referral_id')
    .select([
      'i.referral_id',
      'i.nhs',
      'i.name',
      'i.dob',
      'i.person',
      'i.kept_apart',
      's.status',
      's.received_at',
    ]);

/** The referrals sharing an NHS number or a name and date of birth with any of `mine`. */
async function candidates(db: ReadModelDb, mine: Identity[]): Promise<Other[]> {
  const nhs = [...new Set(mine.map((r) => r.nhs).filter((v): v is string => v !== null))];
  const person = [...new Set(mine.map((r) => r.person).filter((v): v is string => v !== null))];
  if (nhs.length === 0 && person.length === 0) return [];
  return withStatus(db)
    .where((eb) =>
      eb.or([
        ...(nhs.length ? [eb('i.nhs', 'in', nhs)] : []),
        ...(person.length ? [eb('i.person', 'in', person)] : []),
      ]),
    )
    .execute();
}

/** What `b` means for `a`: a possible duplicate, an earlier episode, a demographic mismatch, or nothing. */
function compare(a: Other, b: Other, flag: DuplicateFlags): void {
  if (b.referral_id === a.referral_id || keptApart(a, b)) return;
  const reason = matchReason(a, b);
  if (reason && earlier(b, a)) {
    if (isOpen(a) && isOpen(b)) flag.possibleDuplicateOf.push({ referralId: b.referral_id, reason });
    else if (!isOpen(b) && b.status !== 'merged')
      flag.previousEpisodes.push({ referralId: b.referral_id, status: b.status, receivedAt: b.received_at });
  }
  const wrong = mismatch(a, b);
  if (wrong) flag.dataQuality.push(wrong);
}

/**
 * The duplicate and data-quality flags of some referrals, worked out when read so they always reflect
 * what is open now: an open referral is flagged as a possible duplicate of each earlier open referral of
 * the same young person (unless a link worker kept the two apart), and for every referral with its
 * NHS number under another name or date of birth.
 */
export async function duplicateFlags(
  db: ReadModelDb,
  ids: readonly string[],
): Promise<Map<string, DuplicateFlags>> {
  const flags = new Map<string, DuplicateFlags>(
    ids.map((id) => [id, { possibleDuplicateOf: [], dataQuality: [], previousEpisodes: [] }]),
  );
  for (let i = 0; i < ids.length; i += CHUNK) {
    const mine = await withStatus(db)
      .where('i.referral_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    const others = await candidates(db, mine);
    for (const a of mine) for (const b of others) compare(a, b, flags.get(a.referral_id)!);
  }
  return flags;
}

/** Search by identity: keyed tokens of NHS number, date of birth and name words (each word must match). */
export type IdentityFilter = { nhs?: string; dob?: string; words?: string[] };

/** The ids matching an identity filter, as a subquery for the search. */
export function identityMatches(db: ReadModelDb, f: IdentityFilter) {
  let query = db.selectFrom('referral_identity as i').select('i.referral_id');
  if (f.nhs !== undefined) query = query.where('i.nhs', '=', f.nhs);
  if (f.dob !== undefined) query = query.where('i.dob', '=', f.dob);
  for (const word of f.words ?? [])
    query = query.where((eb) =>
      eb(
        'i.referral_id',
        'in',
        eb.selectFrom('referral_identity_words').select('referral_id').where('word', '=', word),
      ),
    );
  return query;
}
