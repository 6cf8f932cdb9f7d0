import type { Issue } from '../validation';
import { compact } from '../validation';

/**
 * The answer to every message on `referrals.inbound.v1` (and `handoffs.responses.v1`), published on
 * `referrals.status.v1` so the sender learns what became of it: `received` with the referral id, or
 * `rejected` with the code, the reason and the elements at fault (paths and rules, never values).
 */
export type IntakeAckV1 = {
  status: 'received' | 'rejected';
  /** Which message this answers: its sender's ids when they could be read, and where it was read. */
  inReplyTo: {
    topic: string;
    partition: number;
    offset: string;
    sourceSystem?: string;
    messageId?: string;
  };
  at: string;
  /** The referral it created or found (received), or the one its ids name (rejected, when they could be read). */
  referralId?: string;
  /** Received: true when the message was a resend of one already received. */
  alreadyReceived?: boolean;
  rejection?: { code: string; reason: string; issues?: Issue[] };
};

export const INTAKE_ACK_TYPES = { received: 'IntakeReceived', rejected: 'IntakeRejected' } as const;

export function intakeAck(ack: IntakeAckV1): IntakeAckV1 {
  return compact({ ...ack, inReplyTo: compact(ack.inReplyTo) });
}
