import type { ReferralCommand } from './referral.commands';
import { decide } from './referral.decide';
import type { ReferralEvent } from './referral.events';
import { evolve } from './referral.evolve';
import type { Referral } from './referral.state';
import { initialState } from './referral.state';

/** The referral decider as one value, for stores that load, decide and append. */
export const referralDecider: {
  initialState: Referral;
  decide: (command: ReferralCommand, state: Referral) => ReferralEvent[];
  evolve: (state: Referral, event: ReferralEvent) => Referral;
} = { initialState, decide, evolve };

export const referralStreamName = (referralId: string): string => `referral-${referralId}`;
