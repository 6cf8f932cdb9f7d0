import { compact } from './validation';

describe('compact', () => {
  it('drops undefined fields and keeps every other value, in order', () => {
    const out = compact({ a: 1, b: undefined, c: null, d: '', e: 0, f: false, g: [undefined] });
    expect(out).toEqual({ a: 1, c: null, d: '', e: 0, f: false, g: [undefined] });
    expect(Object.keys(out)).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
    expect('b' in out).toBe(false);
  });

  it('returns a new object and leaves the given one as it was', () => {
    const given = { a: 1, b: undefined };
    const out = compact(given);
    expect(out).not.toBe(given);
    expect(Object.keys(given)).toEqual(['a', 'b']);
  });
});
