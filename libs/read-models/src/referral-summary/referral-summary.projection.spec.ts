import type { OutcomeMeasure, Rater, ReferralEvent, ReferralReceived } from '@app/referral-domain';
import type { ReferralSummary } from './referral-summary';
import { evolveReferralSummary } from './referral-summary.projection';
import { referralSummaryProjection } from './referral-summary.store';

const ID = 'referral-0001';
/** `n` days after 2 March 2026, at the given UTC time. */
const day = (n: number, time = '10:00:00.000'): string =>
  new Date(Date.parse(`2026-03-02T${time}Z`) + n * 86_400_000).toISOString();

const events = {
  received: (data: Partial<ReferralReceived['data']> = {}): ReferralEvent => ({
    type: 'ReferralReceived',
    data: {
      referralId: ID,
      receivedAt: day(0),
      source: { kind: 'school', organisationCode: 'A81001' },
      youngPerson: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2012-05-10' },
      reasons: ['anxiety'],
      pcnCode: 'U12345',
      urgency: 'routine',
      ...data,
    },
  }),
  accepted: (at = day(1), linkWorkerId = 'lw-1'): ReferralEvent => ({
    type: 'ReferralAccepted',
    data: { referralId: ID, at, linkWorkerId, snomedCode: '871731000000106' },
  }),
  declined: (at = day(1)): ReferralEvent => ({
    type: 'ReferralDeclined',
    data: { referralId: ID, at, reason: 'Needs CAMHS', snomedCode: '871711000000103' },
  }),
  assigned: (linkWorkerId: string, at = day(2)): ReferralEvent => ({
    type: 'LinkWorkerAssigned',
    data: { referralId: ID, at, linkWorkerId, previousLinkWorkerId: 'lw-1' },
  }),
  consented: (scopes: ('support' | 'share_with_gp')[] = ['support'], at = day(2)): ReferralEvent => ({
    type: 'ConsentObtained',
    data: { referralId: ID, at, givenBy: 'parent_carer', basis: 'parental_responsibility', scopes },
  }),
  withdrawn: (scopes: ('support' | 'share_with_gp')[] = ['support'], at = day(3)): ReferralEvent => ({
    type: 'ConsentWithdrawn',
    data: { referralId: ID, at, scopes },
  }),
  goalsSet: (
    at: string,
    goals: { goalId: string; score: number }[] = [{ goalId: 'g1', score: 2 }],
  ): ReferralEvent => ({
    type: 'GoalsSet',
    data: { referralId: ID, at, goals: goals.map((g) => ({ ...g, description: `Goal ${g.goalId}` })) },
  }),
  goalScore: (goalId: string, score: number, at: string): ReferralEvent => ({
    type: 'GoalScoreRecorded',
    data: { referralId: ID, at, goalId, score },
  }),
  session: (at: string, attended = true): ReferralEvent => ({
    type: 'SessionHeld',
    data: {
      referralId: ID,
      sessionId: `s-${at}`,
      at,
      format: 'one_to_one',
      setting: 'school',
      durationMinutes: 45,
      attended,
      activities: [],
    },
  }),
  outcome: (
    measure: OutcomeMeasure,
    score: number,
    at: string,
    rater: Rater = 'young_person',
  ): ReferralEvent => ({
    type: 'OutcomeRecorded',
    data: { referralId: ID, outcomeId: `o-${at}`, at, measure, rater, score },
  }),
  ended: (at = day(60)): ReferralEvent => ({
    type: 'ReferralEnded',
    data: { referralId: ID, at, reason: 'goals_achieved' },
  }),
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The row after the history; frozen, so a projection that mutates its input fails. */
function given(...history: ReferralEvent[]): ReferralSummary {
  const row = history.reduce<ReferralSummary | null>((r, e) => evolveReferralSummary(r, e), null);
  if (row === null) throw new Error('The history made no row');
  return deepFreeze(row);
}

function when(row: ReferralSummary | null, event: ReferralEvent): ReferralSummary {
  const next = evolveReferralSummary(row, event);
  if (next === null) throw new Error('The projection deleted the row');
  return next;
}

const anActiveReferral = (): ReferralEvent[] => [events.received(), events.accepted(), events.consented()];

describe('referral summary projection', () => {
  describe('before the referral is received', () => {
    describe('when ReferralReceived', () => {
      it('starts a row with age at referral, source and PCN, and every clock unstopped', () => {
        expect(when(null, events.received())).toEqual<ReferralSummary>({
          referralId: ID,
          status: 'received',
          linkWorkerId: null,
          sealedIdentity: null,
          ageAtReferral: 13,
          sourceKind: 'school',
          sourceOrganisation: 'A81001',
          urgency: 'routine',
          reasons: ['anxiety'],
          pcnCode: 'U12345',
          receivedAt: day(0),
          acceptedAt: null,
          declinedAt: null,
          endedAt: null,
          endReason: null,
          goalsSetAt: null,
          attendedSessions: [],
          lastSessionAt: null,
          firstContactAt: null,
          secondContactAt: null,
          helpStartedAt: null,
          scores: [],
        });
      });

      it('counts the birthday on the day of referral as reached', () => {
        const row = when(
          null,
          events.received({
            receivedAt: '2026-03-02T09:00:00.000Z',
            youngPerson: { givenName: 'Ali', familyName: 'Khan', dateOfBirth: '2010-03-02' },
          }),
        );
        expect(row.ageAtReferral).toBe(16);
      });

      it('the day before the birthday, is a year younger', () => {
        const row = when(
          null,
          events.received({
            receivedAt: '2026-03-01T23:30:00.000Z',
            youngPerson: { givenName: 'Ali', familyName: 'Khan', dateOfBirth: '2010-03-02' },
          }),
        );
        expect(row.ageAtReferral).toBe(15);
      });

      it('keeps the name and date of birth sealed: the envelope as stored, never the values', () => {
        const envelope = { v: 1, kid: ID, fields: ['youngPerson.givenName'], iv: 'i', tag: 't', ct: 'c' };
        const received = events.received();
        const sealed = {
          ...received,
          data: { ...received.data, youngPerson: { givenName: '[sealed]' }, personal: envelope },
        } as unknown as ReferralEvent;
        const row = when(null, sealed);
        expect(row.sealedIdentity).toEqual(envelope);
        expect(JSON.stringify(row)).not.toContain('Sam');
        const erased: ReferralEvent = {
          type: 'PersonalDataErased',
          data: { referralId: ID, at: day(90), reason: 'Asked to', basis: 'manual' },
        };
        expect(when(row, erased).sealedIdentity).toBeNull();
      });

      it('records an unknown PCN as null and the referrer kind as the source', () => {
        const row = when(null, events.received({ pcnCode: undefined, source: { kind: 'parent_carer' } }));
        expect(row).toMatchObject({ pcnCode: null, sourceKind: 'parent_carer' });
      });
    });

    describe('when any other event arrives first', () => {
      it.each([events.accepted(), events.session(day(3)), events.ended()])(
        '$type throws, naming the event',
        (event) => {
          expect(() => evolveReferralSummary(null, event)).toThrow(
            `${event.type} arrived before ReferralReceived`,
          );
        },
      );

      it('the stored-event projection the runner calls throws too, so the runner stops and reports it', () => {
        const stored = {
          position: 7,
          stream: `referral-${ID}`,
          type: 'SessionHeld',
          data: events.session(day(3)).data,
        } as unknown as Parameters<typeof referralSummaryProjection.evolve>[1];
        expect(() => referralSummaryProjection.evolve(null, stored)).toThrow(
          'SessionHeld arrived before ReferralReceived',
        );
      });
    });
  });

  describe('a received referral', () => {
    describe('when accepted', () => {
      it('is accepted, with the accepting link worker and the acceptance time', () => {
        const row = when(given(events.received()), events.accepted(day(4), 'lw-7'));
        expect(row).toMatchObject({ status: 'accepted', acceptedAt: day(4), linkWorkerId: 'lw-7' });
      });
    });

    describe('when declined', () => {
      it('is declined, with the decline time and no acceptance', () => {
        const row = when(given(events.received()), events.declined(day(2)));
        expect(row).toMatchObject({
          status: 'declined',
          declinedAt: day(2),
          acceptedAt: null,
          linkWorkerId: null,
        });
      });
    });

    describe('when support consent is recorded before acceptance (never decided)', () => {
      it('stays received', () => {
        expect(when(given(events.received()), events.consented()).status).toBe('received');
      });
    });
  });

  describe('an accepted referral', () => {
    describe('when another link worker is assigned', () => {
      it('belongs to the new link worker and stays accepted', () => {
        const row = when(given(events.received(), events.accepted()), events.assigned('lw-2'));
        expect(row).toMatchObject({ status: 'accepted', linkWorkerId: 'lw-2', acceptedAt: day(1) });
      });
    });

    describe('when consent for support is obtained', () => {
      it('becomes active', () => {
        expect(when(given(events.received(), events.accepted()), events.consented(['support'])).status).toBe(
          'active',
        );
      });
    });

    describe('when consent only to share with the GP is obtained', () => {
      it('stays accepted', () => {
        expect(
          when(given(events.received(), events.accepted()), events.consented(['share_with_gp'])).status,
        ).toBe('accepted');
      });
    });
  });

  describe('an active referral', () => {
    describe('when support consent is withdrawn', () => {
      it('goes back to accepted', () => {
        expect(when(given(...anActiveReferral()), events.withdrawn(['support'])).status).toBe('accepted');
      });
    });

    describe('when only GP sharing consent is withdrawn', () => {
      it('stays active', () => {
        expect(when(given(...anActiveReferral()), events.withdrawn(['share_with_gp'])).status).toBe('active');
      });
    });

    describe('when support consent is withdrawn and then given again', () => {
      it('is active again', () => {
        const row = when(
          given(...anActiveReferral(), events.withdrawn()),
          events.consented(['support'], day(5)),
        );
        expect(row.status).toBe('active');
      });
    });

    describe('when ended', () => {
      it('is ended, with the end time and reason, keeping the link worker', () => {
        const row = when(given(...anActiveReferral()), events.ended(day(40)));
        expect(row).toMatchObject({
          status: 'ended',
          endedAt: day(40),
          endReason: 'goals_achieved',
          linkWorkerId: 'lw-1',
        });
      });
    });

    describe('when sessions are held', () => {
      it('an attended session is the first contact; a second attended session is the second contact', () => {
        const first = when(given(...anActiveReferral()), events.session(day(5)));
        expect(first).toMatchObject({ firstContactAt: day(5), secondContactAt: null, lastSessionAt: day(5) });
        const second = when(deepFreeze(first), events.session(day(9)));
        expect(second).toMatchObject({
          firstContactAt: day(5),
          secondContactAt: day(9),
          lastSessionAt: day(9),
          attendedSessions: [day(5), day(9)],
        });
      });

      it('a session not attended is no contact, but is the latest session', () => {
        const row = when(given(...anActiveReferral(), events.session(day(5))), events.session(day(7), false));
        expect(row).toMatchObject({
          firstContactAt: day(5),
          secondContactAt: null,
          lastSessionAt: day(7),
          attendedSessions: [day(5)],
        });
      });

      it('a session recorded late, earlier than the others, becomes the first contact', () => {
        const row = when(
          given(...anActiveReferral(), events.session(day(10)), events.session(day(14))),
          events.session(day(6)),
        );
        expect(row).toMatchObject({
          firstContactAt: day(6),
          secondContactAt: day(10),
          attendedSessions: [day(6), day(10), day(14)],
          lastSessionAt: day(14),
        });
      });

      it('a missed session recorded late does not move the latest session back', () => {
        const row = when(
          given(...anActiveReferral(), events.session(day(10))),
          events.session(day(6), false),
        );
        expect(row).toMatchObject({ lastSessionAt: day(10), firstContactAt: day(10) });
      });
    });

    describe('when goals are set', () => {
      it('help has not started until an attended session on or after the goals', () => {
        const row = when(given(...anActiveReferral(), events.session(day(5))), events.goalsSet(day(6)));
        expect(row).toMatchObject({ goalsSetAt: day(6), firstContactAt: day(5), helpStartedAt: null });
      });

      it('a session at the very time the goals are set starts help', () => {
        const row = when(given(...anActiveReferral(), events.session(day(6))), events.goalsSet(day(6)));
        expect(row.helpStartedAt).toBe(day(6));
      });

      it("records each goal's starting score as a GBO score by the young person, per goal", () => {
        const row = when(
          given(...anActiveReferral()),
          events.goalsSet(day(6), [
            { goalId: 'g1', score: 2 },
            { goalId: 'g2', score: 4 },
          ]),
        );
        expect(row.scores).toEqual([
          { measure: 'GBO', rater: 'young_person', series: 'g1', score: 2, at: day(6) },
          { measure: 'GBO', rater: 'young_person', series: 'g2', score: 4, at: day(6) },
        ]);
      });
    });

    describe('with goals set, when sessions are held', () => {
      it('the first attended session after the goals starts help; a missed one does not', () => {
        const history = [
          ...anActiveReferral(),
          events.session(day(5)),
          events.goalsSet(day(6)),
          events.session(day(8), false),
        ];
        expect(given(...history).helpStartedAt).toBeNull();
        const row = when(given(...history), events.session(day(10)));
        expect(row).toMatchObject({
          firstContactAt: day(5),
          secondContactAt: day(10),
          helpStartedAt: day(10),
        });
      });

      it('a session recorded late between the goals and the first help session starts help earlier', () => {
        const row = when(
          given(...anActiveReferral(), events.goalsSet(day(6)), events.session(day(10))),
          events.session(day(7)),
        );
        expect(row.helpStartedAt).toBe(day(7));
      });
    });

    describe('when more goals are set later', () => {
      it('help is still clocked from the first goals', () => {
        const history = [...anActiveReferral(), events.goalsSet(day(6)), events.session(day(8))];
        const row = when(given(...history), events.goalsSet(day(12), [{ goalId: 'g2', score: 1 }]));
        expect(row).toMatchObject({ goalsSetAt: day(6), helpStartedAt: day(8) });
      });

      it('goals recorded late with an earlier time become the first goals', () => {
        const history = [
          ...anActiveReferral(),
          events.session(day(5)),
          events.goalsSet(day(9)),
          events.session(day(10)),
        ];
        expect(given(...history).helpStartedAt).toBe(day(10));
        const row = when(given(...history), events.goalsSet(day(4), [{ goalId: 'g2', score: 1 }]));
        expect(row).toMatchObject({ goalsSetAt: day(4), helpStartedAt: day(5) });
      });
    });

    describe('when a goal is re-scored', () => {
      it('adds the GBO score for that goal', () => {
        const row = when(
          given(...anActiveReferral(), events.goalsSet(day(6))),
          events.goalScore('g1', 7, day(30)),
        );
        expect(row.scores).toEqual([
          { measure: 'GBO', rater: 'young_person', series: 'g1', score: 2, at: day(6) },
          { measure: 'GBO', rater: 'young_person', series: 'g1', score: 7, at: day(30) },
        ]);
      });
    });

    describe('when an outcome measure is recorded', () => {
      it('adds the score under the measure and rater', () => {
        const row = when(given(...anActiveReferral()), events.outcome('ORS', 18.5, day(5), 'parent_carer'));
        expect(row.scores).toEqual([
          {
            id: `o-${day(5)}`,
            measure: 'ORS',
            rater: 'parent_carer',
            series: 'ORS',
            score: 18.5,
            at: day(5),
          },
        ]);
      });

      it('keeps an ONS4 score as its separate items', () => {
        const ons4: ReferralEvent = {
          type: 'OutcomeRecorded',
          data: {
            referralId: ID,
            outcomeId: 'o-ons4',
            at: day(5),
            measure: 'ONS4',
            rater: 'young_person',
            score: { lifeSatisfaction: 6, worthwhile: 7, happiness: 5 },
          },
        };
        expect(when(given(...anActiveReferral()), ons4).scores).toEqual([
          {
            id: 'o-ons4',
            measure: 'ONS4',
            rater: 'young_person',
            series: 'ONS4',
            score: { lifeSatisfaction: 6, worthwhile: 7, happiness: 5 },
            at: day(5),
          },
        ]);
      });
    });

    describe('when an event the summary does not follow arrives', () => {
      it.each<ReferralEvent>([
        {
          type: 'HandoffRequested',
          data: {
            referralId: ID,
            handoffId: 'h1',
            at: day(5),
            target: 'camhs',
            reason: 'Risk',
            urgency: 'urgent',
            consentScope: null,
          },
        },
        { type: 'ReferralReopened', data: { referralId: ID, at: day(5) } } as unknown as ReferralEvent,
      ])('$type leaves the row exactly as it was', (event) => {
        const row = given(...anActiveReferral(), events.session(day(4)));
        expect(when(row, event)).toBe(row);
      });
    });
  });
});
