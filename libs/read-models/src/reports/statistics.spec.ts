import { median, nearestRankPercentile, percentage } from './statistics';

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('statistics', () => {
  describe('median', () => {
    it('of an odd number of values is the middle one, whatever the order', () => {
      expect(median([40, 3, 13, 1, 8])).toBe(8);
    });

    it('of an even number of values is the mean of the two middle ones', () => {
      // sorted 1 2 3 5 8 | 13 21 30 35 40
      expect(median([13, 1, 40, 2, 35, 3, 30, 5, 21, 8])).toBe(10.5);
    });

    it('of one value is that value', () => {
      expect(median([17])).toBe(17);
    });

    it('of no values is null, not zero', () => {
      expect(median([])).toBeNull();
    });

    it('sorts numerically, not as text', () => {
      // as text 100 < 20 < 9 would put 20 in the middle
      expect(median([9, 100, 20, 3, 4])).toBe(9);
    });

    it("leaves the caller's values in their order", () => {
      const values = [3, 1, 2];
      median(values);
      expect(values).toEqual([3, 1, 2]);
    });
  });

  describe('92nd percentile by nearest rank', () => {
    it.each<[string, number[], number]>([
      // rank = ceil(0.92 * n)
      ['1..25: rank ceil(23) = 23', oneTo(25), 23],
      ['a single value', [5], 5],
      ['1..12: rank ceil(11.04) = 12', oneTo(12), 12],
      ['1..13: rank ceil(11.96) = 12', oneTo(13), 12],
      ['1..10: rank ceil(9.2) = 10', oneTo(10), 10],
      ['1..100: rank 92', oneTo(100), 92],
    ])('of %s is %d', (_, values, expected) => {
      expect(nearestRankPercentile(values, 92)).toBe(expected);
    });

    it('is a value from the data, never interpolated', () => {
      // rank ceil(0.92 * 4) = 4: the largest, not somewhere between 30 and 120
      expect(nearestRankPercentile([120, 2, 30, 7], 92)).toBe(120);
    });

    it('of no values is null', () => {
      expect(nearestRankPercentile([], 92)).toBeNull();
    });

    it('at the 50th is the lower middle value, unlike the median', () => {
      expect(nearestRankPercentile([1, 2, 3, 4], 50)).toBe(2);
    });
  });

  describe('percentage', () => {
    it.each<[number, number, number]>([
      [7, 10, 70],
      [10, 10, 100],
      [0, 10, 0],
      [1, 3, 33.3],
      [2, 3, 66.7],
      [1, 8, 12.5],
      [1, 16, 6.3],
      // exactly 50.25%: rounds half up, not down through float error
      [201, 400, 50.3],
      [1005, 2000, 50.3],
    ])('%s of %s is %s%% to one decimal place', (part, whole, expected) => {
      expect(percentage(part, whole)).toBe(expected);
    });

    it('is null when the whole is zero', () => {
      expect(percentage(0, 0)).toBeNull();
    });

    it('is null when either number is suppressed', () => {
      expect(percentage(null, 10)).toBeNull();
      expect(percentage(5, null)).toBeNull();
    });
  });
});
