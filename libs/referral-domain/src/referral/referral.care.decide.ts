import { ageInYears } from '../shared/dates';
import { outcomeScoreProblem } from './outcome-ranges';
import type { HoldSession, RecordGoalScore, RecordOutcome, SetGoals } from './referral.commands';
import { ReferralErrors } from './referral.errors';
import type { Ons4Score, ReferralEvent } from './referral.events';
import { requireStatus } from './referral.guards';
import type { OpenReferral } from './referral.state';

const MAX_GOALS = 3;

type CareCommand = SetGoals | RecordGoalScore | HoldSession | RecordOutcome;

/** Goals, sessions and outcome measures are recorded only while support is active. */
export function decideCare(c: CareCommand, s: OpenReferral): ReferralEvent[] {
  requireStatus(s, ['active'], ReferralErrors.notActive, 'Recording support');
  switch (c.type) {
    case 'SetGoals':
      return setGoals(c, s);
    case 'RecordGoalScore':
      return recordGoalScore(c, s);
    case 'HoldSession':
      return [
        {
          type: 'SessionHeld',
          data: {
            referralId: c.referralId,
            sessionId: c.sessionId,
            at: c.at,
            format: c.format,
            setting: c.setting,
            durationMinutes: c.durationMinutes,
            attended: c.attended,
            activities: c.activities,
            notes: c.notes,
          },
        },
      ];
    case 'RecordOutcome':
      return recordOutcome(c, s);
  }
}

function setGoals(c: SetGoals, s: OpenReferral): ReferralEvent[] {
  if (c.goals.length === 0) throw ReferralErrors.goalsRequired('Set at least one goal');
  if (s.goals.length + c.goals.length > MAX_GOALS) {
    throw ReferralErrors.tooManyGoals(
      `At most ${MAX_GOALS} goals; ${s.goals.length} already set, ${c.goals.length} more given`,
    );
  }
  const ids = c.goals.map((g) => g.goalId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i || s.goals.some((g) => g.goalId === id));
  if (repeated) throw ReferralErrors.goalAlreadySet(`Goal ${repeated} is already set`);
  const bad = c.goals.find((g) => !isGoalScore(g.score));
  if (bad) throw ReferralErrors.scoreOutOfRange(`Goal scores run from 0 to 10; got ${bad.score}`);
  return [{ type: 'GoalsSet', data: { referralId: c.referralId, at: c.at, goals: c.goals } }];
}

function recordGoalScore(c: RecordGoalScore, s: OpenReferral): ReferralEvent[] {
  if (!s.goals.some((g) => g.goalId === c.goalId))
    throw ReferralErrors.goalNotFound(`No goal ${c.goalId} on this referral`);
  if (!isGoalScore(c.score))
    throw ReferralErrors.scoreOutOfRange(`Goal scores run from 0 to 10; got ${c.score}`);
  return [
    {
      type: 'GoalScoreRecorded',
      data: { referralId: c.referralId, at: c.at, goalId: c.goalId, score: c.score },
    },
  ];
}

/** A score its measure allows, asked of a young person of that age (docs/domain.md#outcome-measures). */
export function requireValidOutcome(
  c: Pick<RecordOutcome, 'measure' | 'score' | 'at'>,
  s: Pick<OpenReferral, 'youngPerson'>,
): void {
  const problem = outcomeScoreProblem(c.measure, c.score);
  if (problem) throw ReferralErrors.scoreOutOfRange(problem);
  if (c.measure === 'ONS4' && (c.score as Ons4Score).anxiety !== undefined) {
    const age = ageInYears(s.youngPerson.dateOfBirth, c.at);
    if (age < 16)
      throw ReferralErrors.itemNotAsked(
        `Children under 16 are not asked the ONS4 anxiety item; the young person is ${age}`,
      );
  }
}

function recordOutcome(c: RecordOutcome, s: OpenReferral): ReferralEvent[] {
  requireValidOutcome(c, s);
  const { referralId, outcomeId, at, measure, rater, score } = c;
  return [{ type: 'OutcomeRecorded', data: { referralId, outcomeId, at, measure, rater, score } }];
}

function isGoalScore(score: number): boolean {
  return Number.isInteger(score) && score >= 0 && score <= 10;
}
