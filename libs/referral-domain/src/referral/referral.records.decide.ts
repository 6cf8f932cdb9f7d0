import type { ErasePersonalData, LiftLegalHold, PlaceLegalHold } from './referral.commands';
import { ReferralErrors } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import type { OpenReferral } from './referral.state';

export type RecordsCommand = PlaceLegalHold | LiftLegalHold | ErasePersonalData;

/**
 * Records management applies whatever the referral's status: a legal hold suspends destruction, and
 * erasure (crypto-shredding the personal data) is refused while a hold is in force.
 */
export function decideRecords(c: RecordsCommand, s: OpenReferral): ReferralEvent[] {
  const { referralId, at } = c;
  switch (c.type) {
    case 'PlaceLegalHold':
      if (s.legalHold)
        throw ReferralErrors.legalHoldAlreadyPlaced(
          `A legal hold is already in force since ${s.legalHold.at}`,
        );
      return [{ type: 'LegalHoldPlaced', data: { referralId, at, reason: c.reason } }];
    case 'LiftLegalHold':
      if (!s.legalHold) throw ReferralErrors.noLegalHold('No legal hold is in force');
      return [{ type: 'LegalHoldLifted', data: { referralId, at, reason: c.reason } }];
    case 'ErasePersonalData':
      if (s.erasedAt) throw ReferralErrors.erased(`Personal data was already erased at ${s.erasedAt}`);
      if (s.legalHold)
        throw ReferralErrors.legalHold(
          `A legal hold is in force (${s.legalHold.reason}); personal data cannot be erased`,
        );
      return [{ type: 'PersonalDataErased', data: { referralId, at, reason: c.reason, basis: c.basis } }];
  }
}
