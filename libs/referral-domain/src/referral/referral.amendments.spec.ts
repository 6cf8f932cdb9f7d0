import type { AmendmentCommand } from './referral.amendments';
import { NOW, anActiveReferral, day, events } from './referral.test-events';
import { given } from './referral.test-kit';

const base = { referralId: 'referral-0001', at: day(10), now: NOW, reason: ' Typed wrongly ' };
const amendSession = (changes: object, sessionId = 's1'): AmendmentCommand => ({
  type: 'AmendSession',
  ...base,
  sessionId,
  changes,
});
const amendOutcome = (score: number, outcomeId = 'o1'): AmendmentCommand => ({
  type: 'AmendOutcome',
  ...base,
  outcomeId,
  score,
});
const voidOutcome: AmendmentCommand = { type: 'VoidOutcome', ...base, outcomeId: 'o1' };
const recorded = () => [...anActiveReferral(), events.sessionHeld(), events.outcomeRecorded()];
const data = { referralId: 'referral-0001', at: day(10), reason: 'Typed wrongly' };

describe('amending what was recorded', () => {
  it('records only the session fields that change, with what they were', () => {
    given(...recorded())
      .when(amendSession({ attended: false, durationMinutes: 45, setting: 'home' }))
      .then([
        {
          type: 'SessionAmended',
          data: {
            ...data,
            sessionId: 's1',
            corrects: 'SessionHeld',
            changes: { setting: 'home', attended: false },
            previous: { setting: 'school', attended: true },
          },
        },
      ]);
    given(...recorded())
      .when(amendSession({ durationMinutes: 45 }))
      .then([]);
  });

  it('amends a score within its measure, and voids one, after which it cannot be amended', () => {
    given(...recorded())
      .when(amendOutcome(25))
      .then([
        {
          type: 'OutcomeAmended',
          data: { ...data, outcomeId: 'o1', corrects: 'OutcomeRecorded', score: 25, previousScore: 21 },
        },
      ]);
    const voided = {
      type: 'OutcomeVoided' as const,
      data: { ...data, outcomeId: 'o1', corrects: 'OutcomeRecorded' as const },
    };
    given(...recorded())
      .when(voidOutcome)
      .then([voided]);
    given(...recorded(), voided)
      .when(amendOutcome(25))
      .thenThrows('REFERRAL.OUTCOME_VOIDED');
  });

  it('is allowed once support has ended', () => {
    given(...recorded(), events.ended())
      .when(voidOutcome)
      .then([expect.objectContaining({ type: 'OutcomeVoided' }) as never]);
  });

  it.each([
    [amendSession({ attended: false }, 's9'), 'REFERRAL.SESSION_NOT_FOUND'],
    [amendSession({ at: '2026-01-01T00:00:00.000Z' }), 'REFERRAL.TIME_BEFORE_RECEIVED'],
    [amendOutcome(21, 'o9'), 'REFERRAL.OUTCOME_NOT_FOUND'],
    [amendOutcome(41), 'REFERRAL.SCORE_OUT_OF_RANGE'],
    [{ ...voidOutcome, reason: ' ' }, 'REFERRAL.CORRECTION_REASON_REQUIRED'],
  ] as const)('refuses %j', (command, code) => {
    given(...recorded())
      .when(command)
      .thenThrows(code);
  });
});
