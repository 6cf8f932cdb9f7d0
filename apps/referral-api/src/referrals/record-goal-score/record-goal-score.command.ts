import type { CommandContext } from '../shared/command-context';
import type { RecordGoalScoreRequest } from './record-goal-score.request';

export class RecordGoalScoreCommand {
  constructor(
    readonly referralId: string,
    readonly goalId: string,
    readonly request: RecordGoalScoreRequest,
    readonly context: CommandContext,
  ) {}
}
