import { command, everyCommandOnAReferral } from './referral.test-commands';
import { aReceivedReferral, anAcceptedReferral, anActiveReferral, day, events } from './referral.test-events';
import { given } from './referral.test-kit';

const careCommands = () =>
  everyCommandOnAReferral().filter(([name]) =>
    ['SetGoals', 'RecordGoalScore', 'HoldSession', 'RecordOutcome'].includes(name),
  );
const goal = (goalId: string, score = 3) => ({ goalId, description: `Goal ${goalId}`, score });

describe.each([
  ['a received referral', aReceivedReferral],
  ['an accepted referral without support consent', anAcceptedReferral],
  [
    'an accepted referral with only sharing consent',
    () => [...anAcceptedReferral(), events.consentObtained({ scopes: ['share_with_gp'] })],
  ],
  [
    'a referral whose support consent was withdrawn',
    () => [...anActiveReferral(), events.goalsSet(), events.consentWithdrawn()],
  ],
])('%s', (_, history) => {
  it.each(careCommands())('when %s, then support is not active', (_name, cmd) => {
    given(...history())
      .when(cmd)
      .thenThrows('REFERRAL.NOT_ACTIVE');
  });
});

describe('an active referral', () => {
  describe('when SetGoals', () => {
    it('then up to three goals are set with their baseline scores', () => {
      const goals = [goal('g1', 0), goal('g2', 10), goal('g3', 4)];
      given(...anActiveReferral())
        .when(command.setGoals({ goals }))
        .then([{ type: 'GoalsSet', data: { referralId: 'referral-0001', at: day(10), goals } }]);
    });

    it('then no goals at all is refused', () => {
      given(...anActiveReferral())
        .when(command.setGoals({ goals: [] }))
        .thenThrows('REFERRAL.GOALS_REQUIRED');
    });

    it('then a fourth goal is refused', () => {
      given(...anActiveReferral())
        .when(command.setGoals({ goals: [goal('g1'), goal('g2'), goal('g3'), goal('g4')] }))
        .thenThrows('REFERRAL.TOO_MANY_GOALS');
    });

    it('then the same goal id twice is refused', () => {
      given(...anActiveReferral())
        .when(command.setGoals({ goals: [goal('g1'), goal('g1')] }))
        .thenThrows('REFERRAL.GOAL_ALREADY_SET');
    });

    it.each([-1, 11, 4.5, Number.NaN])('then a baseline score of %p is out of range', (score) => {
      given(...anActiveReferral())
        .when(command.setGoals({ goals: [goal('g1', score)] }))
        .thenThrows('REFERRAL.SCORE_OUT_OF_RANGE');
    });
  });

  describe('with two goals already set, when SetGoals', () => {
    const withTwoGoals = () => [...anActiveReferral(), events.goalsSet({ goals: [goal('g1'), goal('g2')] })];

    it('then a third goal is added', () => {
      given(...withTwoGoals())
        .when(command.setGoals({ goals: [goal('g3')] }))
        .then([events.goalsSet({ at: day(10), goals: [goal('g3')] })]);
    });

    it('then two more goals would make four and are refused', () => {
      given(...withTwoGoals())
        .when(command.setGoals({ goals: [goal('g3'), goal('g4')] }))
        .thenThrows('REFERRAL.TOO_MANY_GOALS');
    });

    it('then a goal id already set is refused', () => {
      given(...withTwoGoals())
        .when(command.setGoals({ goals: [goal('g2')] }))
        .thenThrows('REFERRAL.GOAL_ALREADY_SET');
    });
  });

  describe('with a goal set, when RecordGoalScore', () => {
    const withGoal = () => [...anActiveReferral(), events.goalsSet()];

    it.each([0, 6, 10])('then a score of %p for the goal is recorded', (score) => {
      given(...withGoal())
        .when(command.recordGoalScore({ goalId: 'g1', score }))
        .then([
          {
            type: 'GoalScoreRecorded',
            data: { referralId: 'referral-0001', at: day(10), goalId: 'g1', score },
          },
        ]);
    });

    it('then a goal that was never set is not found', () => {
      given(...withGoal())
        .when(command.recordGoalScore({ goalId: 'g9' }))
        .thenThrows('REFERRAL.GOAL_NOT_FOUND');
    });

    it.each([-1, 11, 2.5])('then a score of %p is out of range', (score) => {
      given(...withGoal())
        .when(command.recordGoalScore({ score }))
        .thenThrows('REFERRAL.SCORE_OUT_OF_RANGE');
    });
  });

  it('when RecordGoalScore before any goal is set, then the goal is not found', () => {
    given(...anActiveReferral())
      .when(command.recordGoalScore())
      .thenThrows('REFERRAL.GOAL_NOT_FOUND');
  });

  it('when HoldSession, then the session is recorded with its details', () => {
    given(...anActiveReferral())
      .when(
        command.holdSession({
          format: 'group',
          setting: 'community_venue',
          durationMinutes: 90,
          attended: false,
          activities: ['art', 'cooking'],
          notes: 'Rang to rearrange',
        }),
      )
      .then([
        {
          type: 'SessionHeld',
          data: {
            referralId: 'referral-0001',
            sessionId: 's1',
            at: day(10),
            format: 'group',
            setting: 'community_venue',
            durationMinutes: 90,
            attended: false,
            activities: ['art', 'cooking'],
            notes: 'Rang to rearrange',
          },
        },
      ]);
  });
});
