/** Keyed tokens of personal values (a blind index): equal values give equal tokens, and nothing else shows. */
export type KeyedTokens = { token(kind: string, value: string): string };

/** How a value written in place of personal data reads (`[erased]`, `[sealed]`, `[unreadable]`): never a value. */
const PLACEHOLDER = /^\[[a-z]+\]$/;

const usable = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && !PLACEHOLDER.test(value);

/**
 * The words of a name as matched: accents and case folded, apostrophes dropped, split at spaces and
 * hyphens (`Zoë O'Brien-Smith` → `zoe`, `obrien`, `smith`).
 */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The demographics a referral's identity tokens are made from, as the (revealed) event holds them. */
export type Demographics = {
  givenName?: unknown;
  familyName?: unknown;
  dateOfBirth?: unknown;
  nhsNumber?: unknown;
};

/** A referral's tokens: null where the value is absent or unreadable. */
export type IdentityTokens = {
  nhs: string | null;
  name: string | null;
  dob: string | null;
  /** Name and date of birth together: the match when there is no NHS number. */
  person: string | null;
  /** One per word of the given and family names, for search by name. */
  words: string[];
};

export const NO_TOKENS: IdentityTokens = { nhs: null, name: null, dob: null, person: null, words: [] };

/** Digits only: `943 476 5919` and `9434765919` are one NHS number. */
export const normaliseNhs = (value: string) => value.replace(/\D/g, '');

export function nhsToken(keys: KeyedTokens, nhsNumber: string): string {
  return keys.token('nhs', normaliseNhs(nhsNumber));
}

export const wordTokens = (keys: KeyedTokens, text: string): string[] => [
  ...new Set(nameWords(text).map((w) => keys.token('word', w))),
];

export const dobToken = (keys: KeyedTokens, dateOfBirth: string) => keys.token('dob', dateOfBirth);

const personOf = (keys: KeyedTokens, name: string | null, dob: string | null) =>
  name === null || dob === null ? null : keys.token('person', `${name}|${dob}`);

/**
 * The tokens after `update` is applied over `current` (a correction names only what changed; a value
 * it leaves out keeps its token). Placeholders of erased or unreadable data count as absent.
 */
export function tokensOf(
  keys: KeyedTokens,
  update: Demographics,
  current: IdentityTokens = NO_TOKENS,
): IdentityTokens {
  const { givenName, familyName, dateOfBirth, nhsNumber } = update;
  const nameChanged = usable(givenName) || usable(familyName);
  const given = usable(givenName) ? givenName : undefined;
  const family = usable(familyName) ? familyName : undefined;
  let name = current.name;
  let words = current.words;
  if (nameChanged && given !== undefined && family !== undefined) {
    name = keys.token('name', `${nameWords(given).join(' ')}|${nameWords(family).join(' ')}`);
    words = [...new Set([...wordTokens(keys, given), ...wordTokens(keys, family)])];
  }
  const dob = usable(dateOfBirth) ? dobToken(keys, dateOfBirth) : current.dob;
  const nhs = usable(nhsNumber) ? nhsToken(keys, nhsNumber) : current.nhs;
  return { nhs, name, dob, person: personOf(keys, name, dob), words };
}
