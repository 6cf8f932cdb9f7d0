import { command } from './referral.test-commands';
import { aReceivedReferral, anActiveReferral, day } from './referral.test-events';
import { given } from './referral.test-kit';

const OTHER = 'referral-0000';
const target = (status: string, sameTeam = true) => ({ referralId: OTHER, status, sameTeam });
const merged = {
  type: 'ReferralMerged',
  data: { referralId: 'referral-0001', at: day(10), into: OTHER },
} as const;
const kept = {
  type: 'DuplicateKept',
  data: { referralId: 'referral-0001', at: day(10), of: OTHER },
} as const;

describe('settling a possible duplicate', () => {
  it.each(['received', 'accepted', 'active'])(
    'merges into an open (%s) referral of the same team',
    (status) => {
      given(...aReceivedReferral())
        .when(command.resolveDuplicate({ target: target(status) }))
        .then([merged]);
    },
  );

  it('merges an active referral too, and then it is closed to further changes', () => {
    given(...anActiveReferral())
      .when(command.resolveDuplicate())
      .then([merged]);
    given(...anActiveReferral(), merged)
      .when(command.resolveDuplicate({ decision: 'keep_both' }))
      .thenThrows('REFERRAL.CLOSED');
  });

  it('keeps both once: a second keep-both of the same pair changes nothing', () => {
    given(...aReceivedReferral())
      .when(command.resolveDuplicate({ decision: 'keep_both', target: target('ended', false) }))
      .then([kept]);
    given(...aReceivedReferral(), kept)
      .when(command.resolveDuplicate({ decision: 'keep_both' }))
      .then([]);
  });

  it.each([
    [
      'itself',
      { referralId: 'referral-0001', status: 'received', sameTeam: true },
      'REFERRAL.MERGE_INTO_SELF',
    ],
    ['an unknown referral', target('none'), 'REFERRAL.DUPLICATE_NOT_FOUND'],
    ['a closed referral', target('declined'), 'REFERRAL.MERGE_INTO_CLOSED'],
    ['an erased referral', target('erased'), 'REFERRAL.MERGE_INTO_CLOSED'],
    ["another team's referral", target('received', false), 'REFERRAL.MERGE_ACROSS_TEAMS'],
  ])('refuses to merge into %s', (_, other, code) => {
    given(...aReceivedReferral())
      .when(command.resolveDuplicate({ target: other }))
      .thenThrows(code as `REFERRAL.${string}`);
  });
});
