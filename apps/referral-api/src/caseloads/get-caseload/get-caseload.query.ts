import type { Actor } from '../../auth/roles';

export class GetCaseloadQuery {
  constructor(
    readonly linkWorkerId: string,
    readonly actor: Actor,
  ) {}
}
