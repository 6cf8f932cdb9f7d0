import { formatNhsNumber, isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

describe('isValidNhsNumber', () => {
  it.each([
    ['9434765919', 'a published test number'],
    ['8429141456', 'a published test number'],
    ['9990000050', 'check 11, which means 0'],
    ['943 476 5919', 'typed 3-3-4 with spaces'],
    ['842-914-1456', 'typed with hyphens'],
    [' 9434765919 ', 'with surrounding spaces'],
  ])('accepts %s (%s)', (nhsNumber) => {
    expect(isValidNhsNumber(nhsNumber)).toBe(true);
  });

  it.each([
    ['8429141457', 'the wrong check digit'],
    ['9990000000', 'check 10, which is never valid, whatever the last digit'],
    ['9990000009', 'check 10, which is never valid, whatever the last digit'],
    ['943476591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['94347659I9', 'a letter'],
    ['943.476.5919', 'dots'],
    ['', 'nothing'],
  ])('refuses %p (%s)', (nhsNumber) => {
    expect(isValidNhsNumber(nhsNumber)).toBe(false);
  });
});

describe('normaliseNhsNumber', () => {
  it('strips the spaces and hyphens people type', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919');
    expect(normaliseNhsNumber('9434765919')).toBe('9434765919');
  });
});

describe('formatNhsNumber', () => {
  it('displays the number 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
  });
});
