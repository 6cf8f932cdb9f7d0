import { evolve, initialState } from '@app/referral-domain';
import type { HandoffRequested, OpenReferral, ReferralEvent } from '@app/referral-domain';
import { handoffRequestMessage } from './handoff-request.message';
import { referralStatusMessage } from './referral-status.message';

const referralId = '3f1c2a9e-5b7d-4c11-9a8e-2d4f6b8c0a11';
const day = (d: number) => `2026-09-${String(d).padStart(2, '0')}T10:00:00.000Z`;

function referralAfter(...events: ReferralEvent[]): OpenReferral {
  return events.reduce(evolve, initialState) as OpenReferral;
}

const received: ReferralEvent = {
  type: 'ReferralReceived',
  data: {
    referralId,
    receivedAt: day(1),
    source: { kind: 'school', organisationCode: 'A81001' },
    youngPerson: {
      givenName: 'Sam',
      familyName: 'Taylor',
      dateOfBirth: '2014-03-02',
      nhsNumber: '9434765919',
      postcode: 'LA1 1AA',
    },
    parentCarer: { name: 'Alex Taylor', relationship: 'mother', phone: '07700 900123' },
    reasons: ['anxiety'],
    pcnCode: 'U12345',
    schoolUrn: '123456',
    urgency: 'routine',
    notes: 'Private note',
  },
};
const accepted: ReferralEvent = {
  type: 'ReferralAccepted',
  data: { referralId, at: day(3), linkWorkerId: 'lw-ada', snomedCode: '871731000000106' },
};
const consent: ReferralEvent = {
  type: 'ConsentObtained',
  data: {
    referralId,
    at: day(4),
    givenBy: 'parent_carer',
    basis: 'parental_responsibility',
    scopes: ['support', 'share_with_camhs'],
  },
};
const goals: ReferralEvent = {
  type: 'GoalsSet',
  data: { referralId, at: day(8), goals: [{ goalId: 'g1', description: 'Sleep better', score: 2 }] },
};
const session = (d: number, attended: boolean): ReferralEvent => ({
  type: 'SessionHeld',
  data: {
    referralId,
    sessionId: `s${d}`,
    at: day(d),
    format: 'one_to_one',
    setting: 'school',
    durationMinutes: 45,
    attended,
    activities: [],
    notes: 'Private',
  },
});

const handoff = (target: 'camhs' | 'school', safeguarding?: string): HandoffRequested => ({
  type: 'HandoffRequested',
  data: {
    referralId,
    handoffId: `h-${target}`,
    at: day(20),
    target,
    reason: 'Panic attacks',
    urgency: 'urgent',
    consentScope: safeguarding ? null : `share_with_${target}`,
    safeguarding: safeguarding ? { justification: safeguarding } : undefined,
  },
});

describe('a handoff request message', () => {
  const history = [
    received,
    accepted,
    consent,
    session(6, true),
    goals,
    session(10, false),
    session(13, true),
  ];

  it('to CAMHS carries identity, carer contact, reasons, the consent it rests on and the clocks so far', () => {
    const event = handoff('camhs');
    const message = handoffRequestMessage(referralAfter(...history, event), event.data);
    expect(message).toEqual({
      handoffId: 'h-camhs',
      referralId,
      target: 'camhs',
      requestedAt: day(20),
      reason: 'Panic attacks',
      urgency: 'urgent',
      sharedUnder: {
        basis: 'consent',
        consentScope: 'share_with_camhs',
        givenBy: 'parent_carer',
        consentBasis: 'parental_responsibility',
        consentedAt: day(4),
      },
      youngPerson: {
        givenName: 'Sam',
        familyName: 'Taylor',
        dateOfBirth: '2014-03-02',
        nhsNumber: '9434765919',
        postcode: 'LA1 1AA',
      },
      parentCarer: { name: 'Alex Taylor', relationship: 'mother', phone: '07700 900123' },
      referral: {
        receivedAt: day(1),
        sourceKind: 'school',
        reasons: ['anxiety'],
        pcnCode: 'U12345',
        schoolUrn: '123456',
      },
      linkWorkerId: 'lw-ada',
      clocks: {
        receivedAt: day(1),
        acceptedAt: day(3),
        firstContactAt: day(6),
        secondContactAt: day(13),
        helpStartedAt: day(13),
        daysSinceReferral: 19,
      },
    });
  });

  it('to a school under safeguarding is flagged so, and leaves out the NHS number, address, carer and health reasons', () => {
    const event = handoff('school', 'Disclosure of harm at home; the school must know today');
    const message = handoffRequestMessage(referralAfter(...history, event), event.data);
    expect(message.sharedUnder).toEqual({
      basis: 'safeguarding',
      justification: 'Disclosure of harm at home; the school must know today',
    });
    expect(message.youngPerson).toEqual({
      givenName: 'Sam',
      familyName: 'Taylor',
      dateOfBirth: '2014-03-02',
    });
    expect(message.parentCarer).toBeUndefined();
    expect(message.referral.reasons).toBeUndefined();
    expect(JSON.stringify(message)).not.toMatch(/Private/);
  });
});

describe('a referral status message', () => {
  it('tells the referrer its referral was accepted, matched on its own message id, with no personal data', () => {
    const message = referralStatusMessage(referralAfter(received, accepted), accepted, {
      sourceSystem: 'school-mis',
      messageId: 'm-1',
    });
    expect(message).toEqual({
      referralId,
      status: 'accepted',
      at: day(3),
      snomedCode: '871731000000106',
      referrer: {
        sourceKind: 'school',
        organisationCode: 'A81001',
        sourceSystem: 'school-mis',
        messageId: 'm-1',
      },
    });
  });

  it('gives the decline reason and where the family was signposted', () => {
    const declined = {
      type: 'ReferralDeclined',
      data: {
        referralId,
        at: day(2),
        reason: 'Outside the service',
        signpostedTo: 'Kooth',
        snomedCode: '871711000000103',
      },
    } as const;
    expect(referralStatusMessage(referralAfter(received, declined), declined)).toMatchObject({
      status: 'declined',
      reason: 'Outside the service',
      signpostedTo: 'Kooth',
    });
  });
});
