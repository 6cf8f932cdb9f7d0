import { IsIn, ValidateBy, ValidationOptions } from 'class-validator';
import { OUTCOME_MEASURES, RATERS } from '@app/referral-domain';
import type { OutcomeMeasure, OutcomeScore, Rater } from '@app/referral-domain';
import { TimedRequest } from '../shared/timed.request';

/** A number, or for ONS4 an object of numeric items; ranges are checked by the domain per measure. */
function IsOutcomeScore(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOutcomeScore',
      validator: {
        validate: (v: unknown) =>
          (typeof v === 'number' && Number.isFinite(v)) ||
          (typeof v === 'object' &&
            v !== null &&
            !Array.isArray(v) &&
            Object.keys(v).length <= 4 &&
            Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x))),
        defaultMessage: () => 'score must be a number, or for ONS4 an object of numeric items',
      },
    },
    options,
  );
}

export class RecordOutcomeRequest extends TimedRequest {
  @IsIn(OUTCOME_MEASURES) measure!: OutcomeMeasure;
  @IsIn(RATERS) rater!: Rater;
  @IsOutcomeScore() score!: OutcomeScore;
}
