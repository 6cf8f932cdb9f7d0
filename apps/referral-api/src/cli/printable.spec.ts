import { printable } from './printable';

describe('Text printed for auditors', () => {
  it.each([
    [
      'a newline that would forge a line',
      'declined\n   2  2026-01-01 fake',
      'declined\\u000a   2  2026-01-01 fake',
    ],
    ['a carriage return that would overwrite the line', 'ok\rBROKEN', 'ok\\u000dBROKEN'],
    ['an ANSI escape that would hide text', 'a\u001b[8mhidden', 'a\\u001b[8mhidden'],
    ['a bidi override that would reverse text', 'abc\u202edef', 'abc\\u202edef'],
    ['a zero-width space', 'a\u200bb', 'a\\u200bb'],
    ['DEL and a C1 control', 'a\u007fb\u0085c', 'a\\u007fb\\u0085c'],
  ])('escapes %s', (_name, input, expected) => {
    expect(printable(input)).toBe(expected);
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(printable('Zoë met the CAMHS team 🙂 — “fine”')).toBe('Zoë met the CAMHS team 🙂 — “fine”');
  });
});
