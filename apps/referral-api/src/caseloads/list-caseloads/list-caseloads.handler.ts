import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelDb, caseloadCounts } from '@app/read-models';
import { READ_MODEL_DB } from '../../projections/read-models.module';
import { ListCaseloadsQuery } from './list-caseloads.query';

/** Every link worker's open caseload, for service managers balancing work. */
@QueryHandler(ListCaseloadsQuery)
export class ListCaseloadsHandler implements IQueryHandler<ListCaseloadsQuery> {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  async execute() {
    const rows = await caseloadCounts(this.db);
    return {
      linkWorkers: rows.map((r) => ({
        linkWorkerId: r.linkWorkerId,
        counts: { accepted: r.accepted, active: r.active, total: r.accepted + r.active },
      })),
    };
  }
}
