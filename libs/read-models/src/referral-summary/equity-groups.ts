/**
 * The young person's gender and ethnicity as coded groups for the equity report
 * (docs/domain.md#referral-spells-access-and-equity). Both are sealed personal data in the event; the
 * summary keeps only the group, never the text as recorded (which may be free text).
 */

export const GENDER_GROUPS = ['female', 'male', 'other', 'unknown', 'not_recorded'] as const;
export type GenderGroup = (typeof GENDER_GROUPS)[number];
export type RecordedGender = Exclude<GenderGroup, 'not_recorded'>;

/** NHS ethnic categories (Data Dictionary, A to Z) at their top level. */
export const ETHNIC_GROUPS = [
  'white',
  'mixed',
  'asian',
  'black',
  'other',
  'not_stated',
  'unclassified',
  'not_recorded',
] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];
export type RecordedEthnicity = Exclude<EthnicGroup, 'not_recorded'>;

/** How a value written in place of personal data reads (`[erased]`, `[sealed]`, `[unreadable]`). */
const PLACEHOLDER = /^\[[a-z]+\]$/;

/** Lower case, single spaces, no punctuation but hyphens: `  White - British ` → `white - british`. */
function normalised(value: unknown): string | undefined {
  if (typeof value !== 'string' || PLACEHOLDER.test(value.trim())) return undefined;
  const text = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

// FHIR administrative gender (male, female, other, unknown), MHSDS gender identity codes (1, 2, 3, 4, X, Z)
// and common words; any other text recorded is `other`.
const GENDER_WORDS: Record<string, RecordedGender> = {
  female: 'female',
  f: 'female',
  girl: 'female',
  woman: 'female',
  '2': 'female',
  male: 'male',
  m: 'male',
  boy: 'male',
  man: 'male',
  '1': 'male',
  unknown: 'unknown',
  'not known': 'unknown',
  'not stated': 'unknown',
  'prefer not to say': 'unknown',
  x: 'unknown',
  z: 'unknown',
};

/** The gender group recorded; undefined when none was (or it was erased). */
export function genderGroup(value: unknown): RecordedGender | undefined {
  const text = normalised(value);
  return text === undefined ? undefined : (GENDER_WORDS[text] ?? 'other');
}

const coded = (letters: string, group: RecordedEthnicity) =>
  Object.fromEntries([...letters].map((code) => [code, group]));

// The NHS Data Dictionary ethnic category codes; `99` is "not known".
const ETHNIC_CODES: Record<string, RecordedEthnicity> = {
  ...coded('abc', 'white'),
  ...coded('defg', 'mixed'),
  ...coded('hjkl', 'asian'),
  ...coded('mnp', 'black'),
  r: 'other',
  s: 'other',
  z: 'not_stated',
  '99': 'unclassified',
};

// The category descriptions (`White - British`, `Mixed - White and Asian`, `Asian or Asian British -
// Indian`, `Other Ethnic Groups - Chinese`, `Not stated`) and their usual shorter forms, first match wins.
const ETHNIC_TEXT: [RegExp, RecordedEthnicity][] = [
  [/^(not stated|prefer not to say)/, 'not_stated'],
  [/\bmixed\b|^white and (black|asian)\b/, 'mixed'],
  [/^white\b|\b(irish|gypsy|traveller)\b/, 'white'],
  [/^asian\b|\b(indian|pakistani|bangladeshi)\b/, 'asian'],
  [/^black\b|\b(caribbean|african)\b/, 'black'],
  [/^other ethnic|^any other ethnic|\b(chinese|arab)\b/, 'other'],
];

/** The ethnic group recorded (`unclassified` when the text names no category); undefined when none was. */
export function ethnicGroup(value: unknown): RecordedEthnicity | undefined {
  const text = normalised(value);
  if (text === undefined) return undefined;
  return ETHNIC_CODES[text] ?? ETHNIC_TEXT.find(([pattern]) => pattern.test(text))?.[1] ?? 'unclassified';
}
