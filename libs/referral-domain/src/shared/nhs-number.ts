/** Strips the spaces and hyphens people type into NHS numbers ("943 476 5919"). */
export function normaliseNhsNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** NHS number Modulus 11 check (weights 10..2; check 11 means 0; check 10 is never valid). */
export function isValidNhsNumber(raw: string): boolean {
  const digits = normaliseNhsNumber(raw);
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Displays an NHS number as 3-3-4. */
export function formatNhsNumber(raw: string): string {
  const d = normaliseNhsNumber(raw);
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}
