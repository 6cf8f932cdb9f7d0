import type { CorrectDemographics, DemographicsCorrected } from './referral.corrections';
import { NOW, aReceivedReferral, day, events } from './referral.test-events';
import { given } from './referral.test-kit';

const correct = (o: Partial<CorrectDemographics> = {}): CorrectDemographics => ({
  type: 'CorrectDemographics',
  referralId: 'referral-0001',
  at: day(10),
  now: NOW,
  youngPerson: { dateOfBirth: '2013-05-10' },
  reason: ' Mistyped year ',
  ...o,
});

const corrected = (data: Partial<DemographicsCorrected['data']>): DemographicsCorrected => ({
  type: 'DemographicsCorrected',
  data: {
    referralId: 'referral-0001',
    at: day(10),
    corrects: 'ReferralReceived',
    corrected: [],
    youngPerson: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2012-05-10' },
    ageAtReferral: 13,
    reason: 'Mistyped year',
    ...data,
  },
});

describe('correcting demographics', () => {
  it('states the whole identity after the correction, which fields changed and the age recomputed', () => {
    given(...aReceivedReferral())
      .when(correct())
      .then([
        corrected({
          corrected: ['dateOfBirth'],
          youngPerson: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2013-05-10' },
          ageAtReferral: 12,
        }),
      ]);
  });

  it('normalises an NHS number and a postcode, and carries them only when they changed', () => {
    given(...aReceivedReferral())
      .when(correct({ youngPerson: { nhsNumber: '401 023 2137', postcode: ' la1 1ab' } }))
      .then([
        corrected({
          corrected: ['nhsNumber', 'postcode'],
          youngPerson: {
            givenName: 'Sam',
            familyName: 'Example',
            dateOfBirth: '2012-05-10',
            nhsNumber: '4010232137',
            postcode: 'LA1 1AB',
          },
        }),
      ]);
  });

  it('records nothing when nothing changes', () => {
    given(...aReceivedReferral())
      .when(correct({ youngPerson: { givenName: 'Sam', nhsNumber: '943 476 5919' } }))
      .then([]);
  });

  it('is allowed after the case has closed, and refused once the personal data is erased', () => {
    given(...aReceivedReferral(), events.declined())
      .when(correct())
      .then([
        corrected({
          corrected: ['dateOfBirth'],
          youngPerson: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2013-05-10' },
          ageAtReferral: 12,
        }),
      ]);
    given(...aReceivedReferral(), {
      type: 'PersonalDataErased',
      data: { referralId: 'referral-0001', at: day(2), reason: 'Error', basis: 'manual' },
    })
      .when(correct())
      .thenThrows('REFERRAL.ERASED');
  });

  it.each([
    [{ youngPerson: { nhsNumber: '9434765918' } }, 'REFERRAL.INVALID_NHS_NUMBER'],
    [{ youngPerson: { dateOfBirth: '2013-02-30' } }, 'REFERRAL.INVALID_DATE_OF_BIRTH'],
    [{ youngPerson: { dateOfBirth: '2026-03-03' } }, 'REFERRAL.INVALID_DATE_OF_BIRTH'],
    [{ reason: '  ' }, 'REFERRAL.CORRECTION_REASON_REQUIRED'],
    [{ at: '2026-03-01T00:00:00.000Z' }, 'REFERRAL.TIME_BEFORE_RECEIVED'],
  ] as const)('refuses %j', (o, code) => {
    given(...aReceivedReferral())
      .when(correct(o))
      .thenThrows(code);
  });
});
