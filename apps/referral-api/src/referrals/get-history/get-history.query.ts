import type { Actor } from '../../auth/roles';

export class GetHistoryQuery {
  constructor(readonly referralId: string, readonly actor: Actor) {}
}
