import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@app/event-store';
import type { ReferralReceived, SessionHeld } from '@app/referral-domain';

// Test data only: the NHS number is in the never-issued 999 range, the names are invented.
export function referralReceivedData(
  referralId: string,
  overrides: Partial<ReferralReceived['data']> = {},
): ReferralReceived['data'] {
  return {
    referralId,
    receivedAt: '2025-03-01T09:30:00.000Z',
    source: { kind: 'gp', organisationCode: 'A81001' },
    youngPerson: {
      givenName: 'Amelia',
      familyName: 'Quarrington',
      dateOfBirth: '2012-06-14',
      nhsNumber: '9990001234',
      postcode: 'LA1 4YW',
      gender: 'female',
      ethnicity: 'White British',
    },
    parentCarer: {
      name: 'Joanna Quarrington',
      relationship: 'mother',
      phone: '07700 900123',
      email: 'jq@example.org',
    },
    reasons: ['low_mood'],
    pcnCode: 'U12345',
    urgency: 'routine',
    notes: 'Finds mornings before school very hard since her grandfather died.',
    ageAtReferral: 12,
    ...overrides,
  };
}

/** A session; activities are free text, sealed like the notes (none by default). */
export function sessionHeldData(
  referralId: string,
  notes?: string,
  activities: string[] = [],
): SessionHeld['data'] {
  return {
    referralId,
    sessionId: randomUUID(),
    at: '2025-03-10T15:00:00.000Z',
    format: 'one_to_one',
    setting: 'school',
    durationMinutes: 45,
    attended: true,
    activities,
    ...(notes === undefined ? {} : { notes }),
  };
}

/** Every personal value in `referralReceivedData`, to look for in raw storage. */
export const PLAINTEXT_VALUES = [
  'Amelia',
  'Quarrington',
  '2012-06-14',
  '9990001234',
  'LA1 4YW',
  'White British',
  '07700 900123',
  'jq@example.org',
  'grandfather',
];

export function event(type: string, data: unknown): NewEvent {
  return {
    type,
    data,
    metadata: {
      eventId: randomUUID(),
      occurredAt: '2025-03-01T09:30:00.000Z',
      actor: { sub: 'worker-1', roles: ['link_worker'] },
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      schemaVersion: 1,
    },
  };
}
