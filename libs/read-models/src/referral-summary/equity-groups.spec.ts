import type { ReferralEvent, YoungPerson } from '@app/referral-domain';
import { ethnicGroup, genderGroup } from './equity-groups';
import { evolveReferralSummary } from './referral-summary.projection';
import { referralSummaryProjection } from './referral-summary.store';

const received = (youngPerson: Partial<YoungPerson>): ReferralEvent => ({
  type: 'ReferralReceived',
  data: {
    referralId: 'r-1',
    receivedAt: '2026-03-02T10:00:00.000Z',
    source: { kind: 'gp' },
    youngPerson: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2012-05-10', ...youngPerson },
    reasons: ['anxiety'],
    urgency: 'routine',
    ageAtReferral: 13,
  },
});

describe('Equity groups', () => {
  it.each([
    ['female', 'female'],
    ['Male', 'male'],
    ['F', 'female'],
    ['2', 'female'],
    ['other', 'other'],
    ['Non-binary', 'other'],
    ['unknown', 'unknown'],
    ['Prefer not to say', 'unknown'],
  ])('gender %p is %p', (text, group) => expect(genderGroup(text)).toBe(group));

  it.each([
    // The NHS Data Dictionary descriptions the FHIR intake records, and their codes.
    ['White - British', 'white'],
    ['White - Any other White background', 'white'],
    ['Mixed - White and Black Caribbean', 'mixed'],
    ['Asian or Asian British - Indian', 'asian'],
    ['Black or Black British - African', 'black'],
    ['Other Ethnic Groups - Chinese', 'other'],
    ['Other Ethnic Groups - Any other ethnic group', 'other'],
    ['Not stated', 'not_stated'],
    ['A', 'white'],
    ['k', 'asian'],
    ['Z', 'not_stated'],
    ['99', 'unclassified'],
    // Shorter forms typed into the native intake, and text that names no category.
    ['White British', 'white'],
    ['White and Asian', 'mixed'],
    ['Pakistani', 'asian'],
    ['Black Caribbean', 'black'],
    ['Martian', 'unclassified'],
  ])('ethnicity %p is %p', (text, group) => expect(ethnicGroup(text)).toBe(group));

  it('counts absent, blank and erased values as not recorded', () => {
    for (const value of [undefined, '', '  ', '[erased]', '[sealed]', '[unreadable]', 42]) {
      expect(genderGroup(value)).toBeUndefined();
      expect(ethnicGroup(value)).toBeUndefined();
    }
  });

  it('keeps only the groups on the summary, and drops them when the personal data is erased', () => {
    const row = evolveReferralSummary(null, received({ gender: 'female', ethnicity: 'White British' }))!;
    expect(row).toMatchObject({ genderGroup: 'female', ethnicGroup: 'white' });
    expect(JSON.stringify(row)).not.toContain('British');
    const erased = evolveReferralSummary(row, {
      type: 'PersonalDataErased',
      data: {
        referralId: 'r-1',
        at: '2026-04-01T10:00:00.000Z',
        reason: 'created in error',
        basis: 'manual',
      },
    })!;
    expect(erased).not.toHaveProperty('genderGroup');
    expect(erased).not.toHaveProperty('ethnicGroup');
    // Rows of referrals that recorded neither carry neither.
    expect(Object.keys(evolveReferralSummary(null, received({}))!)).not.toContain('genderGroup');
  });

  it('is read by the summary projection from the revealed ReferralReceived only', () => {
    expect([...referralSummaryProjection.personalData]).toEqual(['ReferralReceived']);
  });
});
