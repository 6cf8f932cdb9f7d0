import { randomUUID } from 'node:crypto';

/** A young person aged 12 on the day of the referral, with a valid test NHS number. */
export function referralBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    receivedAt: '2026-09-01T09:00:00Z',
    source: { kind: 'school', organisationCode: 'A81001', referrerName: 'Head of Year 8' },
    youngPerson: {
      givenName: 'Sam',
      familyName: 'Taylor',
      dateOfBirth: '2014-03-02',
      nhsNumber: '943 476 5919',
      postcode: 'LA1 1AA',
    },
    parentCarer: { name: 'Alex Taylor', relationship: 'mother', phone: '07700 900123' },
    reasons: ['anxiety', 'school_attendance'],
    pcnCode: 'U12345',
    urgency: 'routine',
    ...overrides,
  };
}

export const at = (day: number, hour = 10) =>
  `2026-09-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
