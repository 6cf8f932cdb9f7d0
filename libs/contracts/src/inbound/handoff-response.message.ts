import { HANDOFF_TARGETS } from '@app/referral-domain';
import type { HandoffTarget } from '@app/referral-domain';
import { FORMATS, isDateTime } from '../formats';
import { SCHEMA_VERSION } from '../topics';
import { Checker, compact, parseJson, requireSchemaVersion } from '../validation';

export const HANDOFF_OUTCOMES = ['acknowledged', 'rejected'] as const;

/** A `handoffs.responses.v1` message: a partner's answer to one handoff. */
export type HandoffResponseMessageV1 = {
  messageId: string;
  sourceSystem: string;
  referralId: string;
  handoffId: string;
  /** The service answering; it must be the handoff's target. */
  target: HandoffTarget;
  outcome: (typeof HANDOFF_OUTCOMES)[number];
  /** When the partner decided; default the time the message is handled. Normalised to UTC. */
  at?: string;
  /** The partner's own case reference. */
  reference?: string;
  reason?: string;
};

/** Parses and validates a `handoffs.responses.v1` message with the field rules of the HTTP answer; throws `MessageRejected`. */
export function parseHandoffResponse(
  value: Buffer | string | null,
  headers: Record<string, string> = {},
): HandoffResponseMessageV1 {
  requireSchemaVersion(headers, SCHEMA_VERSION);
  const c = new Checker();
  const m = c.object(parseJson(value), '', [
    'messageId',
    'sourceSystem',
    'referralId',
    'handoffId',
    'target',
    'outcome',
    'at',
    'reference',
    'reason',
  ]);
  if (!m) throw c.rejection('The handoff response message');
  const uuid = { pattern: FORMATS.uuid, hint: 'must be a UUID' };
  const at = c.string(m, 'at', '', { optional: true });
  if (at !== undefined && !isDateTime(at))
    c.fail('at', 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z');
  return c.done(
    'The handoff response message',
    compact({
      messageId: c.string(m, 'messageId', '', {
        pattern: FORMATS.messageId,
        hint: 'must be 1-200 printable characters',
      })!,
      sourceSystem: c.string(m, 'sourceSystem', '', {
        pattern: FORMATS.sourceSystem,
        hint: 'must be 1-100 letters, digits or ._:-',
      })!,
      referralId: c.string(m, 'referralId', '', uuid)?.toLowerCase() ?? '',
      handoffId: c.string(m, 'handoffId', '', uuid)?.toLowerCase() ?? '',
      target: c.oneOf(m, 'target', '', HANDOFF_TARGETS)!,
      outcome: c.oneOf(m, 'outcome', '', HANDOFF_OUTCOMES)!,
      at: at === undefined || !isDateTime(at) ? undefined : new Date(at).toISOString(),
      reference: c.string(m, 'reference', '', { optional: true, max: 200 }),
      reason: c.string(m, 'reason', '', { optional: true, max: 2000 }),
    }),
  );
}
