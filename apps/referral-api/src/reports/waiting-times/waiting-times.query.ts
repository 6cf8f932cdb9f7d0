import type { Actor } from '@app/application';
import type { WaitingTimesRequest } from './waiting-times.request';

export class WaitingTimesQuery {
  constructor(
    readonly request: WaitingTimesRequest,
    readonly actor: Actor,
  ) {}
}
