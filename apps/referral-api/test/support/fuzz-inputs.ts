import fc from 'fast-check';

/** A JSON value with a flavour of what breaks parsers and validators. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    -1,
    1e308,
    -0,
    true,
    [],
    {},
    '__proto__',
    'constructor',
    '💥',
    '\u0000',
    'a'.repeat(5000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant(
    JSON.parse('{"__proto__": {"roles": ["service_manager"]}, "constructor": {"prototype": {}}}') as unknown,
  ),
);

type Json = unknown;
type Op = 'drop' | 'replace' | 'add' | 'wrap';

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

function mutateAt(value: Json, path: (string | number)[], op: Op, replacement: Json, key: string): Json {
  if (path.length === 0) {
    if (op === 'add' && value && typeof value === 'object' && !Array.isArray(value))
      return { ...value, [key]: replacement };
    if (op === 'wrap') return [value];
    return replacement;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && op === 'drop') copy.splice(Number(head), 1);
    else copy[Number(head)] = mutateAt(copy[Number(head)], rest, op, replacement, key);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && op === 'drop') delete copy[String(head)];
  else copy[String(head)] = mutateAt(copy[String(head)], rest, op, replacement, key);
  return copy;
}

/** A valid value with one part dropped, replaced by junk, given an unknown sibling, or wrapped in an array. */
export function mutated(valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc
    .tuple(
      valid,
      fc.nat(),
      fc.constantFrom<Op>('drop', 'replace', 'add', 'wrap'),
      junk,
      fc.constantFrom('extra', '__proto__', 'constructor', 'id', ''),
    )
    .map(([value, n, op, replacement, key]) => {
      const all = paths(value);
      return mutateAt(value, all[n % all.length]!, op, replacement, key);
    });
}

// Built once: a full-Unicode string arbitrary is costly to create.
const rawText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'null',
    '"x"',
    '{"a":1}{"b":2}',
    '\uFEFF{}',
    'NaN',
    '{"a":1e999999}',
    '\u0000',
  ),
  fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
);

export type BodyInput =
  { kind: 'none' } | { kind: 'json'; value: Json } | { kind: 'raw'; text: string } | { kind: 'oversized' };

/** A request body: mostly valid or nearly valid JSON, sometimes anything at all. */
export function bodies(valid: fc.Arbitrary<Json> | undefined): fc.Arbitrary<BodyInput> {
  const json = (value: fc.Arbitrary<Json>) => value.map((v): BodyInput => ({ kind: 'json', value: v }));
  return fc.oneof(
    { weight: valid ? 80 : 0, arbitrary: json(valid ?? fc.constant({})) },
    { weight: valid ? 100 : 0, arbitrary: json(mutated(valid ?? fc.constant({}))) },
    { weight: 20, arbitrary: json(junk) },
    { weight: 20, arbitrary: fc.constant<BodyInput>({ kind: 'none' }) },
    {
      weight: 20,
      arbitrary: rawText.map((text): BodyInput => ({ kind: 'raw', text })),
    },
    { weight: 1, arbitrary: fc.constant<BodyInput>({ kind: 'oversized' }) },
  );
}

/** Header values Node will send: visible ASCII and spaces, no CR/LF. */
export const headerValue: fc.Arbitrary<string> = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});

export const contentTypes = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/merge-patch+json',
      'application/problem+json',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'text/plain',
      'text/csv',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
      'json',
      '*/*',
    ),
  },
  { weight: 1, arbitrary: headerValue },
);

/** A path segment: usually a UUID, sometimes anything (percent-encoded, or raw and possibly malformed). */
export const segmentJunk: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%00',
    '..',
    '.',
    '%2F',
    'null',
    'undefined',
    '0',
    '-1',
    'a'.repeat(300),
    '%C0%AF',
    '%uD800',
  ),
);

export const isoDateTimes = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-02-30T10:00:00Z',
    '2026-09-01T25:00:00Z',
    '2026-09-01',
    'now',
    '',
    '9999-12-31T23:59:59Z',
    '2026-09-01T10:00:00+14:00',
  ),
);

export const calendarDates = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-29', '2024-02-29', '2026-13-01', '26-01-01', ''),
);
