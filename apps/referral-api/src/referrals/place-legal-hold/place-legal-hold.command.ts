import type { CommandContext } from '../shared/command-context';
import type { PlaceLegalHoldRequest } from './place-legal-hold.request';

export class PlaceLegalHoldCommand {
  constructor(
    readonly referralId: string,
    readonly request: PlaceLegalHoldRequest,
    readonly context: CommandContext,
  ) {}
}
