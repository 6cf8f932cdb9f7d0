import { aReceivedReferral, anActiveReferral, foldReceived } from '@app/referral-domain/testing';
import type { Referral } from '@app/referral-domain';
import { authorizeReferral } from './access-policy';
import type { ReferralAction } from './access-policy';
import type { Actor, Role } from './actor';
import { Problem } from './problem';

const unknown: Referral = { status: 'none' };
const awaitingTriage = foldReceived(aReceivedReferral());
// Accepted to lw-ada by the default history.
const adasCase = foldReceived(anActiveReferral());

const as = (role: Role, sub: string): Actor => ({ sub, roles: [role] });
const MANAGER = as('service_manager', 'sm-1');
const ADA = as('link_worker', 'lw-ada');
const BO = as('link_worker', 'lw-bo');
const CREATOR = as('referrer', 'ref-1');
const OTHER_REFERRER = as('referrer', 'ref-2');
const PARTNER = as('integration', 'camhs-lancs');
const AUDITOR = as('auditor', 'aud-1');
const COMMISSIONER = as('commissioner', 'icb-1');

type Case = [string, Actor, ReferralAction, Referral, boolean, { linkWorkerId?: string }?];

// Need-to-know (Caldicott): every (caller, action, referral) the policy decides, and what it decides.
const CASES: Case[] = [
  ['a service manager does anything', MANAGER, 'records', adasCase, true],
  ['anyone allowed to call create may create', CREATOR, 'create', unknown, true],
  ['a link worker reads a referral awaiting triage', BO, 'read', awaitingTriage, true],
  ['a link worker reads their own case', ADA, 'read', adasCase, true],
  ["a link worker may not read another's case", BO, 'read', adasCase, false],
  ['the referrer reads the referral they made', CREATOR, 'read', adasCase, true],
  ['another referrer may not read it', OTHER_REFERRER, 'read', adasCase, false],
  ['an auditor reads any referral', AUDITOR, 'read', adasCase, true],
  ['a commissioner may not read a referral', COMMISSIONER, 'read', adasCase, false],
  ['an auditor reads case history', AUDITOR, 'read_history', adasCase, true],
  ['a link worker may not read case history', ADA, 'read_history', adasCase, false],
  ['a link worker accepts to themselves', ADA, 'accept', awaitingTriage, true, { linkWorkerId: 'lw-ada' }],
  [
    'a link worker may not accept to another',
    ADA,
    'accept',
    awaitingTriage,
    false,
    { linkWorkerId: 'lw-bo' },
  ],
  ['a link worker declines a referral awaiting triage', BO, 'decline', awaitingTriage, true],
  ["a link worker may not decline another's case", BO, 'decline', adasCase, false],
  ['only a service manager assigns', ADA, 'assign', adasCase, false],
  ['only a service manager manages records', ADA, 'records', adasCase, false],
  ['the assigned link worker gives care', ADA, 'care', adasCase, true],
  ['another link worker may not', BO, 'care', adasCase, false],
  ['a referrer may not give care', CREATOR, 'care', adasCase, false],
  ['a partner system answers a handoff', PARTNER, 'answer_handoff', adasCase, true],
  ['the assigned link worker answers for a partner without Kafka', ADA, 'answer_handoff', adasCase, true],
  ['another link worker may not', BO, 'answer_handoff', adasCase, false],
  // Unknown referrals fall through to the decider, which answers 404 (no existence leak by 403).
  ['an unknown referral is left to the decider', BO, 'care', unknown, true],
];

describe('The access policy, case by case', () => {
  it.each(CASES.map((c) => [c[0], c] as const))('%s', (_name, [, actor, action, state, allowed, target]) => {
    const decide = () => authorizeReferral(actor, action, { state, createdBy: 'ref-1' }, target);
    if (allowed) expect(decide).not.toThrow();
    else expect(decide).toThrow(Problem);
  });

  it('says why when it refuses', () => {
    expect(() =>
      authorizeReferral(ADA, 'accept', { state: awaitingTriage }, { linkWorkerId: 'lw-bo' }),
    ).toThrow('A link worker may accept a referral awaiting triage only to themselves');
    expect(() => authorizeReferral(ADA, 'read_history', { state: adasCase })).toThrow(
      'Case history is for auditors and service managers',
    );
  });
});
