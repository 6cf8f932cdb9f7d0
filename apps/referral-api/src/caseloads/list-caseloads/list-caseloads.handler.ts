import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModels } from '@app/read-models';
import { READ_MODELS } from '../../projections/read-models.module';
import { ListCaseloadsQuery } from './list-caseloads.query';

/** Every link worker's open caseload, for service managers balancing work. */
@QueryHandler(ListCaseloadsQuery)
export class ListCaseloadsHandler implements IQueryHandler<ListCaseloadsQuery> {
  constructor(@Inject(READ_MODELS) private readonly readModels: ReadModels) {}

  async execute() {
    const rows = await this.readModels.caseloadCounts();
    return {
      linkWorkers: rows.map((r) => ({
        linkWorkerId: r.linkWorkerId,
        counts: { accepted: r.accepted, active: r.active, total: r.accepted + r.active },
      })),
    };
  }
}
