import type { DirectoryDb } from './directory.tables';
import { DirectoryRefusal, DirectoryWrites } from './directory.store';
import type { HsdsService } from './hsds.types';
import { serviceReports } from './service-reports';
import type {
  ReportDb,
  ReportResolution,
  ReportTables,
  ReportedIssue,
  ServiceReport,
  ServiceReportKind,
} from './service-reports';

type Editor = { actor: string; now: string };

/**
 * The community directory with its editorial loop: link workers report services that closed or changed,
 * the directory shows those reports until a directory editor resolves them, and a resolution that closes
 * or re-assures a service changes the service in the same transaction (recorded like any change).
 */
export class DirectoryStore extends DirectoryWrites {
  private readonly reports: ReportDb;

  constructor(db: DirectoryDb) {
    super(db);
    this.reports = db.withTables<Pick<ReportTables, 'directory_service_report'>>();
  }

  async reportService(r: {
    serviceId: string;
    kind: ServiceReportKind;
    detail?: string;
    actor: string;
    now: string;
  }): Promise<ServiceReport> {
    if (!(await this.service(r.serviceId)))
      throw new DirectoryRefusal('DIRECTORY.SERVICE_NOT_FOUND', `No service ${r.serviceId} in the directory`);
    return serviceReports.add(this.reports, r);
  }

  async serviceReport(id: string): Promise<ServiceReport | undefined> {
    return serviceReports.get(this.reports, id);
  }

  async serviceReports(q: { open: boolean; serviceId?: string }): Promise<ServiceReport[]> {
    return serviceReports.list(this.reports, q);
  }

  /** The unresolved reports of these services (kind and date only: no reporter, no free text). */
  async openIssues(serviceIds: readonly string[]): Promise<Map<string, ReportedIssue[]>> {
    return serviceReports.openIssues(this.reports, serviceIds);
  }

  /**
   * Resolves an open report: `closed` marks the service inactive, `no_change` re-assures it today,
   * `updated` records that the editor corrected it. Report and service change in one transaction.
   */
  async resolveReport(
    id: string,
    r: Editor & { outcome: ReportResolution; note?: string },
  ): Promise<ServiceReport> {
    await this.db.transaction().execute(async (trx) => {
      const reports = trx.withTables<Pick<ReportTables, 'directory_service_report'>>();
      const report = await serviceReports.get(reports, id);
      if (!report) throw new DirectoryRefusal('DIRECTORY.REPORT_NOT_FOUND', `No report ${id}`);
      if (report.resolution)
        throw new DirectoryRefusal(
          'DIRECTORY.REPORT_RESOLVED',
          `Report ${id} was resolved (${report.resolution.outcome}) at ${report.resolution.at}`,
        );
      const changed = await this.resolvedService(trx, report.serviceId, r);
      if (changed) await this.upsertIn(trx, changed, r.actor, r.now, {});
      await serviceReports.markResolved(reports, id, r);
    });
    return (await this.serviceReport(id))!;
  }

  private async resolvedService(
    trx: Parameters<DirectoryWrites['serviceVersion']>[1],
    serviceId: string,
    r: Editor & { outcome: ReportResolution },
  ): Promise<HsdsService | undefined> {
    if (r.outcome === 'updated') return undefined;
    const row = await trx!
      .selectFrom('directory_service')
      .select('doc')
      .where('id', '=', serviceId)
      .executeTakeFirst();
    if (!row) return undefined;
    const service = JSON.parse(row.doc) as HsdsService;
    return r.outcome === 'closed'
      ? { ...service, status: 'inactive' }
      : { ...service, assured_date: r.now.slice(0, 10) };
  }
}
