import type { CommandContext } from '../shared/command-context';
import type { WithdrawConsentRequest } from './withdraw-consent.request';

export class WithdrawConsentCommand {
  constructor(
    readonly referralId: string,
    readonly request: WithdrawConsentRequest,
    readonly context: CommandContext,
  ) {}
}
