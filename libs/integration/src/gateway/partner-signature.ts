import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { IntegrationPartner } from '@app/config';
import type { Role } from '@app/application';
import type { Actor } from '@app/application';
import type { InboundMessage } from '@app/messaging';
import {
  MessageRejected,
  PARTNER_ID_HEADER,
  PARTNER_SIGNATURE_HEADER,
  partnerSignatureValid,
} from '@app/contracts';

const rejected = (code: `MESSAGE.${string}`, detail: string) => new MessageRejected(code, detail);

/**
 * Who sent an inbound message, from its signature and never from its payload: the registered partner
 * whose public key verifies `x-partner-signature`. Unsigned, unknown and badly signed messages are
 * refused (dead-lettered with the reason).
 */
export class PartnerVerifier {
  private readonly keys = new Map<string, { partner: IntegrationPartner; key: KeyObject }>();

  constructor(private readonly partners: readonly IntegrationPartner[]) {
    for (const p of partners)
      if (p.kafkaPublicKey) this.keys.set(p.id, { partner: p, key: createPublicKey(p.kafkaPublicKey) });
  }

  /** The partner that signed the message, as an actor with the integration role. */
  senderOf(message: InboundMessage): { actor: Actor; partner: IntegrationPartner } {
    const id = message.headers[PARTNER_ID_HEADER];
    const signature = message.headers[PARTNER_SIGNATURE_HEADER];
    if (id === undefined || signature === undefined)
      throw rejected(
        'MESSAGE.UNSIGNED',
        `The message has no ${PARTNER_ID_HEADER} and ${PARTNER_SIGNATURE_HEADER} headers; partners sign every message`,
      );
    const known = this.keys.get(id);
    if (!known)
      throw rejected('MESSAGE.PARTNER_UNKNOWN', 'The message names a partner with no registered Kafka key');
    if (!partnerSignatureValid(known.key, signature, message))
      throw rejected('MESSAGE.SIGNATURE_INVALID', `The signature does not verify with partner ${id}'s key`);
    const { partner } = known;
    return {
      partner,
      actor: Object.freeze<Actor>({
        sub: partner.id,
        roles: ['integration'] as Role[],
        partner: partner.id,
        organisationCodes: partner.organisationCodes,
        handoffTargets: partner.handoffTargets,
      }),
    };
  }

  /** Refuses a payload naming a source system its signer may not speak for. */
  static checkSourceSystem(partner: IntegrationPartner, sourceSystem: string): void {
    if (partner.sourceSystems.includes('*') || partner.sourceSystems.includes(sourceSystem)) return;
    throw rejected(
      'MESSAGE.SOURCE_SYSTEM_MISMATCH',
      `Partner ${partner.id} signed a message for source system ${sourceSystem}, which it may not speak for`,
    );
  }
}
