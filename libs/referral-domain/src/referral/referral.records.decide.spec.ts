import { given } from './referral.test-kit';
import { NOW, aReceivedReferral, anActiveReferral, day } from './referral.test-events';
import type { ReferralCommand } from './referral.commands';
import { REFERRAL_ID } from './referral.test-events';

const at = day(30);
const hold = (reason = 'Public inquiry'): ReferralCommand => ({
  type: 'PlaceLegalHold',
  referralId: REFERRAL_ID,
  at,
  now: NOW,
  reason,
});
const lift = (): ReferralCommand => ({
  type: 'LiftLegalHold',
  referralId: REFERRAL_ID,
  at,
  now: NOW,
  reason: 'Inquiry closed',
});
const erase = (): ReferralCommand => ({
  type: 'ErasePersonalData',
  referralId: REFERRAL_ID,
  at,
  now: NOW,
  reason: 'Retention period ended',
  basis: 'retention',
});
const ended = [
  ...anActiveReferral(),
  {
    type: 'ReferralEnded',
    data: { referralId: REFERRAL_ID, at: day(20), reason: 'goals_achieved' },
  } as const,
];

describe('an ended referral', () => {
  it('when a legal hold is placed, then LegalHoldPlaced', () => {
    given(...ended)
      .when(hold())
      .then([{ type: 'LegalHoldPlaced', data: { referralId: REFERRAL_ID, at, reason: 'Public inquiry' } }]);
  });
  it('when personal data is erased, then PersonalDataErased with its basis', () => {
    given(...ended)
      .when(erase())
      .then([
        {
          type: 'PersonalDataErased',
          data: { referralId: REFERRAL_ID, at, reason: 'Retention period ended', basis: 'retention' },
        },
      ]);
  });
  it('when a hold is lifted without one in force, then NO_LEGAL_HOLD', () => {
    given(...ended)
      .when(lift())
      .thenThrows('REFERRAL.NO_LEGAL_HOLD');
  });
});

describe('a referral under legal hold', () => {
  const held = [
    ...ended,
    { type: 'LegalHoldPlaced', data: { referralId: REFERRAL_ID, at: day(25), reason: 'Inquiry' } } as const,
  ];
  it('when erasure is asked, then LEGAL_HOLD and nothing is erased', () => {
    given(...held)
      .when(erase())
      .thenThrows('REFERRAL.LEGAL_HOLD');
  });
  it('when another hold is placed, then LEGAL_HOLD_ALREADY_PLACED', () => {
    given(...held)
      .when(hold())
      .thenThrows('REFERRAL.LEGAL_HOLD_ALREADY_PLACED');
  });
  it('when the hold is lifted, then LegalHoldLifted and erasure is possible again', () => {
    given(...held)
      .when(lift())
      .then([{ type: 'LegalHoldLifted', data: { referralId: REFERRAL_ID, at, reason: 'Inquiry closed' } }]);
    given(...held, { type: 'LegalHoldLifted', data: { referralId: REFERRAL_ID, at: day(26), reason: 'x' } })
      .when(erase())
      .then([
        {
          type: 'PersonalDataErased',
          data: { referralId: REFERRAL_ID, at, reason: 'Retention period ended', basis: 'retention' },
        },
      ]);
  });
});

describe('a referral whose personal data was erased', () => {
  const erased = [
    ...aReceivedReferral(),
    {
      type: 'PersonalDataErased',
      data: { referralId: REFERRAL_ID, at: day(2), reason: 'x', basis: 'manual' },
    } as const,
  ];
  it('when erased again, then ERASED', () => {
    given(...erased)
      .when(erase())
      .thenThrows('REFERRAL.ERASED');
  });
  it('when any care command arrives, then ERASED', () => {
    given(...erased)
      .when({ type: 'AcceptReferral', referralId: REFERRAL_ID, at, now: NOW, linkWorkerId: 'lw' })
      .thenThrows('REFERRAL.ERASED');
  });
  it('when a legal hold is placed, then it is still recorded', () => {
    given(...erased)
      .when(hold())
      .then([{ type: 'LegalHoldPlaced', data: { referralId: REFERRAL_ID, at, reason: 'Public inquiry' } }]);
  });
});
