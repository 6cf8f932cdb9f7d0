import type { CommandContext } from '../shared/command-context';
import type { RecordOutcomeRequest } from './record-outcome.request';

export class RecordOutcomeCommand {
  constructor(
    readonly referralId: string,
    readonly request: RecordOutcomeRequest,
    readonly context: CommandContext,
  ) {}
}
