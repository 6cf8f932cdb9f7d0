import type { CommandContext } from '../shared/command-context';
import type { ReceiveReferralRequest } from './receive-referral.request';

export class ReceiveReferralCommand {
  constructor(
    readonly request: ReceiveReferralRequest,
    readonly context: CommandContext,
    readonly requestHash: string,
  ) {}
}

export type ReceiveReferralResult = { id: string; version: number; status: string; created: boolean };
