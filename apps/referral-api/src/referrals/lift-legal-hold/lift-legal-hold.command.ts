import type { CommandContext } from '../shared/command-context';
import type { LiftLegalHoldRequest } from './lift-legal-hold.request';

export class LiftLegalHoldCommand {
  constructor(
    readonly referralId: string,
    readonly request: LiftLegalHoldRequest,
    readonly context: CommandContext,
  ) {}
}
