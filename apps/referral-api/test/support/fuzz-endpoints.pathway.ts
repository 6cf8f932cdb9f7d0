import fc from 'fast-check';
import {
  APPOINTMENT_CANCELLERS,
  SESSION_FORMATS,
  SESSION_SETTINGS,
  TRANSFER_REASONS,
} from '@app/referral-domain';
import type { Role } from '@app/application';
import type { FuzzEndpoint } from './fuzz-endpoints';
import { calendarDates, isoDateTimes } from './fuzz-inputs';

export const text = (min: number, max: number) => fc.string({ minLength: min, maxLength: max });
export const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A command body: the given fields (optional ones may come out undefined, then absent) and maybe `at`. */
export const withAt = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record({ ...fields, at: maybe(isoDateTimes) }).map(dropUndefined);

export function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

export const care: Role[] = ['link_worker', 'service_manager'];

/** Working the pathway: appointments (starts from the past to far ahead, reasons and notes around their limits) and duplicates. */
export const PATHWAY_ENDPOINTS: FuzzEndpoint[] = [
  {
    name: 'book appointment',
    method: 'POST',
    path: '/v1/referrals/:id/appointments',
    roles: care,
    command: true,
    body: withAt({
      id: maybe(fc.oneof(fc.uuid(), text(0, 40))),
      startsAt: fc.oneof(isoDateTimes, fc.constant('2030-01-01T09:00:00Z')),
      format: fc.oneof(fc.constantFrom(...SESSION_FORMATS), text(0, 12)),
      setting: fc.constantFrom(...SESSION_SETTINGS),
      durationMinutes: fc.oneof(fc.integer({ min: 0, max: 700 }), fc.double({ noNaN: true })),
    }),
  },
  {
    name: 'reschedule appointment',
    method: 'POST',
    path: '/v1/referrals/:id/appointments/:appointmentId/reschedule',
    roles: care,
    command: true,
    body: withAt({ startsAt: isoDateTimes, reason: maybe(text(0, 520)) }),
  },
  {
    name: 'cancel appointment',
    method: 'POST',
    path: '/v1/referrals/:id/appointments/:appointmentId/cancel',
    roles: care,
    command: true,
    body: withAt({
      cancelledBy: fc.oneof(fc.constantFrom(...APPOINTMENT_CANCELLERS), text(0, 12)),
      reason: maybe(text(0, 520)),
    }),
  },
  {
    name: 'record attendance',
    method: 'POST',
    path: '/v1/referrals/:id/appointments/:appointmentId/attendance',
    roles: care,
    command: true,
    body: withAt({
      attended: fc.oneof(fc.boolean(), fc.constantFrom('yes', 0)),
      activities: maybe(fc.array(text(0, 200), { maxLength: 21 })),
      notes: maybe(text(0, 300)),
    }),
  },
  {
    name: 'resolve duplicate',
    method: 'POST',
    path: '/v1/referrals/:id/duplicate-resolution',
    roles: care,
    command: true,
    body: withAt({
      decision: fc.oneof(fc.constantFrom('merge', 'keep_both'), text(0, 12)),
      duplicateOf: fc.oneof(fc.uuid(), text(0, 40)),
    }),
  },
  {
    name: 'correct demographics',
    method: 'POST',
    path: '/v1/referrals/:id/demographics-correction',
    roles: care,
    command: true,
    body: withAt({
      youngPerson: fc
        .record(
          {
            givenName: maybe(text(0, 110)),
            familyName: maybe(text(0, 110)),
            dateOfBirth: maybe(fc.oneof(calendarDates, text(0, 12))),
            nhsNumber: maybe(fc.constantFrom('943 476 5919', '9434765918', '401 023 2137', '12')),
            postcode: maybe(fc.constantFrom('LA1 1AB', 'SW1A 1AA', 'nowhere')),
          },
          { requiredKeys: [] },
        )
        .map(dropUndefined),
      reason: fc.oneof(text(0, 520), fc.constant('Mistyped')),
    }),
  },
  {
    name: 'transfer referral',
    method: 'POST',
    path: '/v1/referrals/:id/transfer',
    roles: care,
    command: true,
    body: withAt({
      toLinkWorkerId: maybe(fc.oneof(fc.constantFrom('lw-ada', 'lw-bo'), text(0, 110))),
      toTeam: maybe(fc.oneof(fc.constantFrom('default', 'south', 'nowhere'), text(0, 70))),
      reason: fc.oneof(fc.constantFrom(...TRANSFER_REASONS), text(0, 12)),
      note: maybe(text(0, 520)),
    }),
  },
];
