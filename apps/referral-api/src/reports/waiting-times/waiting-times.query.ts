import type { Actor } from '../../auth/roles';
import type { WaitingTimesRequest } from './waiting-times.request';

export class WaitingTimesQuery {
  constructor(
    readonly request: WaitingTimesRequest,
    readonly actor: Actor,
  ) {}
}
