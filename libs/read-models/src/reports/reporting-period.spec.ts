import { suppressionPolicy } from './disclosure-control';
import { lastCompleteMonth, measuredAt, parsePeriod, publishedPeriods } from './reporting-period';

describe('reporting periods', () => {
  it('reads months, calendar quarters and financial years (April to March), with their first and last days', () => {
    expect(parsePeriod('2028-02')).toMatchObject({ kind: 'month', from: '2028-02-01', to: '2028-02-29' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(parsePeriod('FY2026-27')).toMatchObject({
      kind: 'financial_year',
      from: '2026-04-01',
      to: '2027-03-31',
    });
    expect(parsePeriod('FY2099-00')).toMatchObject({ from: '2099-04-01', to: '2100-03-31' });
  });

  it('names nothing for anything else', () => {
    for (const text of ['2026-00', '2026-13', '2026-Q0', '2026-Q5', 'FY2026-28', 'FY26-27', '2026-03-01', ''])
      expect(parsePeriod(text)).toBeUndefined();
  });

  it('measures a period at its end, or today while it runs', () => {
    const march = parsePeriod('2026-03')!;
    expect(measuredAt(march, '2026-12-05')).toBe('2026-03-31');
    expect(measuredAt(parsePeriod('2026-12')!, '2026-12-05')).toBe('2026-12-05');
    expect(lastCompleteMonth('2026-01-10').id).toBe('2025-12');
    expect(publishedPeriods('2026-12-05').map((p) => p.id)).toEqual([
      '2026-11',
      '2026-12',
      '2026-Q4',
      'FY2026-27',
    ]);
    expect(publishedPeriods('2027-02-01').map((p) => p.id)).toEqual([
      '2027-01',
      '2027-02',
      '2027-Q1',
      'FY2026-27',
    ]);
  });
});

describe('percentile thresholds', () => {
  it('publishes a median from 8 values and a p92 from 25 by default, and whatever the policy configures', () => {
    const nhs = suppressionPolicy('nhs-secondary-care');
    expect([7, 8].map((n) => nhs.percentileAllowed(n, 50))).toEqual([false, true]);
    expect([24, 25].map((n) => nhs.percentileAllowed(n, 92))).toEqual([false, true]);
    const strict = suppressionPolicy('nhs-secondary-care', { medianMinN: 20, p92MinN: 50 });
    expect([strict.percentileAllowed(19, 50), strict.percentileAllowed(49, 92)]).toEqual([false, false]);
    expect(suppressionPolicy('none').percentileAllowed(1, 92)).toBe(true);
  });
});
