import type { Actor } from '@app/application';
import type { ReportWindowRequest } from '../waiting-times/waiting-times.request';

export class OutcomesQuery {
  constructor(
    readonly request: ReportWindowRequest,
    readonly actor: Actor,
  ) {}
}
