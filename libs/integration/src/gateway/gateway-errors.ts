import { Problem } from '@app/application';
import { MessageRejected } from '@app/contracts';
import type { Issue } from '@app/contracts';
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
export type DeadLetterReason = { code: string; detail: string; issues?: Issue[] };

export function deadLetterReason(error: unknown): DeadLetterReason | undefined {
  if (error instanceof MessageRejected)
    return { code: error.code, detail: error.message, ...(error.issues.length && { issues: error.issues }) };
  if (error instanceof ReferralRuleError || error instanceof GatewayRuleError) {
    return { code: error.code, detail: error.message };
  }
  // A refusal of the application layer (e.g. REFERRAL.ALREADY_EXISTS); a 5xx is an outage, retried.
  if (error instanceof Problem && error.status < 500)
    return { code: error.extras.code ?? `REQUEST.${error.status}`, detail: error.detail };
  return undefined;
}

/**
 * Runs a message parser. Parsing is pure, so a parser that throws anything but `MessageRejected` would
 * throw on every retry and block its partition for good; such a message is dead-lettered instead, with
 * `MESSAGE.UNPROCESSABLE`, and the partition moves on.
 */
export function readMessage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MessageRejected) throw error;
    throw new MessageRejected('MESSAGE.UNPROCESSABLE', 'The message could not be read by this consumer');
  }
}
