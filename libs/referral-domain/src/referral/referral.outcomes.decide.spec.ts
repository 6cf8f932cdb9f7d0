import type { OutcomeScore } from './referral.events';
import type { OutcomeMeasure } from './referral.vocabulary';
import { command } from './referral.test-commands';
import { NEARLY_SIXTEEN, SEVENTEEN, anActiveReferral, day } from './referral.test-events';
import { given } from './referral.test-kit';

const ons4 = { lifeSatisfaction: 6, worthwhile: 7, happiness: 5 };
const recorded = (measure: OutcomeMeasure, score: OutcomeScore, at = day(10)) => ({
  type: 'OutcomeRecorded' as const,
  data: { referralId: 'referral-0001', outcomeId: 'o1', at, measure, rater: 'young_person' as const, score },
});

describe('an active referral for a 13-year-old, when RecordOutcome', () => {
  it.each<[OutcomeMeasure, OutcomeScore]>([
    ['GBO', 0],
    ['GBO', 10],
    ['GBO', 6.5],
    ['ORS', 0],
    ['ORS', 40],
    ['ORS', 23.4],
    ['CORS', 0],
    ['CORS', 40],
    ['CORS', 17.8],
    ['SWEMWBS', 7],
    ['SWEMWBS', 35],
    ['YP_CORE', 0],
    ['YP_CORE', 40],
    ['OTHER', 123.5],
  ])('then %s %p is recorded', (measure, score) => {
    given(...anActiveReferral())
      .when(command.recordOutcome({ measure, score }))
      .then([recorded(measure, score)]);
  });

  it.each<[OutcomeMeasure, OutcomeScore, string]>([
    ['GBO', -0.5, 'below 0'],
    ['GBO', 10.5, 'above 10'],
    ['ORS', 40.1, 'above 40'],
    ['ORS', -1, 'below 0'],
    ['CORS', 41, 'above 40'],
    ['SWEMWBS', 6, 'below the raw minimum of 7'],
    ['SWEMWBS', 36, 'above the raw maximum of 35'],
    ['SWEMWBS', 20.5, 'not a whole raw total'],
    ['YP_CORE', 41, 'above 40'],
    ['YP_CORE', 12.5, 'not whole'],
    ['YP_CORE', -1, 'below 0'],
    ['GBO', Number.NaN, 'not a number'],
    ['OTHER', Number.POSITIVE_INFINITY, 'not finite'],
    ['ORS', ons4, 'an object of items'],
  ])('then %s %p (%s) is out of range', (measure, score) => {
    given(...anActiveReferral())
      .when(command.recordOutcome({ measure, score }))
      .thenThrows('REFERRAL.SCORE_OUT_OF_RANGE');
  });

  it('then ONS4 without the anxiety item is recorded with its items', () => {
    const score = { lifeSatisfaction: 0, worthwhile: 10, happiness: 5 };
    given(...anActiveReferral())
      .when(command.recordOutcome({ measure: 'ONS4', rater: 'young_person', score }))
      .then([recorded('ONS4', score)]);
  });

  it('then ONS4 with the anxiety item is refused: it is not asked under 16', () => {
    given(...anActiveReferral())
      .when(command.recordOutcome({ measure: 'ONS4', score: { ...ons4, anxiety: 3 } }))
      .thenThrows('REFERRAL.ITEM_NOT_ASKED');
  });

  it.each<[string, OutcomeScore]>([
    ['an item above 10', { ...ons4, happiness: 11 }],
    ['an item below 0', { ...ons4, worthwhile: -1 }],
    ['an item that is not whole', { ...ons4, lifeSatisfaction: 7.5 }],
    ['a missing item', { lifeSatisfaction: 6, worthwhile: 7 } as OutcomeScore],
    ['an unknown item', { ...ons4, loneliness: 4 } as OutcomeScore],
    ['a single number', 6],
  ])('then ONS4 with %s is out of range', (_, score) => {
    given(...anActiveReferral())
      .when(command.recordOutcome({ measure: 'ONS4', score }))
      .thenThrows('REFERRAL.SCORE_OUT_OF_RANGE');
  });
});

describe('an active referral for a 17-year-old, when RecordOutcome', () => {
  const active = () => anActiveReferral({ youngPerson: SEVENTEEN });

  it('then ONS4 with the anxiety item is recorded', () => {
    const score = { ...ons4, anxiety: 8 };
    given(...active())
      .when(command.recordOutcome({ measure: 'ONS4', score }))
      .then([recorded('ONS4', score)]);
  });

  it('then an ONS4 anxiety item outside 0-10 is out of range', () => {
    given(...active())
      .when(command.recordOutcome({ measure: 'ONS4', score: { ...ons4, anxiety: 11 } }))
      .thenThrows('REFERRAL.SCORE_OUT_OF_RANGE');
  });
});

describe('an active referral for a young person who turns 16 on day 18, when RecordOutcome ONS4 with anxiety', () => {
  const active = () => anActiveReferral({ youngPerson: NEARLY_SIXTEEN });
  const score = { ...ons4, anxiety: 4 };

  it('then the day before the 16th birthday it is not asked', () => {
    given(...active())
      .when(command.recordOutcome({ measure: 'ONS4', score, at: day(17, '23:59:59.000') }))
      .thenThrows('REFERRAL.ITEM_NOT_ASKED');
  });

  it('then on the 16th birthday it is recorded', () => {
    const at = day(18, '00:00:00.000');
    given(...active())
      .when(command.recordOutcome({ measure: 'ONS4', score, at }))
      .then([recorded('ONS4', score, at)]);
  });
});
