import { nextEpisode } from './referral.episodes';
import type { PreviousReferral } from './referral.episodes';

const previous = (o: Partial<PreviousReferral> = {}): PreviousReferral => ({
  referralId: 'r-1',
  status: 'ended',
  samePerson: true,
  episode: 1,
  ...o,
});
const codeOf = (p: PreviousReferral, id = 'r-2') => {
  try {
    nextEpisode(p, id);
    return 'none';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('the episode a re-referral opens', () => {
  it('is none for a first referral, and counts on from the referral it follows', () => {
    expect(nextEpisode(undefined, 'r-2')).toBeUndefined();
    expect(nextEpisode(previous(), 'r-2')).toEqual({ number: 2, previousReferralId: 'r-1' });
    expect(nextEpisode(previous({ status: 'declined', episode: 4 }), 'r-2')).toEqual({
      number: 5,
      previousReferralId: 'r-1',
    });
  });

  it.each([
    [previous({ status: 'active' }), 'REFERRAL.PREVIOUS_STILL_OPEN'],
    [previous({ status: 'received' }), 'REFERRAL.PREVIOUS_STILL_OPEN'],
    [previous({ status: 'merged' }), 'REFERRAL.PREVIOUS_STILL_OPEN'],
    [previous({ status: 'none' }), 'REFERRAL.PREVIOUS_NOT_FOUND'],
    [previous({ status: 'erased' }), 'REFERRAL.PREVIOUS_NOT_FOUND'],
    [previous({ samePerson: false }), 'REFERRAL.PREVIOUS_OTHER_PERSON'],
    [previous({ referralId: 'r-2' }), 'REFERRAL.PREVIOUS_NOT_FOUND'],
  ])('refuses %j', (p, code) => {
    expect(codeOf(p)).toBe(code);
  });
});
