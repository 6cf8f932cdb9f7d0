const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Milliseconds since the epoch for an ISO date-time, or NaN when it is not one.
 * The zone is required: without one, Date.parse reads the host's local time and decisions would depend on the server.
 */
export function instant(iso: string): number {
  return DATE_TIME.test(iso) ? Date.parse(iso) : Number.NaN;
}

/** Whole years of age on the UTC date of `atIso`, for a date of birth YYYY-MM-DD. */
export function ageInYears(dateOfBirth: string, atIso: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const at = new Date(dayOrInstant(atIso));
  const [ay, am, ad] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  const hadBirthday = am > bm || (am === bm && ad >= bd);
  return ay - by - (hadBirthday ? 0 : 1);
}

/** Whole calendar days (UTC) from the date of `fromIso` to the date of `toIso`. */
export function calendarDaysBetween(fromIso: string, toIso: string): number {
  const day = (iso: string) => Math.floor(dayOrInstant(iso) / 86_400_000);
  return day(toIso) - day(fromIso);
}

/** A zoned date-time as its instant; anything else (a plain date) as UTC midnight of the date written, never host time. */
function dayOrInstant(iso: string): number {
  const ms = instant(iso);
  return Number.isNaN(ms) ? Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) : ms;
}
