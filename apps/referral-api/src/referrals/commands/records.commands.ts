import { on } from './command-fields';
import { describe } from './referral-command.descriptor';
import type { CommandDescriptor } from './referral-command.descriptor';
import * as R from './referral-command.requests';

/** Records management: legal holds and erasure of personal data (service managers only). */
export const RECORDS_COMMANDS: readonly CommandDescriptor[] = [
  describe({
    kind: 'update',
    operationId: 'placeLegalHold',
    summary:
      'Places a legal hold (e.g. a public inquiry): personal data cannot be erased while it is in force.',
    tag: 'records management',
    method: 'post',
    path: 'v1/referrals/:id/legal-hold',
    roles: ['service_manager'],
    action: 'records',
    status: 200,
    request: R.PlaceLegalHoldRequest,
    example: { reason: 'Public inquiry' },
    command: ({ params, body, now }) => ({
      type: 'PlaceLegalHold',
      ...on(params, body, now),
      reason: body.reason,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'liftLegalHold',
    summary: 'Lifts the legal hold.',
    tag: 'records management',
    method: 'post',
    path: 'v1/referrals/:id/legal-hold/lift',
    roles: ['service_manager'],
    action: 'records',
    status: 200,
    request: R.LiftLegalHoldRequest,
    example: { reason: 'Inquiry closed' },
    command: ({ params, body, now }) => ({
      type: 'LiftLegalHold',
      ...on(params, body, now),
      reason: body.reason,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'erasePersonalData',
    summary: "Erases the young person's personal data by destroying its key; the history still replays.",
    tag: 'records management',
    method: 'post',
    path: 'v1/referrals/:id/erasure',
    roles: ['service_manager'],
    action: 'records',
    status: 200,
    request: R.ErasePersonalDataRequest,
    example: { reason: 'Created in error' },
    command: ({ params, body, now }) => ({
      type: 'ErasePersonalData',
      ...on(params, body, now),
      reason: body.reason,
      basis: 'manual',
    }),
  }),
];
