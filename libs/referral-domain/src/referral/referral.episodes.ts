import { ReferralErrors } from './referral.errors';

/** A referral of a young person whose earlier referral closed: the second (third...) episode of support. */
export type Episode = { number: number; previousReferralId: string };

/**
 * What the application layer found of the referral a re-referral names (docs/domain.md#re-referral):
 * the decider is pure, so facts of another stream come in with the command.
 */
export type PreviousReferral = {
  referralId: string;
  /** `none` when there is no such referral; `erased` once its personal data is erased. */
  status: string;
  /** Whether it is of the same young person: NHS numbers equal, or else name and date of birth. */
  samePerson: boolean;
  /** Its own episode number (1 for a first referral). */
  episode: number;
};

/** Support that has finished: a new episode may follow it. */
const CLOSED = ['ended', 'declined', 'withdrawn'];

/** The episode a re-referral opens, or a rule broken: the previous referral must be closed and of the same young person. */
export function nextEpisode(previous: PreviousReferral | undefined, referralId: string): Episode | undefined {
  if (previous === undefined) return undefined;
  const { referralId: id, status } = previous;
  if (id === referralId) throw ReferralErrors.previousNotFound('A referral cannot follow itself');
  if (status === 'none' || status === 'erased')
    throw ReferralErrors.previousNotFound(
      status === 'none' ? `There is no referral ${id}` : `Referral ${id} has been erased; refer afresh`,
    );
  if (status === 'merged')
    throw ReferralErrors.previousStillOpen(`Referral ${id} was merged; name the referral it was merged into`);
  if (!CLOSED.includes(status))
    throw ReferralErrors.previousStillOpen(
      `Referral ${id} is still ${status}; a new episode can follow only once support has ended`,
    );
  if (!previous.samePerson)
    throw ReferralErrors.previousOtherPerson(
      `Referral ${id} is of another young person (NHS number, or name and date of birth, differ)`,
    );
  return { number: previous.episode + 1, previousReferralId: id };
}
