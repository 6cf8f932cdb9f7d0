import type { CommandContext } from '../shared/command-context';
import type { SetGoalsRequest } from './set-goals.request';

export class SetGoalsCommand {
  constructor(
    readonly referralId: string,
    readonly request: SetGoalsRequest,
    readonly context: CommandContext,
  ) {}
}
