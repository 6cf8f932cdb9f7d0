import { FORMATS, PARTNER_ID_HEADER, inboundReferralId } from '@app/contracts';
import type { InboundMessage } from '@app/messaging';
import type { SenderIds } from './inbound-referral.handler';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parsed(message: InboundMessage): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(message.value?.toString() ?? '');
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const valid = (value: unknown, pattern: RegExp): string | undefined =>
  typeof value === 'string' && pattern.test(value) ? value : undefined;

/**
 * The sender's ids of a message that was refused, as far as they can be read, so the rejection can name
 * the message it answers: the envelope's `sourceSystem` and `messageId` (a bare FHIR Bundle: its partner
 * and `Bundle.id`), and the referral id they derive, or a handoff response's `referralId`.
 */
export function readableIds(message: InboundMessage): SenderIds {
  const json = parsed(message);
  if (!json) return {};
  const bare = json.resourceType === 'Bundle';
  const sourceSystem = bare
    ? valid(message.headers[PARTNER_ID_HEADER], FORMATS.sourceSystem)
    : valid(json.sourceSystem, FORMATS.sourceSystem);
  const messageId = valid(bare ? json.id : json.messageId, FORMATS.messageId);
  const given = valid(json.referralId, UUID)?.toLowerCase();
  const derived =
    sourceSystem && messageId && (bare || 'referral' in json)
      ? inboundReferralId(sourceSystem, messageId)
      : undefined;
  return { sourceSystem, messageId, referralId: given ?? derived };
}
