import { toUtcIso } from '../../http/validators';
import { CARE_ROLES, on } from './command-fields';
import * as R from './amendment-command.requests';
import { describe } from './referral-command.descriptor';
import type { CommandDescriptor } from './referral-command.descriptor';

const CORRECTION = 'A correction, not an edit: history shows both the original event and this one.';

/** Amending what was recorded of the support: a session, an outcome score. */
export const AMENDMENT_COMMANDS: readonly CommandDescriptor[] = [
  describe({
    kind: 'update',
    operationId: 'amendSession',
    summary: `Puts right a recorded session (time, format, setting, length, attended) with a reason; the contact clocks recompute. ${CORRECTION}`,
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/sessions/:sessionId/amendment',
    roles: CARE_ROLES,
    action: 'correct_record',
    status: 200,
    request: R.AmendSessionRequest,
    example: { changes: { attended: false }, reason: 'Recorded as attended by mistake' },
    command: ({ params, body, now }) => ({
      type: 'AmendSession',
      ...on(params, body, now),
      sessionId: params.sessionId!,
      changes: {
        ...body.changes,
        ...(body.changes.at !== undefined && { at: toUtcIso(body.changes.at) }),
      },
      reason: body.reason,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'amendOutcome',
    summary: `Puts right a recorded outcome score with a reason; reports use the amended score. ${CORRECTION}`,
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/outcomes/:outcomeId/amendment',
    roles: CARE_ROLES,
    action: 'correct_record',
    status: 200,
    request: R.AmendOutcomeRequest,
    example: { score: 21, reason: 'Digits swapped when typing' },
    command: ({ params, body, now }) => ({
      type: 'AmendOutcome',
      ...on(params, body, now),
      outcomeId: params.outcomeId!,
      score: body.score,
      reason: body.reason,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'voidOutcome',
    summary: `Voids an outcome score recorded in error, with a reason; it leaves every report. ${CORRECTION}`,
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/outcomes/:outcomeId/void',
    roles: CARE_ROLES,
    action: 'correct_record',
    status: 200,
    request: R.VoidOutcomeRequest,
    example: { reason: 'Recorded against the wrong young person' },
    command: ({ params, body, now }) => ({
      type: 'VoidOutcome',
      ...on(params, body, now),
      outcomeId: params.outcomeId!,
      reason: body.reason,
    }),
  }),
];
