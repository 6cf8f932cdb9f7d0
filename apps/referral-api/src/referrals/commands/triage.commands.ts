import { toUtcIso } from '../../http/validators';
import { CARE_ROLES, on } from './command-fields';
import { describe } from './referral-command.descriptor';
import type { CommandDescriptor } from './referral-command.descriptor';
import * as R from './referral-command.requests';
import { ReceiveReferralRequest } from './receive-referral.request';

/** Intake and triage: receiving a referral, accepting or declining it, assigning it to a link worker. */
export const TRIAGE_COMMANDS: readonly CommandDescriptor[] = [
  describe({
    kind: 'create',
    operationId: 'receiveReferral',
    summary:
      'Receives a referral: 201 when created, 200 when the same referral was already received. With `previousReferralId`, a re-referral of a young person whose earlier referral closed: the next episode, with clocks of its own.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals',
    roles: ['referrer', 'integration', 'service_manager'],
    action: 'create',
    request: ReceiveReferralRequest,
    example: {
      source: { kind: 'gp', organisationCode: 'A81001' },
      youngPerson: { givenName: 'Sam', familyName: 'Taylor', dateOfBirth: '2014-03-02' },
      reasons: ['anxiety'],
    },
    referralId: (body, ids) => body.id ?? ids.uuid(),
    command: ({ body: r, now, referralId, intake }) => ({
      type: 'ReceiveReferral',
      referralId,
      now,
      policy: intake,
      receivedAt: r.receivedAt ? toUtcIso(r.receivedAt) : now,
      source: r.source,
      youngPerson: r.youngPerson,
      parentCarer: r.parentCarer,
      reasons: r.reasons,
      pcnCode: r.pcnCode?.toUpperCase(),
      schoolUrn: r.schoolUrn,
      urgency: r.urgency ?? 'routine',
      notes: r.notes,
      // What the previous referral is now is read by the application layer before deciding.
      ...(r.previousReferralId && {
        previous: { referralId: r.previousReferralId, status: 'none', samePerson: false, episode: 0 },
      }),
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'acceptReferral',
    summary: 'Accepts a referral awaiting triage to a link worker (a link worker accepts to themselves).',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/accept',
    roles: CARE_ROLES,
    action: 'accept',
    status: 200,
    request: R.AcceptReferralRequest,
    example: { linkWorkerId: 'lw-1' },
    command: ({ params, body, now }) => ({
      type: 'AcceptReferral',
      ...on(params, body, now),
      linkWorkerId: body.linkWorkerId,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'declineReferral',
    summary: 'Declines a referral awaiting triage, saying where the young person was signposted.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/decline',
    roles: CARE_ROLES,
    action: 'decline',
    status: 200,
    request: R.DeclineReferralRequest,
    example: { reason: 'Needs are met by the school nurse', signpostedTo: 'School nursing' },
    command: ({ params, body, now }) => ({
      type: 'DeclineReferral',
      ...on(params, body, now),
      reason: body.reason,
      signpostedTo: body.signpostedTo,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'withdrawReferral',
    summary:
      'The referrer takes back a referral not yet accepted (a coded reason, and a note sealed at rest); its system is told on referrals.status.v1.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/withdraw',
    roles: ['referrer', 'integration', 'service_manager'],
    action: 'withdraw',
    status: 200,
    request: R.WithdrawReferralRequest,
    example: { reason: 'referred_elsewhere', note: 'The family chose an online service' },
    command: ({ params, body, now }) => ({
      type: 'WithdrawReferral',
      ...on(params, body, now),
      reason: body.reason,
      note: body.note,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'assignLinkWorker',
    summary: 'Assigns an accepted or active referral to another link worker.',
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/assign',
    roles: ['service_manager'],
    action: 'assign',
    status: 200,
    request: R.AssignLinkWorkerRequest,
    example: { linkWorkerId: 'lw-2' },
    command: ({ params, body, now }) => ({
      type: 'AssignLinkWorker',
      ...on(params, body, now),
      linkWorkerId: body.linkWorkerId,
    }),
  }),
];
