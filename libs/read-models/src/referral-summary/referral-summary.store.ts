import type { StoredEvent } from '@app/event-store';
import type { ReferralEvent } from '@app/referral-domain';
import type { Selectable } from 'kysely';
import type { ReadModelDb, ReferralSearchTable, ReferralSummaryTable } from '../database';
import { deleteReportFacts, saveReportFacts } from '../report-facts/report-facts.store';
import type { Projection, ReadModelTx } from '../runner/projection';
import { deleteWhereIn, insertRows, selectWhereIn } from '../runner/bulk-rows';
import type { ReferralSummary } from './referral-summary';
import { ageBand } from './referral-summary';
import { REFERRAL_SUMMARY_EVENTS, evolveReferralSummary } from './referral-summary.projection';

/** Summaries read per page when search rows are filled from them. */
const CHUNK = 500;

/** Events that stop a waiting clock (acceptance, first and second contact, help started, ending). */
const CLOCK_STOPS = new Set([
  'ReferralAccepted',
  'ReferralDeclined',
  'SessionHeld',
  'GoalsSet',
  'ReferralEnded',
]);

export const toSummary = (row: Selectable<ReferralSummaryTable>): ReferralSummary =>
  JSON.parse(row.doc) as ReferralSummary;

function toRow(s: ReferralSummary): ReferralSummaryTable {
  return {
    referral_id: s.referralId,
    status: s.status,
    link_worker_id: s.linkWorkerId,
    received_at: s.receivedAt,
    pcn_code: s.pcnCode,
    source_kind: s.sourceKind,
    age_at_referral: s.ageAtReferral,
    doc: JSON.stringify(s),
  };
}

/** The search row of a summary: its filterable fields, nothing personal. */
export function toSearchRow(s: ReferralSummary): ReferralSearchTable {
  return {
    referral_id: s.referralId,
    status: s.status,
    link_worker_id: s.linkWorkerId,
    received_at: s.receivedAt,
    source_kind: s.sourceKind,
    source_organisation: s.sourceOrganisation ?? null,
    pcn_code: s.pcnCode,
    urgency: s.urgency ?? 'routine',
    age_band: ageBand(s.ageAtReferral),
    reasons: `|${(s.reasons ?? []).join('|')}|`,
    team: s.team ?? null,
  };
}

async function saveSearchRows(trx: ReadModelTx, rows: ReferralSearchTable[]): Promise<void> {
  await insertRows(trx, 'referral_search', rows, { kind: 'replace', key: 'referral_id' });
}

/**
 * Fills the search table from the summaries when it is empty and they are not (a read-model database
 * from before search existed), so search works without a rebuild.
 */
export async function backfillSearch(db: ReadModelDb): Promise<void> {
  const has = await db.selectFrom('referral_search').select('referral_id').limit(1).execute();
  if (has.length) return;
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('referral_summary')
      .select(['referral_id', 'doc'])
      .where('referral_id', '>', after)
      .orderBy('referral_id')
      .limit(CHUNK)
      .execute();
    if (page.length === 0) return;
    await db.transaction().execute((trx) =>
      saveSearchRows(
        trx,
        page.map((r) => toSearchRow(JSON.parse(r.doc) as ReferralSummary)),
      ),
    );
    after = page.at(-1)!.referral_id;
  }
}

/**
 * The referral summary read model: one row per referral, feeding caseloads, search (`referral_search`)
 * and the reports (`referral_report_facts`, `referral_outcome_pairs`), all written in one transaction.
 */
export const referralSummaryProjection: Projection<ReferralSummary> = {
  name: 'referral-summary',
  handles: REFERRAL_SUMMARY_EVENTS,
  // Reads the gender and ethnicity of ReferralReceived to keep their coded groups (the equity report);
  // names and dates of birth are kept sealed (`sealedIdentity`), opened only when read.
  personalData: new Set(['ReferralReceived']),
  keyOf: (event: StoredEvent) => (event.data as { referralId: string }).referralId,
  evolve: (row, event) => {
    const next = evolveReferralSummary(row, { type: event.type, data: event.data } as ReferralEvent);
    // A clock stop a service manager recorded beyond the back-dating window, as a correction.
    if (next && CLOCK_STOPS.has(event.type) && event.metadata.correction !== undefined)
      return { ...next, backdatedClockStops: (next.backdatedClockStops ?? 0) + 1 };
    return next;
  },
  async load(trx: ReadModelTx, keys: string[]) {
    const found = new Map<string, ReferralSummary>();
    for (const row of await selectWhereIn(trx, 'referral_summary', 'referral_id', keys))
      found.set(row.referral_id, toSummary(row));
    return found;
  },
  async save(trx: ReadModelTx, rows: Map<string, ReferralSummary | null>) {
    const summaries = [...rows.values()].filter((r): r is ReferralSummary => r !== null);
    await insertRows(trx, 'referral_summary', summaries.map(toRow), { kind: 'replace', key: 'referral_id' });
    await saveSearchRows(trx, summaries.map(toSearchRow));
    await saveReportFacts(trx, summaries);
    const deleted = [...rows.entries()].filter(([, r]) => r === null).map(([k]) => k);
    await deleteWhereIn(trx, 'referral_summary', 'referral_id', deleted);
    await deleteWhereIn(trx, 'referral_search', 'referral_id', deleted);
    await deleteReportFacts(trx, deleted);
  },
};
