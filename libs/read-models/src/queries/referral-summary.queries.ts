import type { ReadModelDb } from '../database';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import { toSummary } from '../referral-summary/referral-summary.store';

const OPEN_STATUSES = ['accepted', 'active'];

/** A link worker's open referrals (accepted or active), oldest first. */
export async function openReferralsOf(db: ReadModelDb, linkWorkerId: string): Promise<ReferralSummary[]> {
  const rows = await db
    .selectFrom('referral_summary')
    .selectAll()
    .where('link_worker_id', '=', linkWorkerId)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('received_at')
    .execute();
  return rows.map(toSummary);
}

/** The summaries of these referrals, by id (those that exist). */
export async function referralsById(db: ReadModelDb, ids: string[]): Promise<Map<string, ReferralSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('referral_summary').selectAll().where('referral_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.referral_id, toSummary(r)]));
}

export type CaseloadCount = { linkWorkerId: string; accepted: number; active: number };

/** Open referrals per link worker. */
export async function caseloadCounts(db: ReadModelDb): Promise<CaseloadCount[]> {
  const rows = await db
    .selectFrom('referral_summary')
    .select(['link_worker_id', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('status', 'in', OPEN_STATUSES)
    .where('link_worker_id', 'is not', null)
    .groupBy(['link_worker_id', 'status'])
    .orderBy('link_worker_id')
    .execute();
  const byWorker = new Map<string, CaseloadCount>();
  for (const r of rows) {
    const id = r.link_worker_id!;
    const c = byWorker.get(id) ?? { linkWorkerId: id, accepted: 0, active: 0 };
    c[r.status as 'accepted' | 'active'] = Number(r.n);
    byWorker.set(id, c);
  }
  return [...byWorker.values()];
}

/** Referrals received on the UTC dates from..to inclusive (YYYY-MM-DD). */
export async function referralsReceivedBetween(
  db: ReadModelDb,
  from: string,
  to: string,
): Promise<ReferralSummary[]> {
  const rows = await db
    .selectFrom('referral_summary')
    .selectAll()
    .where('received_at', '>=', `${from}T00:00:00.000Z`)
    .where('received_at', '<=', `${to}T23:59:59.999Z`)
    .execute();
  return rows.map(toSummary);
}

/** Referrals whose support ended or that were declined: the candidates for retention. */
export async function closedReferrals(db: ReadModelDb): Promise<ReferralSummary[]> {
  const rows = await db
    .selectFrom('referral_summary')
    .selectAll()
    .where('status', 'in', ['ended', 'declined'])
    .execute();
  return rows.map(toSummary);
}

/** How many referrals the summary holds. */
export async function referralCount(db: ReadModelDb): Promise<number> {
  const row = await db
    .selectFrom('referral_summary')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every row of the read models, as stored, in key order. */
export type ReadModelRows = {
  referralSummary: Record<string, unknown>[];
  accessLog: Record<string, unknown>[];
  /** The blind index: each referral's tokens with its name-word tokens, in key order. */
  identity: Record<string, unknown>[];
  checkpoints: { name: string; position: number }[];
};

/** Every row of every read model (or just the checkpoints), positions as numbers on either database. */
export async function readModelRows(
  db: ReadModelDb,
  options: { checkpointsOnly?: boolean } = {},
): Promise<ReadModelRows> {
  const checkpoints = (
    await db.selectFrom('projection_checkpoints').select(['name', 'position']).orderBy('name').execute()
  ).map((r) => ({ name: r.name, position: Number(r.position) }));
  if (options.checkpointsOnly) return { referralSummary: [], accessLog: [], identity: [], checkpoints };
  const referralSummary = await db
    .selectFrom('referral_summary')
    .selectAll()
    .orderBy('referral_id')
    .execute();
  const accessLog = (await db.selectFrom('access_log').selectAll().orderBy('position').execute()).map(
    (r) => ({
      ...r,
      position: Number(r.position),
    }),
  );
  const words = await db
    .selectFrom('referral_identity_words')
    .selectAll()
    .orderBy('referral_id')
    .orderBy('word')
    .execute();
  const wordsOf = new Map<string, string[]>();
  for (const w of words) wordsOf.set(w.referral_id, [...(wordsOf.get(w.referral_id) ?? []), w.word]);
  const identity = (
    await db.selectFrom('referral_identity').selectAll().orderBy('referral_id').execute()
  ).map((r) => ({ ...r, words: wordsOf.get(r.referral_id) ?? [] }));
  return { referralSummary, accessLog, identity, checkpoints };
}
