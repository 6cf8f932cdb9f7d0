import type { CommandContext } from '../shared/command-context';
import type { AnswerHandoffRequest } from './answer-handoff.request';

export class AnswerHandoffCommand {
  constructor(
    readonly referralId: string,
    readonly handoffId: string,
    readonly answer: 'acknowledge' | 'reject',
    readonly request: AnswerHandoffRequest,
    readonly context: CommandContext,
  ) {}
}
