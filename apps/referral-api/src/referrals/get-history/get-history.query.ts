import type { Actor } from '@app/application';
import type { GetHistoryRequest } from './get-history.request';

export class GetHistoryQuery {
  constructor(
    readonly referralId: string,
    readonly actor: Actor,
    readonly request: GetHistoryRequest = {},
  ) {}
}
