import type { Actor } from '../../auth/roles';

export class GetReferralQuery {
  constructor(
    readonly referralId: string,
    readonly actor: Actor,
  ) {}
}
