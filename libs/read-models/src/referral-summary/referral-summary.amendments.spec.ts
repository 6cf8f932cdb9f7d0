import type { ReferralEvent } from '@app/referral-domain';
import type { ReferralSummary } from './referral-summary';
import { evolveReferralSummary } from './referral-summary.projection';

const ID = 'referral-0001';
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T10:00:00.000Z`;
const base = { referralId: ID, at: day(1) };
const session = (sessionId: string, at: string, attended = true): ReferralEvent => ({
  type: 'SessionHeld',
  data: {
    referralId: ID,
    sessionId,
    at,
    format: 'one_to_one',
    setting: 'school',
    durationMinutes: 30,
    attended,
    activities: [],
  },
});
const history: ReferralEvent[] = [
  {
    type: 'ReferralReceived',
    data: {
      referralId: ID,
      receivedAt: day(1),
      source: { kind: 'gp' },
      youngPerson: { givenName: '[sealed]', familyName: '[sealed]', dateOfBirth: '[sealed]' },
      reasons: ['anxiety'],
      urgency: 'routine',
      ageAtReferral: 12,
    },
  },
  { type: 'ReferralAccepted', data: { ...base, linkWorkerId: 'lw-1', snomedCode: '871731000000106' } },
  {
    type: 'GoalsSet',
    data: { ...base, at: day(4), goals: [{ goalId: 'g-1', description: '[sealed]', score: 3 }] },
  },
  session('s-1', day(3)),
  session('s-2', day(5)),
  session('s-3', day(7), false),
  {
    type: 'OutcomeRecorded',
    data: { ...base, outcomeId: 'o-1', measure: 'SWEMWBS', rater: 'young_person', score: 20 },
  },
];
const fold = (events: ReferralEvent[], row: ReferralSummary | null = null) =>
  events.reduce<ReferralSummary | null>((r, e) => evolveReferralSummary(r, e), row)!;
const corrects = { sessions: 'SessionHeld', outcomes: 'OutcomeRecorded' } as const;

describe('referral summary: amended sessions and outcome scores', () => {
  const before = fold(history);

  it('recomputes the contact clocks when a session did not happen as recorded', () => {
    expect(before).toMatchObject({ firstContactAt: day(3), secondContactAt: day(5), helpStartedAt: day(5) });
    const notAttended = fold(
      [
        {
          type: 'SessionAmended',
          data: {
            ...base,
            sessionId: 's-1',
            corrects: corrects.sessions,
            changes: { attended: false },
            previous: { attended: true },
            reason: 'x',
          },
        },
        {
          type: 'SessionAmended',
          data: {
            ...base,
            sessionId: 's-3',
            corrects: corrects.sessions,
            changes: { attended: true, at: day(8) },
            previous: {},
            reason: 'x',
          },
        },
      ],
      before,
    );
    expect(notAttended).toMatchObject({
      attendedSessions: [day(5), day(8)],
      firstContactAt: day(5),
      secondContactAt: day(8),
      helpStartedAt: day(5),
      lastSessionAt: day(8),
    });
  });

  it('reports the amended score, and nothing of a voided one', () => {
    const amended = fold(
      [
        {
          type: 'OutcomeAmended',
          data: {
            ...base,
            outcomeId: 'o-1',
            corrects: corrects.outcomes,
            score: 24,
            previousScore: 20,
            reason: 'x',
          },
        },
      ],
      before,
    );
    expect(amended.scores.filter((s) => s.measure === 'SWEMWBS').map((s) => s.score)).toEqual([24]);
    const voided = fold(
      [
        {
          type: 'OutcomeVoided',
          data: { ...base, outcomeId: 'o-1', corrects: corrects.outcomes, reason: 'x' },
        },
      ],
      amended,
    );
    expect(voided.scores.filter((s) => s.measure === 'SWEMWBS')).toEqual([]);
    expect(voided.scores.filter((s) => s.measure === 'GBO')).toHaveLength(1);
  });
});
