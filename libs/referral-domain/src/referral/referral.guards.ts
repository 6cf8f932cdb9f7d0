import { instant } from '../shared/dates';
import { ReferralErrors } from './referral.errors';
import type { OpenReferral, Referral } from './referral.state';
import { isReceived } from './referral.state';
import type { ReferralStatus } from './referral.vocabulary';

const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The referral must exist; commands on an unknown stream are a NOT_FOUND rule. */
export function requireReferral(state: Referral): OpenReferral {
  if (!isReceived(state)) throw ReferralErrors.notFound('No referral with this id has been received');
  return state;
}

/** Declined, withdrawn and ended referrals accept no further commands. */
export function requireNotClosed(state: OpenReferral): void {
  if (['declined', 'withdrawn', 'merged', 'ended'].includes(state.status)) {
    throw ReferralErrors.closed(`The referral is ${state.status}; no further changes can be made`);
  }
}

export function requireStatus(
  state: OpenReferral,
  allowed: ReferralStatus[],
  error: (m: string) => Error,
  what: string,
): void {
  requireNotClosed(state);
  if (!allowed.includes(state.status)) {
    throw error(
      `${what} is only possible when the referral is ${allowed.join(' or ')}; it is ${state.status}`,
    );
  }
}

/** `at` must be a real time, not before the referral was received, and not more than 5 minutes ahead. */
export function requireValidTime(at: string, now: string, receivedAt?: string): void {
  const atMs = instant(at);
  if (Number.isNaN(atMs)) throw ReferralErrors.invalidTime(`"${at}" is not an ISO 8601 date-time`);
  if (atMs > instant(now) + FUTURE_TOLERANCE_MS) {
    throw ReferralErrors.timeInFuture(`${at} is more than 5 minutes in the future`);
  }
  if (receivedAt !== undefined && atMs < instant(receivedAt)) {
    throw ReferralErrors.timeBeforeReceived(`${at} is before the referral was received (${receivedAt})`);
  }
}
