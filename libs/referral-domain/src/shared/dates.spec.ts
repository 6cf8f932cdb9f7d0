import { ageInYears, calendarDaysBetween, isCalendarDate } from './dates';

describe('ageInYears', () => {
  it.each([
    ['2012-05-10', '2026-05-09T23:59:59.999Z', 13, 'the moment before the birthday'],
    ['2012-05-10', '2026-05-10T00:00:00.000Z', 14, 'the first moment of the birthday'],
    ['2012-05-10', '2026-05-11T12:00:00.000Z', 14, 'the day after the birthday'],
    ['2012-05-10', '2012-05-10T08:00:00.000Z', 0, 'the day of birth'],
    ['2010-12-31', '2027-01-01T00:00:00.000Z', 16, 'New Year, the day after a 31 December birthday'],
    ['2011-01-01', '2026-12-31T23:59:59.000Z', 15, 'New Year’s Eve, before a 1 January birthday'],
  ])('born %s, at %s is %i (%s)', (dateOfBirth, at, age) => {
    expect(ageInYears(dateOfBirth, at)).toBe(age);
  });

  it('takes the UTC date of the moment, whatever offset it is written with', () => {
    expect(ageInYears('2010-06-15', '2026-06-15T00:30:00+01:00')).toBe(15);
    expect(ageInYears('2010-06-15', '2026-06-15T01:00:00+01:00')).toBe(16);
  });

  it('takes a plain date, or a date-time without a zone, as the date written, never the server time zone', () => {
    expect(ageInYears('2010-06-15', '2026-06-15')).toBe(16);
    expect(ageInYears('2010-06-15', '2026-06-14T23:30:00')).toBe(15);
    expect(ageInYears('2010-06-15', '2026-06-15T00:30:00')).toBe(16);
  });

  describe('for someone born on 29 February 2008', () => {
    it.each([
      ['2026-02-28T12:00:00Z', 17, 'not yet 18 on 28 February of a common year'],
      ['2026-03-01T00:00:00Z', 18, '18 on 1 March of a common year'],
      ['2028-02-28T12:00:00Z', 19, 'not yet 20 on 28 February of a leap year'],
      ['2028-02-29T00:00:00Z', 20, '20 on 29 February of a leap year'],
      ['2024-02-29T00:00:00Z', 16, '16 on 29 February 2024'],
    ])('at %s is %i (%s)', (at, age) => {
      expect(ageInYears('2008-02-29', at)).toBe(age);
    });
  });
});

describe('calendarDaysBetween', () => {
  it.each([
    ['2026-03-02T00:00:00Z', '2026-03-02T23:59:59Z', 0, 'the same day'],
    ['2026-03-02T23:59:00Z', '2026-03-03T00:01:00Z', 1, 'two minutes apart across midnight'],
    ['2026-03-02T09:00:00Z', '2026-03-30T08:00:00Z', 28, 'four weeks, however the hours fall'],
    ['2026-02-28T10:00:00Z', '2026-03-01T10:00:00Z', 1, 'across the end of February in a common year'],
    ['2028-02-28T10:00:00Z', '2028-03-01T10:00:00Z', 2, 'across 29 February in a leap year'],
    ['2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z', 2, 'across the clocks going forward'],
    ['2025-12-31T12:00:00Z', '2026-01-01T12:00:00Z', 1, 'across New Year'],
    ['2026-03-02', '2026-03-05', 3, 'between plain dates'],
    ['2026-03-05T10:00:00Z', '2026-03-02T10:00:00Z', -3, 'backwards'],
    [
      '2026-06-15T00:30:00+01:00',
      '2026-06-15T10:00:00Z',
      1,
      'from a London time that is still the day before in UTC',
    ],
    [
      '2026-06-14T22:00:00-05:00',
      '2026-06-15T10:00:00Z',
      0,
      'from a time behind UTC that is already the next day in UTC',
    ],
    ['2026-06-14T23:30:00', '2026-06-15T00:30:00', 1, 'between date-times without a zone, as written'],
  ])('from %s to %s is %i (%s)', (from, to, days) => {
    expect(calendarDaysBetween(from, to)).toBe(days);
  });
});

describe('isCalendarDate', () => {
  it.each(['2028-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2026-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-3-2',
    '02/03/2026',
    '2026-03-02T00:00:00Z',
    '',
  ])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});
