import { MessageRejected } from '@app/contracts';
import { ReferralRuleError } from '@app/referral-domain';

/** A message that is well-formed but may not be applied, e.g. a handoff answered by a service it was not sent to. */
export class GatewayRuleError extends Error {
  constructor(
    readonly code: `${'REFERRAL' | 'HANDOFF'}.${string}`,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayRuleError';
  }
}

/** Why a message goes to the dead-letter topic; anything else (the store being down) is retried instead. */
export type DeadLetterReason = { code: string; detail: string };

export function deadLetterReason(error: unknown): DeadLetterReason | undefined {
  if (
    error instanceof MessageRejected ||
    error instanceof ReferralRuleError ||
    error instanceof GatewayRuleError
  ) {
    return { code: error.code, detail: error.message };
  }
  return undefined;
}
