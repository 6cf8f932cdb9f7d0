import type { Actor } from '@app/application';

export class GetReferralQuery {
  constructor(
    readonly referralId: string,
    readonly actor: Actor,
  ) {}
}
