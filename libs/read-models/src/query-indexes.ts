import { sql } from 'kysely';
import type { ReadModelDb } from './database';
import { isSqlite } from './spells/person-keys.sql';

/**
 * The secondary indexes only queries read (search, the triage queue, caseloads, reports, the access
 * log's auditors), never the projections' writes: a rebuild drops them and makes them again at the end,
 * one sort each, instead of updating every one of them row by row. The indexes the writes use (keys,
 * and `referral_id` where rows are replaced) stay.
 */
export const QUERY_ONLY_INDEXES: readonly string[] = [
  'referral_summary_link_worker',
  'referral_summary_received',
  'referral_search_status',
  'referral_search_triage',
  'referral_search_received',
  'referral_search_link_worker',
  'referral_search_pcn',
  'referral_identity_nhs',
  'referral_identity_person',
  'referral_report_facts_equity',
  'referral_contact_facts_band',
  'access_log_referral',
  'access_log_actor',
];

type IndexDefinition = { name: string; definition: string };

/** The statements that make these indexes as they are now (those the database has). */
async function definitionsOf(db: ReadModelDb, names: readonly string[]): Promise<IndexDefinition[]> {
  const found = isSqlite(db)
    ? await sql<IndexDefinition>`SELECT name, sql AS definition FROM sqlite_master
        WHERE type = 'index' AND sql IS NOT NULL`.execute(db)
    : await sql<IndexDefinition>`SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema()`.execute(db);
  const byName = new Map(found.rows.map((r) => [r.name, r.definition]));
  return names.flatMap((name) => {
    const definition = byName.get(name);
    return definition === undefined ? [] : [{ name, definition }];
  });
}

/**
 * Runs `work` (a bulk write, such as a rebuild) without the query-only indexes and makes them again
 * afterwards, from the definitions the database held, whether or not `work` succeeded. Should the
 * process die in between, the migration on the next open makes any that are missing.
 */
export async function withQueryIndexesDeferred<T>(db: ReadModelDb, work: () => Promise<T>): Promise<T> {
  const deferred = await definitionsOf(db, QUERY_ONLY_INDEXES);
  for (const { name } of deferred) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(db);
  try {
    return await work();
  } finally {
    for (const { definition } of deferred) await sql.raw(definition).execute(db);
  }
}
