import fc from 'fast-check';
import { SESSION_FORMATS, SESSION_SETTINGS } from '@app/referral-domain';
import type { FuzzEndpoint } from './fuzz-endpoints';
import { care, dropUndefined, maybe, text, withAt } from './fuzz-endpoints.pathway';
import { isoDateTimes } from './fuzz-inputs';

const reason = fc.oneof(text(0, 520), fc.constant('Mistyped'));

/** Amending what was recorded: sessions and outcome scores. */
export const AMENDMENT_ENDPOINTS: FuzzEndpoint[] = [
  {
    name: 'amend session',
    method: 'POST',
    path: '/v1/referrals/:id/sessions/:sessionId/amendment',
    roles: care,
    command: true,
    body: withAt({
      changes: fc
        .record(
          {
            at: maybe(isoDateTimes),
            format: maybe(fc.oneof(fc.constantFrom(...SESSION_FORMATS), text(0, 12))),
            setting: maybe(fc.constantFrom(...SESSION_SETTINGS)),
            durationMinutes: maybe(fc.integer({ min: -1, max: 700 })),
            attended: maybe(fc.oneof(fc.boolean(), fc.constant('no'))),
          },
          { requiredKeys: [] },
        )
        .map(dropUndefined),
      reason,
    }),
  },
  {
    name: 'amend outcome',
    method: 'POST',
    path: '/v1/referrals/:id/outcomes/:outcomeId/amendment',
    roles: care,
    command: true,
    body: withAt({
      score: fc.oneof(
        fc.integer({ min: -5, max: 80 }),
        fc.double({ noNaN: true }),
        fc.constant({ happiness: 5 }),
      ),
      reason,
    }),
  },
  {
    name: 'void outcome',
    method: 'POST',
    path: '/v1/referrals/:id/outcomes/:outcomeId/void',
    roles: care,
    command: true,
    body: withAt({ reason }),
  },
];
