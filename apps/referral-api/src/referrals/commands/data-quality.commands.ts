import { CARE_ROLES, on } from './command-fields';
import { describe } from './referral-command.descriptor';
import type { CommandDescriptor } from './referral-command.descriptor';
import * as R from './data-quality-command.requests';

/** Keeping the record right and the case in the right hands: duplicates, demographics, transfers. */
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
    action: 'correct_record',
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
  describe({
    kind: 'update',
    operationId: 'correctDemographics',
    summary:
      "Corrects the young person's name, date of birth, NHS number or postcode as recorded at referral, with a reason: a DemographicsCorrected event that history shows as a correction of ReferralReceived; age band, search and duplicate matching follow it. Allowed on closed referrals; an erased one is 410.",
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/demographics-correction',
    roles: CARE_ROLES,
    action: 'correct_record',
    status: 200,
    request: R.CorrectDemographicsRequest,
    example: { youngPerson: { dateOfBirth: '2013-03-02' }, reason: 'Year of birth mistyped by the referrer' },
    command: ({ params, body, now }) => ({
      type: 'CorrectDemographics',
      ...on(params, body, now),
      youngPerson: body.youngPerson,
      reason: body.reason,
    }),
  }),
  describe({
    kind: 'update',
    operationId: 'transferReferral',
    summary:
      "Moves a referral to another link worker, another team, or both, with a coded reason (and a note sealed at rest). A move of team without a link worker leaves it for the new team to assign; one awaiting triage moves to the new team's queue.",
    tag: 'referrals',
    method: 'post',
    path: 'v1/referrals/:id/transfer',
    roles: CARE_ROLES,
    action: 'transfer',
    status: 200,
    request: R.TransferReferralRequest,
    example: { toLinkWorkerId: 'lw-bo', reason: 'capacity', note: 'Ada is on leave until March' },
    command: ({ params, body, now }) => ({
      type: 'TransferReferral',
      ...on(params, body, now),
      toLinkWorkerId: body.toLinkWorkerId,
      toTeam: body.toTeam,
      reason: body.reason,
      note: body.note,
      // Where the referral is now, and which teams exist, are read by the application layer.
      teams: { current: '', known: [] },
    }),
  }),
];
