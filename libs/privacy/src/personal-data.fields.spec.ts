import { maskPersonalData, mergePersonalData, splitPersonalData, subjectOf } from './personal-data.fields';
import { referralReceivedData, sessionHeldData } from './personal-data.fixtures';

function without<T extends object>(value: T, ...keys: (keyof T)[]): Partial<T> {
  const copy: Partial<T> = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

describe('Personal data fields', () => {
  describe('of a ReferralReceived', () => {
    const data = referralReceivedData('r-1');

    it('takes the young person, parent/carer and notes out, leaving the rest in the clear', () => {
      const split = splitPersonalData('ReferralReceived', data);
      expect(split?.clear).toEqual({
        referralId: 'r-1',
        receivedAt: '2025-03-01T09:30:00.000Z',
        source: { kind: 'gp', organisationCode: 'A81001' },
        youngPerson: {},
        reasons: ['low_mood'],
        pcnCode: 'U12345',
        urgency: 'routine',
        ageAtReferral: 12,
      });
      expect(split?.values).toEqual({
        'youngPerson.givenName': 'Amelia',
        'youngPerson.familyName': 'Quarrington',
        'youngPerson.dateOfBirth': '2012-06-14',
        'youngPerson.nhsNumber': '9990001234',
        'youngPerson.postcode': 'LA1 4YW',
        'youngPerson.gender': 'female',
        'youngPerson.ethnicity': 'White British',
        parentCarer: data.parentCarer,
        notes: data.notes,
      });
    });

    it('lists only the fields the event has', () => {
      const youngPerson = without(data.youngPerson, 'nhsNumber', 'postcode', 'gender', 'ethnicity');
      const sparse = { ...without(data, 'parentCarer', 'notes'), youngPerson };
      expect(splitPersonalData('ReferralReceived', sparse)?.fields).toEqual([
        'youngPerson.givenName',
        'youngPerson.familyName',
        'youngPerson.dateOfBirth',
      ]);
    });

    it('leaves the event it was given unchanged', () => {
      const before = structuredClone(data);
      splitPersonalData('ReferralReceived', data);
      expect(data).toEqual(before);
    });

    it('puts the values back where they came from', () => {
      const split = splitPersonalData('ReferralReceived', data);
      if (split === undefined) throw new Error('expected personal data');
      expect(mergePersonalData(split.clear, split.fields, split.values)).toEqual(data);
    });

    it('shows a marker in place of each personal field it had, and only those', () => {
      const split = splitPersonalData('ReferralReceived', without(data, 'notes'));
      if (split === undefined) throw new Error('expected personal data');
      const masked = maskPersonalData(split.clear, split.fields, '[erased]');
      expect(masked.youngPerson).toEqual({
        givenName: '[erased]',
        familyName: '[erased]',
        dateOfBirth: '[erased]',
        nhsNumber: '[erased]',
        postcode: '[erased]',
        gender: '[erased]',
        ethnicity: '[erased]',
      });
      expect(masked.parentCarer).toBe('[erased]');
      expect(masked).not.toHaveProperty('notes');
      expect(masked.ageAtReferral).toBe(12);
    });

    it('is keyed by its referral', () => {
      expect(subjectOf(data)).toBe('r-1');
    });
  });

  describe('of a SessionHeld', () => {
    it('takes the notes and the activities out, leaving the array in place', () => {
      const split = splitPersonalData(
        'SessionHeld',
        sessionHeldData('r-1', 'Talked about her dog.', ['walking group']),
      );
      expect(split?.values).toEqual({ 'activities.0': 'walking group', notes: 'Talked about her dog.' });
      expect(split?.clear).toMatchObject({ referralId: 'r-1', attended: true, activities: [null] });
      expect(split?.clear).not.toHaveProperty('notes');
    });

    it('seals the activities when there are no notes', () => {
      expect(
        splitPersonalData('SessionHeld', sessionHeldData('r-1', undefined, ['walking group']))?.values,
      ).toEqual({
        'activities.0': 'walking group',
      });
    });

    it('finds nothing in a session without activities or notes', () => {
      expect(splitPersonalData('SessionHeld', sessionHeldData('r-1'))).toBeUndefined();
    });
  });

  describe('of other events', () => {
    it('seals a field its type does not declare clear: a new free-text field never leaks by omission', () => {
      const split = splitPersonalData('ReferralAccepted', { referralId: 'r-1', notes: 'a new field' });
      expect(split?.values).toEqual({ notes: 'a new field' });
    });

    it.each([
      ['a type holding no personal data', 'ReferralAccepted', { referralId: 'r-1', linkWorkerId: 'lw-1' }],
      ['a type that is not a referral event', 'PersonalDataAccessed', { referralId: 'r-1', actor: 'x' }],
      ['data that is not an object', 'ReferralReceived', ['Amelia']],
      ['null data', 'SessionHeld', null],
    ])('finds nothing in %s', (_, type, data) => {
      expect(splitPersonalData(type, data)).toBeUndefined();
    });

    it('has no subject without a referral id', () => {
      expect(subjectOf({ sessionId: 's-1' })).toBeUndefined();
      expect(subjectOf({ referralId: '' })).toBeUndefined();
    });
  });
});
