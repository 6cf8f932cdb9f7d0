import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DirectoryTables } from './directory.tables';

/** What a link worker found: the service no longer runs, or runs differently from what the directory says. */
export const SERVICE_REPORT_KINDS = ['closed', 'changed'] as const;
export type ServiceReportKind = (typeof SERVICE_REPORT_KINDS)[number];

/**
 * How a directory editor settles a report: `closed` marks the service inactive, `updated` says the editor
 * has corrected the service (PUT), `no_change` says it was checked and still runs as listed (assured today).
 */
export const REPORT_RESOLUTIONS = ['closed', 'updated', 'no_change'] as const;
export type ReportResolution = (typeof REPORT_RESOLUTIONS)[number];

export interface ServiceReportTable {
  id: string;
  service_id: string;
  kind: ServiceReportKind;
  detail: string | null;
  reported_by: string;
  reported_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: ReportResolution | null;
  resolution_note: string | null;
}

export type ReportTables = DirectoryTables & { directory_service_report: ServiceReportTable };
export type ReportDb = Kysely<ReportTables> | Transaction<ReportTables>;

/** A report as the editors' queue shows it. */
export type ServiceReport = {
  id: string;
  serviceId: string;
  kind: ServiceReportKind;
  detail: string | null;
  reportedBy: string;
  reportedAt: string;
  resolution: null | { outcome: ReportResolution; note: string | null; by: string; at: string };
};

/** An open report as the directory shows it to everyone: no reporter, no free text. */
export type ReportedIssue = { kind: ServiceReportKind; reported_at: string };

export async function migrateServiceReports(db: Kysely<DirectoryTables>): Promise<void> {
  await db.schema
    .createTable('directory_service_report')
    .ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('service_id', 'varchar(250)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'varchar(40)', (c) => c.notNull())
    .addColumn('resolved_at', 'varchar(40)')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'varchar(20)')
    .addColumn('resolution_note', 'text')
    .execute();
  await db.schema
    .createIndex('directory_service_report_open')
    .ifNotExists()
    .on('directory_service_report')
    .columns(['resolved_at', 'service_id'])
    .execute();
}

const view = (r: ServiceReportTable): ServiceReport => ({
  id: r.id,
  serviceId: r.service_id,
  kind: r.kind,
  detail: r.detail,
  reportedBy: r.reported_by,
  reportedAt: r.reported_at,
  resolution:
    r.resolved_at === null
      ? null
      : { outcome: r.resolution!, note: r.resolution_note, by: r.resolved_by!, at: r.resolved_at },
});

/** Link workers' reports that a service closed or changed, kept until a directory editor resolves them. */
export const serviceReports = {
  async add(
    db: ReportDb,
    r: { serviceId: string; kind: ServiceReportKind; detail?: string; actor: string; now: string },
  ): Promise<ServiceReport> {
    const row: ServiceReportTable = {
      id: randomUUID(),
      service_id: r.serviceId,
      kind: r.kind,
      detail: r.detail ?? null,
      reported_by: r.actor,
      reported_at: r.now,
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      resolution_note: null,
    };
    await db.insertInto('directory_service_report').values(row).execute();
    return view(row);
  },

  async get(db: ReportDb, id: string): Promise<ServiceReport | undefined> {
    const row = await db
      .selectFrom('directory_service_report')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? view(row) : undefined;
  },

  /** Reports, oldest first: open ones only, or all, optionally of one service. */
  async list(db: ReportDb, q: { open: boolean; serviceId?: string }): Promise<ServiceReport[]> {
    let query = db.selectFrom('directory_service_report').selectAll();
    if (q.open) query = query.where('resolved_at', 'is', null);
    if (q.serviceId) query = query.where('service_id', '=', q.serviceId);
    const rows = await query.orderBy('reported_at').orderBy('id').limit(1000).execute();
    return rows.map(view);
  },

  /** The open reports of these services, as the directory shows them. */
  async openIssues(db: ReportDb, serviceIds: readonly string[]): Promise<Map<string, ReportedIssue[]>> {
    const issues = new Map<string, ReportedIssue[]>();
    if (serviceIds.length === 0) return issues;
    const rows = await db
      .selectFrom('directory_service_report')
      .select(['service_id', 'kind', 'reported_at'])
      .where('resolved_at', 'is', null)
      .where('service_id', 'in', [...serviceIds])
      .orderBy('reported_at')
      .execute();
    for (const r of rows)
      issues.set(r.service_id, [
        ...(issues.get(r.service_id) ?? []),
        { kind: r.kind, reported_at: r.reported_at },
      ]);
    return issues;
  },

  async markResolved(
    db: ReportDb,
    id: string,
    r: { outcome: ReportResolution; note?: string; actor: string; now: string },
  ): Promise<void> {
    await db
      .updateTable('directory_service_report')
      .set({
        resolved_at: r.now,
        resolved_by: r.actor,
        resolution: r.outcome,
        resolution_note: r.note ?? null,
      })
      .where('id', '=', id)
      .where('resolved_at', 'is', null)
      .execute();
  },
};
