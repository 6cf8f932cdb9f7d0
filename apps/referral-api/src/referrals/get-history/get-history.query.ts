import type { Actor } from '../../auth/roles';
import type { GetHistoryRequest } from './get-history.request';

export class GetHistoryQuery {
  constructor(
    readonly referralId: string,
    readonly actor: Actor,
    readonly request: GetHistoryRequest = {},
  ) {}
}
