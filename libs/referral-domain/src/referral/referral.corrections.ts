import { ageInYears, instant, isCalendarDate } from '../shared/dates';
import { isValidNhsNumber, normaliseNhsNumber } from '../shared/nhs-number';
import { ReferralErrors } from './referral.errors';
import type { YoungPerson } from './referral.events';
import type { OpenReferral } from './referral.state';

/** The demographics a correction may change (docs/domain.md#corrections). */
export const CORRECTABLE_DEMOGRAPHICS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'nhsNumber',
  'postcode',
] as const;
export type CorrectableDemographic = (typeof CORRECTABLE_DEMOGRAPHICS)[number];

/** Puts right a mistyped name, date of birth, NHS number or postcode; `reason` is sealed free text. */
export type CorrectDemographics = {
  type: 'CorrectDemographics';
  referralId: string;
  at: string;
  now: string;
  youngPerson: Partial<Pick<YoungPerson, CorrectableDemographic>>;
  reason: string;
};

/**
 * A correction of the demographics `ReferralReceived` recorded. `youngPerson` holds the young person's
 * name and date of birth as they now stand (always the three, so the sealed envelope of this event is a
 * whole identity a read model can keep) and whichever of NHS number and postcode changed; `corrected`
 * names the fields that changed; `ageAtReferral` is recomputed from the corrected date of birth.
 */
export type DemographicsCorrected = {
  type: 'DemographicsCorrected';
  data: {
    referralId: string;
    at: string;
    corrects: 'ReferralReceived';
    corrected: CorrectableDemographic[];
    youngPerson: Pick<YoungPerson, 'givenName' | 'familyName' | 'dateOfBirth' | 'nhsNumber' | 'postcode'>;
    ageAtReferral: number;
    reason: string;
  };
};
export type CorrectionEvent = DemographicsCorrected;
export const CORRECTION_EVENT_TYPES = ['DemographicsCorrected'] as const;

function checked(
  c: CorrectDemographics,
  s: OpenReferral,
): Partial<Pick<YoungPerson, CorrectableDemographic>> {
  const { dateOfBirth, nhsNumber, givenName, familyName, postcode } = c.youngPerson;
  if (dateOfBirth !== undefined) {
    if (!isCalendarDate(dateOfBirth))
      throw ReferralErrors.invalidDateOfBirth(`${dateOfBirth} is not a real date (YYYY-MM-DD)`);
    if (instant(`${dateOfBirth}T00:00:00Z`) > instant(s.receivedAt))
      throw ReferralErrors.invalidDateOfBirth('The date of birth is after the referral was received');
  }
  if (nhsNumber !== undefined && !isValidNhsNumber(nhsNumber))
    throw ReferralErrors.invalidNhsNumber(`${nhsNumber} is not a valid NHS number (check digit)`);
  return {
    ...(givenName !== undefined && { givenName: givenName.trim() }),
    ...(familyName !== undefined && { familyName: familyName.trim() }),
    ...(dateOfBirth !== undefined && { dateOfBirth }),
    ...(nhsNumber !== undefined && { nhsNumber: normaliseNhsNumber(nhsNumber) }),
    ...(postcode !== undefined && { postcode: postcode.trim().toUpperCase() }),
  };
}

/** A correction that changes nothing records nothing; one that does states the whole identity after it. */
export function decideCorrection(c: CorrectDemographics, s: OpenReferral): CorrectionEvent[] {
  const reason = c.reason.trim();
  if (reason.length === 0) throw ReferralErrors.correctionReasonRequired('A correction needs a reason');
  const wanted = checked(c, s);
  const corrected = CORRECTABLE_DEMOGRAPHICS.filter(
    (field) => wanted[field] !== undefined && wanted[field] !== s.youngPerson[field],
  );
  if (corrected.length === 0) return [];
  const after = { ...s.youngPerson, ...wanted };
  const youngPerson = {
    givenName: after.givenName,
    familyName: after.familyName,
    dateOfBirth: after.dateOfBirth,
    ...(corrected.includes('nhsNumber') && { nhsNumber: after.nhsNumber }),
    ...(corrected.includes('postcode') && { postcode: after.postcode }),
  };
  return [
    {
      type: 'DemographicsCorrected',
      data: {
        referralId: c.referralId,
        at: c.at,
        corrects: 'ReferralReceived',
        corrected,
        youngPerson,
        ageAtReferral: ageInYears(after.dateOfBirth, s.receivedAt),
        reason,
      },
    },
  ];
}

/** The young person as corrected. */
export function evolveCorrection(s: OpenReferral, event: CorrectionEvent): OpenReferral {
  return { ...s, youngPerson: { ...s.youngPerson, ...event.data.youngPerson } };
}
