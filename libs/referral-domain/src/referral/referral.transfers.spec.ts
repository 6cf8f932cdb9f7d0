import type { TransferReferral } from './referral.transfers';
import { NOW, aReceivedReferral, anActiveReferral, day } from './referral.test-events';
import { given } from './referral.test-kit';

const transfer = (o: Partial<TransferReferral> = {}): TransferReferral => ({
  type: 'TransferReferral',
  referralId: 'referral-0001',
  at: day(10),
  now: NOW,
  reason: 'capacity',
  teams: { current: 'north', known: ['north', 'south'] },
  ...o,
});

describe('transferring a referral', () => {
  it('to another link worker: from and to recorded, the note trimmed', () => {
    given(...anActiveReferral())
      .when(transfer({ toLinkWorkerId: 'lw-bo', note: ' On leave ' }))
      .then([
        {
          type: 'ReferralTransferred',
          data: {
            referralId: 'referral-0001',
            at: day(10),
            reason: 'capacity',
            note: 'On leave',
            fromLinkWorkerId: 'lw-ada',
            toLinkWorkerId: 'lw-bo',
          },
        },
      ]);
  });

  it('to another team: leaves an open case unassigned until the new team assigns it', () => {
    const moved = {
      type: 'ReferralTransferred' as const,
      data: {
        referralId: 'referral-0001',
        at: day(10),
        reason: 'location' as const,
        fromLinkWorkerId: 'lw-ada',
        fromTeam: 'north',
        toTeam: 'south',
      },
    };
    given(...anActiveReferral())
      .when(transfer({ toTeam: 'south', reason: 'location' }))
      .then([moved]);
    given(...anActiveReferral(), moved)
      .when(transfer({ toLinkWorkerId: 'lw-cy', teams: { current: 'south', known: ['north', 'south'] } }))
      .then([
        {
          type: 'ReferralTransferred',
          data: { referralId: 'referral-0001', at: day(10), reason: 'capacity', toLinkWorkerId: 'lw-cy' },
        },
      ]);
  });

  it.each([
    [{}, 'REFERRAL.TRANSFER_TARGET_REQUIRED'],
    [{ toTeam: 'north' }, 'REFERRAL.TRANSFER_TO_SAME'],
    [{ toLinkWorkerId: 'lw-ada' }, 'REFERRAL.TRANSFER_TO_SAME'],
    [{ toTeam: 'east' }, 'REFERRAL.UNKNOWN_TEAM'],
  ] as const)('refuses %j', (o, code) => {
    given(...anActiveReferral())
      .when(transfer(o))
      .thenThrows(code);
  });

  it('moves a referral awaiting triage between teams, but not to a link worker', () => {
    given(...aReceivedReferral())
      .when(transfer({ toLinkWorkerId: 'lw-bo' }))
      .thenThrows('REFERRAL.NOT_OPEN');
  });
});
