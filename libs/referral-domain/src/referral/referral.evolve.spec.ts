import type { ReferralEvent } from './referral.events';
import { evolve } from './referral.evolve';
import type { Referral } from './referral.state';
import { initialState } from './referral.state';
import {
  aDeclinedReferral,
  aReceivedReferral,
  anAcceptedReferral,
  anActiveReferral,
  anEndedReferral,
  day,
  events,
} from './referral.test-events';
import { deepFreeze, fold, foldReceived } from './referral.test-kit';

const unknownEvent = {
  type: 'ReferralReopened',
  data: { referralId: 'referral-0001', at: day(9) },
} as unknown as ReferralEvent;
/** One of every event type but ReferralReceived. */
const everyOtherEvent = (): ReferralEvent[] => [
  events.accepted(),
  events.declined(),
  events.linkWorkerAssigned(),
  events.consentObtained(),
  events.consentWithdrawn(),
  events.goalsSet(),
  events.goalScoreRecorded(),
  events.sessionHeld(),
  events.outcomeRecorded(),
  events.handoffRequested(),
  events.handoffAcknowledged(),
  events.handoffRejected(),
  events.ended(),
];

describe('evolve: status', () => {
  it.each<[string, ReferralEvent[], Referral['status']]>([
    ['nothing', [], 'none'],
    ['received', aReceivedReferral(), 'received'],
    ['accepted', anAcceptedReferral(), 'accepted'],
    ['declined', aDeclinedReferral(), 'declined'],
    [
      'accepted with only sharing consent',
      [...anAcceptedReferral(), events.consentObtained({ scopes: ['share_with_gp'] })],
      'accepted',
    ],
    ['accepted with support consent', anActiveReferral(), 'active'],
    [
      'active, then a sharing scope withdrawn',
      [
        ...anAcceptedReferral(),
        events.consentObtained({ scopes: ['support', 'share_with_gp'] }),
        events.consentWithdrawn({ scopes: ['share_with_gp'] }),
      ],
      'active',
    ],
    ['active, then support withdrawn', [...anActiveReferral(), events.consentWithdrawn()], 'accepted'],
    [
      'active, support withdrawn, then given again',
      [...anActiveReferral(), events.consentWithdrawn(), events.consentObtained({ at: day(6) })],
      'active',
    ],
    ['ended', anEndedReferral(), 'ended'],
    [
      'ended, then a handoff answered',
      [
        ...anActiveReferral(),
        events.handoffRequested(),
        events.ended(),
        events.handoffAcknowledged({ at: day(9) }),
      ],
      'ended',
    ],
    [
      'ended, then support consented (never decided, but must not reopen)',
      [...anEndedReferral(), events.consentObtained({ at: day(9) })],
      'ended',
    ],
    [
      'received, then support consented (never decided, but must not activate)',
      [...aReceivedReferral(), events.consentObtained()],
      'received',
    ],
  ])('after %s, the referral is %s', (_, history, status) => {
    expect(fold(history).status).toBe(status);
  });
});

describe('evolve: robustness', () => {
  it('an unknown event type leaves the state exactly as it was', () => {
    const active = deepFreeze(fold(anActiveReferral()));
    expect(evolve(active, unknownEvent)).toBe(active);
    expect(evolve(initialState, unknownEvent)).toBe(initialState);
  });

  it.each(everyOtherEvent().map((e) => [e.type, e] as const))(
    'a %s before the referral was received is ignored',
    (_, event) => {
      expect(evolve(initialState, event)).toBe(initialState);
    },
  );

  it('never throws and never mutates the state it is given, whatever the order of events', () => {
    const all = [...everyOtherEvent(), unknownEvent];
    for (const start of [
      initialState,
      fold(aReceivedReferral()),
      fold(anActiveReferral()),
      fold(aDeclinedReferral()),
      fold(anEndedReferral()),
    ]) {
      for (const event of all) {
        const frozen = deepFreeze(structuredClone(start));
        expect(() => evolve(frozen, event)).not.toThrow();
      }
    }
  });

  it('a score for a goal that is not on the referral changes no goal', () => {
    const before = foldReceived([...anActiveReferral(), events.goalsSet()]);
    expect(
      foldReceived([...anActiveReferral(), events.goalsSet(), events.goalScoreRecorded({ goalId: 'g9' })])
        .goals,
    ).toEqual(before.goals);
  });
});
