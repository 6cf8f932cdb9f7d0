import { classifyChange, swemwbsMetric } from './outcome-measures';

describe('reliable change per outcome measure', () => {
  describe('GBO: higher is better, threshold 3 points', () => {
    it.each<[number, number, string]>([
      [3, 6, 'improved'],
      [3, 5, 'no_change'],
      [3, 3, 'no_change'],
      [6, 4, 'no_change'],
      [6, 3, 'deteriorated'],
    ])('%s then %s is %s', (first, last, change) => {
      expect(classifyChange('GBO', first, last)).toBe(change);
    });
  });

  describe('ORS: higher is better, threshold 6.55', () => {
    it.each<[number, number, string]>([
      [20, 26.55, 'improved'],
      // 8.03 - 1.48 is 6.549999999999999 in floating point; still exactly 6.55
      [1.48, 8.03, 'improved'],
      [20, 26.54, 'no_change'],
      [26.55, 20, 'deteriorated'],
      [26.54, 20, 'no_change'],
    ])('%s then %s is %s', (first, last, change) => {
      expect(classifyChange('ORS', first, last)).toBe(change);
    });
  });

  describe('CORS: higher is better, threshold 10', () => {
    it.each<[number, number, string]>([
      [15, 25, 'improved'],
      [15, 24.9, 'no_change'],
      [25, 15.1, 'no_change'],
      [25, 15, 'deteriorated'],
    ])('%s then %s is %s', (first, last, change) => {
      expect(classifyChange('CORS', first, last)).toBe(change);
    });
  });

  describe('SWEMWBS: higher is better, threshold 3 on the converted metric score', () => {
    it.each<[number, number, string]>([
      // raw up 3, metric 15.84 -> 17.43: up 1.59, not reliable
      [15, 18, 'no_change'],
      // raw up 3, metric 25.03 -> 28.13: up 3.10
      [28, 31, 'improved'],
      // raw up only 2, metric 7.00 -> 11.25: up 4.25
      [7, 9, 'improved'],
      // raw up 1, metric 7.00 -> 9.51: up 2.51
      [7, 8, 'no_change'],
      // raw down 3, metric 28.13 -> 25.03: down 3.10
      [31, 28, 'deteriorated'],
      [18, 15, 'no_change'],
    ])('raw %s then %s is %s', (first, last, change) => {
      expect(classifyChange('SWEMWBS', first, last)).toBe(change);
    });

    it.each<[number, number]>([
      [7, 7],
      [15, 15.84],
      [21, 19.25],
      [35, 35],
    ])('converts raw %s to metric %s', (raw, metric) => {
      expect(swemwbsMetric(raw)).toBe(metric);
    });

    it.each([6, 36])('refuses a raw total of %d, outside 7-35', (raw) => {
      expect(() => swemwbsMetric(raw)).toThrow(`SWEMWBS raw score ${raw} is outside 7-35`);
    });
  });

  describe('YP-CORE: lower is better, threshold 8', () => {
    it.each<[number, number, string]>([
      [20, 12, 'improved'],
      [20, 13, 'no_change'],
      [20, 27, 'no_change'],
      [20, 28, 'deteriorated'],
    ])('%s then %s is %s', (first, last, change) => {
      expect(classifyChange('YP_CORE', first, last)).toBe(change);
    });
  });

  describe('a measure with no reliable change threshold', () => {
    it.each(['ONS4', 'OTHER'])('%s gives no classification', (measure) => {
      expect(classifyChange(measure, 2, 9)).toBeNull();
    });
  });
});
