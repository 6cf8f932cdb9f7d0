import type { CommandContext } from '../shared/command-context';
import type { HoldSessionRequest } from './hold-session.request';

export class HoldSessionCommand {
  constructor(
    readonly referralId: string,
    readonly request: HoldSessionRequest,
    readonly context: CommandContext,
  ) {}
}
