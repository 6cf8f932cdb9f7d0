import { SUPPRESSION, SUPPRESSION_POLICIES } from './disclosure-control';

describe('disclosure control', () => {
  it('names every policy it offers', () => {
    for (const name of SUPPRESSION_POLICIES) expect(SUPPRESSION[name].name).toBe(name);
  });

  describe('nhs-secondary-care', () => {
    const policy = SUPPRESSION['nhs-secondary-care'];

    it.each<[number, number | null]>([
      [0, 0],
      [1, null],
      [4, null],
      [7, null],
      [8, 10],
      [10, 10],
      [12, 10],
      [13, 15],
      [17, 15],
      [18, 20],
      [22, 20],
      [23, 25],
      [120, 120],
    ])('publishes a count of %d as %p', (n, published) => {
      expect(policy.count(n)).toBe(published);
    });

    it.each<[number, boolean]>([
      [0, true],
      [1, false],
      [5, false],
      [7, false],
      [8, true],
      [40, true],
    ])('for a group of %d, allows statistics: %p', (n, allowed) => {
      expect(policy.statisticAllowed(n)).toBe(allowed);
    });
  });

  describe('under-5', () => {
    const policy = SUPPRESSION['under-5'];

    it.each<[number, number | null]>([
      [0, 0],
      [1, null],
      [4, null],
      [5, 5],
      [7, 7],
      [12, 12],
      [13, 13],
    ])('publishes a count of %d as %p, unrounded', (n, published) => {
      expect(policy.count(n)).toBe(published);
    });

    it.each<[number, boolean]>([
      [0, true],
      [1, false],
      [4, false],
      [5, true],
    ])('for a group of %d, allows statistics: %p', (n, allowed) => {
      expect(policy.statisticAllowed(n)).toBe(allowed);
    });
  });

  describe('none', () => {
    const policy = SUPPRESSION.none;

    it.each([0, 1, 3, 7, 12, 13])('publishes a count of %d as it is, with statistics', (n) => {
      expect(policy.count(n)).toBe(n);
      expect(policy.statisticAllowed(n)).toBe(true);
    });
  });
});
