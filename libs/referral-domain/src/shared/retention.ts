import { ageInYears } from './dates';

/**
 * The date a child's record may be destroyed (Records Management Code of Practice): the 25th birthday,
 * or the 26th when the young person was 17 when support ended. Dates are YYYY-MM-DD; 29 February
 * birthdays fall on 1 March in other years.
 */
export function retentionDate(dateOfBirth: string, supportEndedAt: string): string {
  const birthdayAge = ageInYears(dateOfBirth, supportEndedAt) === 17 ? 26 : 25;
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + birthdayAge, m - 1, d));
  return date.toISOString().slice(0, 10);
}
