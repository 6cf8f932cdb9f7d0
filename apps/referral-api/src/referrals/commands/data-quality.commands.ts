import { CARE_ROLES, on } from './command-fields';
import { describe } from './referral-command.descriptor';
import type { CommandDescriptor } from './referral-command.descriptor';
import * as R from './data-quality-command.requests';

/** Keeping the record right: settling possible duplicates. */
export const DATA_QUALITY_COMMANDS: readonly CommandDescriptor[] = [
  describe({
    kind: 'update',
    operationId: 'resolveDuplicate',
    summary:
      'Settles a possible-duplicate flag: `merge` closes this referral as a duplicate of an open referral of the same team (its events kept, status `merged`); `keep_both` clears the flag between the two.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/duplicate-resolution',
    roles: CARE_ROLES,
    action: 'resolve_duplicate',
    status: 200,
    request: R.ResolveDuplicateRequest,
    example: { decision: 'merge', duplicateOf: '0b6f3c2e-4d1a-4f7e-9a55-2c1d8e9f0a11' },
    command: ({ params, body, now }) => ({
      type: 'ResolveDuplicate',
      ...on(params, body, now),
      decision: body.decision,
      // What the other referral is now is read by the application layer before deciding.
      target: { referralId: body.duplicateOf, status: 'none', sameTeam: false },
    }),
  }),
];
