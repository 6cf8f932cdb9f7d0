import type { Actor } from '../../auth/roles';
import type { ReportWindowRequest } from '../waiting-times/waiting-times.request';

export class OutcomesQuery {
  constructor(
    readonly request: ReportWindowRequest,
    readonly actor: Actor,
  ) {}
}
