import {
  RECEIVED_AT,
  YOUNG_PERSON,
  aReceivedReferral,
  anAcceptedReferral,
  anActiveReferral,
  anEndedReferral,
  day,
  events,
} from './referral.test-events';
import { foldReceived } from './referral.test-kit';

describe('evolve: folding the record', () => {
  it('a received referral holds its details and empty care records', () => {
    expect(foldReceived(aReceivedReferral())).toEqual({
      status: 'received',
      referralId: 'referral-0001',
      receivedAt: RECEIVED_AT,
      source: { kind: 'gp', organisationCode: 'A81001', referrerName: 'Dr Jones' },
      youngPerson: YOUNG_PERSON,
      parentCarer: { name: 'Alex Example', relationship: 'mother', phone: '07700900123' },
      reasons: ['anxiety', 'low_mood'],
      pcnCode: 'U12345',
      urgency: 'routine',
      consent: { scopes: [], records: [], withdrawals: [] },
      goals: [],
      sessions: [],
      outcomes: [],
      handoffs: [],
      appointments: [],
      prescriptions: [],
    });
  });

  it('acceptance records when and by whom; a later assignment changes the link worker', () => {
    expect(foldReceived(anAcceptedReferral())).toMatchObject({ acceptedAt: day(1), linkWorkerId: 'lw-ada' });
    expect(foldReceived([...anAcceptedReferral(), events.linkWorkerAssigned()]).linkWorkerId).toBe('lw-bo');
  });

  it('a decline records when, why and where the family was signposted', () => {
    const state = foldReceived([...aReceivedReferral(), events.declined({ signpostedTo: 'Kooth' })]);
    expect(state).toMatchObject({
      declinedAt: day(1),
      declineReason: 'Needs urgent CAMHS',
      signpostedTo: 'Kooth',
    });
  });

  it('consent keeps every record, the scopes in force once each, and every withdrawal', () => {
    const state = foldReceived([
      ...anAcceptedReferral(),
      events.consentObtained({ scopes: ['support', 'share_with_gp'] }),
      events.consentObtained({
        at: day(3),
        givenBy: 'young_person',
        basis: 'gillick_competent',
        scopes: ['support', 'share_with_camhs'],
        competenceAssessedBy: 'lw-ada',
      }),
      events.consentWithdrawn({ at: day(5), scopes: ['share_with_gp'] }),
    ]);
    expect(state.consent).toEqual({
      scopes: ['support', 'share_with_camhs'],
      records: [
        {
          at: day(2),
          givenBy: 'parent_carer',
          basis: 'parental_responsibility',
          scopes: ['support', 'share_with_gp'],
        },
        {
          at: day(3),
          givenBy: 'young_person',
          basis: 'gillick_competent',
          scopes: ['support', 'share_with_camhs'],
          competenceAssessedBy: 'lw-ada',
        },
      ],
      withdrawals: [{ at: day(5), scopes: ['share_with_gp'] }],
    });
  });

  it('goals start with their baseline score, and later scores attach to their own goal only', () => {
    const state = foldReceived([
      ...anActiveReferral(),
      events.goalsSet({
        goals: [
          { goalId: 'g1', description: 'Join a club', score: 2 },
          { goalId: 'g2', description: 'Sleep better', score: 4 },
        ],
      }),
      events.goalScoreRecorded({ goalId: 'g2', score: 7 }),
    ]);
    expect(state.goals).toEqual([
      { goalId: 'g1', description: 'Join a club', setAt: day(3), scores: [{ at: day(3), score: 2 }] },
      {
        goalId: 'g2',
        description: 'Sleep better',
        setAt: day(3),
        scores: [
          { at: day(3), score: 4 },
          { at: day(4), score: 7 },
        ],
      },
    ]);
  });

  it('sessions and outcomes are kept in order', () => {
    const state = foldReceived([
      ...anActiveReferral(),
      events.sessionHeld({ notes: 'Private note' }),
      events.sessionHeld({ sessionId: 's2', at: day(5), attended: false }),
      events.outcomeRecorded(),
    ]);
    expect(state.sessions).toEqual([
      {
        sessionId: 's1',
        at: day(4),
        format: 'one_to_one',
        setting: 'school',
        durationMinutes: 45,
        attended: true,
        activities: ['football'],
      },
      {
        sessionId: 's2',
        at: day(5),
        format: 'one_to_one',
        setting: 'school',
        durationMinutes: 45,
        attended: false,
        activities: ['football'],
      },
    ]);
    expect(state.outcomes).toEqual([
      { outcomeId: 'o1', at: day(4), measure: 'ORS', rater: 'young_person', score: 21 },
    ]);
  });

  it('handoffs are requested, then answered one by one', () => {
    const state = foldReceived([
      ...anActiveReferral(),
      events.handoffRequested(),
      events.handoffRequested({
        handoffId: 'h2',
        target: 'school',
        consentScope: null,
        safeguarding: { justification: 'Risk' },
      }),
      events.handoffAcknowledged({ reference: 'CAMHS-42' }),
    ]);
    expect(state.handoffs).toEqual([
      {
        handoffId: 'h1',
        target: 'camhs',
        reason: 'Low mood persists',
        urgency: 'routine',
        status: 'acknowledged',
        requestedAt: day(4),
        answeredAt: day(6),
        reference: 'CAMHS-42',
        consentScope: 'share_with_camhs',
        safeguarding: false,
      },
      {
        handoffId: 'h2',
        target: 'school',
        reason: 'Low mood persists',
        urgency: 'routine',
        status: 'requested',
        requestedAt: day(4),
        consentScope: null,
        safeguarding: true,
      },
    ]);
    const rejected = foldReceived([
      ...anActiveReferral(),
      events.handoffRequested(),
      events.handoffRejected({ reason: 'Full' }),
    ]);
    expect(rejected.handoffs[0]).toMatchObject({
      status: 'rejected',
      answeredAt: day(6),
      rejectionReason: 'Full',
    });
  });

  it('an ending records when and why', () => {
    expect(foldReceived(anEndedReferral())).toMatchObject({
      status: 'ended',
      endedAt: day(8),
      endReason: 'goals_achieved',
    });
  });
});
