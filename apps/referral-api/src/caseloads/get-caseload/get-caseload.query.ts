import type { Actor } from '@app/application';

export class GetCaseloadQuery {
  constructor(
    readonly linkWorkerId: string,
    readonly actor: Actor,
  ) {}
}
