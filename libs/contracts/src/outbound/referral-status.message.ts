import type {
  OpenReferral,
  ReferralAccepted,
  ReferralDeclined,
  ReferralEnded,
  ReferralSourceKind,
  ReferralWithdrawn,
} from '@app/referral-domain';
import { compact } from '../validation';

/** A `referrals.status.v1` message: the message back to the referrer when a referral is accepted, declined, withdrawn or ended. */
export type ReferralStatusMessageV1 = {
  referralId: string;
  status: 'accepted' | 'declined' | 'withdrawn' | 'ended';
  at: string;
  /** SNOMED CT: 871731000000106 referral to social prescribing (accepted), 871711000000103 declined. */
  snomedCode?: string;
  /** Why it was declined (free text), withdrawn or ended (a code). */
  reason?: string;
  signpostedTo?: string;
  referrer: {
    sourceKind: ReferralSourceKind;
    organisationCode?: string;
    sourceSystem?: string;
    messageId?: string;
  };
};

/** Where an inbound referral came from, so the referrer's system can match the answer to its own message. */
export type InboundOrigin = { sourceSystem: string; messageId: string };

export type StatusEvent = ReferralAccepted | ReferralDeclined | ReferralWithdrawn | ReferralEnded;

/** The status message of one event; no names, dates of birth or NHS numbers: the referrer matches on its ids. */
export function referralStatusMessage(
  referral: OpenReferral,
  event: StatusEvent,
  origin?: InboundOrigin,
): ReferralStatusMessageV1 {
  const referrer = compact({
    sourceKind: referral.source.kind,
    organisationCode: referral.source.organisationCode,
    sourceSystem: origin?.sourceSystem,
    messageId: origin?.messageId,
  });
  const base = { referralId: event.data.referralId, at: event.data.at, referrer };
  switch (event.type) {
    case 'ReferralAccepted':
      return { ...base, status: 'accepted', snomedCode: event.data.snomedCode };
    case 'ReferralDeclined':
      return compact({
        ...base,
        status: 'declined' as const,
        snomedCode: event.data.snomedCode,
        reason: event.data.reason,
        signpostedTo: event.data.signpostedTo,
      });
    case 'ReferralWithdrawn':
      // The coded reason only: the note is sealed free text.
      return { ...base, status: 'withdrawn', reason: event.data.reason };
    case 'ReferralEnded':
      return { ...base, status: 'ended', reason: event.data.reason };
  }
}
