import type { CommandContext } from '../shared/command-context';
import type { EndReferralRequest } from './end-referral.request';

export class EndReferralCommand {
  constructor(
    readonly referralId: string,
    readonly request: EndReferralRequest,
    readonly context: CommandContext,
  ) {}
}
