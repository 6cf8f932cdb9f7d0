import { retentionDate } from './retention';

describe('retentionDate', () => {
  it('keeps a child record until the 25th birthday', () => {
    expect(retentionDate('2012-05-10', '2026-09-01T00:00:00Z')).toBe('2037-05-10');
  });
  it('keeps it until the 26th birthday when the young person was 17 when support ended', () => {
    expect(retentionDate('2008-11-01', '2026-09-01T00:00:00Z')).toBe('2034-11-01');
  });
  it('uses the 25th birthday for an 18-year-old at the end of support', () => {
    expect(retentionDate('2008-01-01', '2026-09-01T00:00:00Z')).toBe('2033-01-01');
  });
  it('puts a 29 February birthday on 1 March in a common year', () => {
    expect(retentionDate('2012-02-29', '2026-09-01T00:00:00Z')).toBe('2037-03-01');
  });
});
