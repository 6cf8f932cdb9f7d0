import type { ReferralCommand } from './referral.commands';
import { decide } from './referral.decide';
import { ReferralRuleError } from './referral.errors';
import type { ReferralEvent } from './referral.events';
import { evolve } from './referral.evolve';
import type { OpenReferral, Referral } from './referral.state';
import { initialState } from './referral.state';

export const fold = (events: ReferralEvent[]): Referral => events.reduce(evolve, initialState);

/** Folds a history that starts with ReferralReceived, narrowing the state to a received referral. */
export function foldReceived(events: ReferralEvent[]): OpenReferral {
  const state = fold(events);
  if (state.status === 'none') throw new Error('The history holds no ReferralReceived');
  return state;
}

/** Freezes a value deeply, so a decider that mutates its state or command fails the test. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** given(...history).when(command).then(expectedEvents) | .thenThrows(code) */
export function given(...history: ReferralEvent[]) {
  const state = deepFreeze(fold(structuredClone(history)));
  return {
    when(cmd: ReferralCommand) {
      const run = () => decide(deepFreeze(structuredClone(cmd)), state);
      return {
        then(expected: ReferralEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenThrows(code: ReferralRuleError['code']): void {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(ReferralRuleError);
          expect((thrown as ReferralRuleError).code).toBe(code);
        },
      };
    },
  };
}
