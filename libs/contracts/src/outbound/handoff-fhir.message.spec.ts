import { fhirIssues } from '@app/testing';
import type { HandoffRequestMessageV1 } from './handoff-request.message';
import { handoffFhirMessage, handoffTaskUpdate } from './handoff-fhir.message';

type Resource = Record<string, unknown>;
const EVENT = '7a1c3e5f-0b2d-4c6e-8f1a-3b5d7f9e1c2a';

const toCamhs: HandoffRequestMessageV1 = {
  handoffId: 'b3a1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d',
  referralId: '3f1c2a9e-5b7d-4c11-9a8e-2d4f6b8c0a11',
  target: 'camhs',
  requestedAt: '2026-09-20T10:00:00.000Z',
  reason: 'Panic attacks most days',
  urgency: 'urgent',
  sharedUnder: {
    basis: 'consent',
    consentScope: 'share_with_camhs',
    givenBy: 'parent_carer',
    consentBasis: 'parental_responsibility',
    consentedAt: '2026-09-04T10:00:00.000Z',
  },
  youngPerson: {
    givenName: 'Sam',
    familyName: 'Example',
    dateOfBirth: '2014-03-02',
    nhsNumber: '9434765919',
    postcode: 'LA1 1AA',
    gender: 'female',
  },
  parentCarer: { name: 'Alex Example', relationship: 'mother', phone: '07700 900123' },
  referral: {
    receivedAt: '2026-09-01T10:00:00.000Z',
    sourceKind: 'school',
    reasons: ['anxiety'],
    pcnCode: 'U12345',
  },
  linkWorkerId: 'lw-ada',
  clocks: {
    receivedAt: '2026-09-01T10:00:00.000Z',
    acceptedAt: '2026-09-03T10:00:00.000Z',
    firstContactAt: '2026-09-06T10:00:00.000Z',
    secondContactAt: null,
    helpStartedAt: null,
    daysSinceReferral: 19,
  },
};

const toSchool: HandoffRequestMessageV1 = {
  ...toCamhs,
  target: 'school',
  sharedUnder: { basis: 'safeguarding', justification: 'Disclosure of harm at home' },
  youngPerson: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2014-03-02' },
  parentCarer: undefined,
  referral: { receivedAt: toCamhs.referral.receivedAt, sourceKind: 'school' },
};

const byType = (bundle: Resource) =>
  Object.fromEntries(
    (bundle.entry as { resource: Resource }[]).map((e) => [String(e.resource.resourceType), e.resource]),
  );

describe('a handoff as a FHIR R4 message Bundle', () => {
  it('is valid base FHIR R4: MessageHeader first, a UK Core ServiceRequest, Patient, Task and the Consent it rests on', () => {
    const bundle = handoffFhirMessage(toCamhs, EVENT);
    expect(fhirIssues(bundle)).toEqual([]);
    const entries = bundle.entry as { fullUrl: string; resource: Resource }[];
    expect(entries.map((e) => e.resource.resourceType)).toEqual([
      'MessageHeader',
      'ServiceRequest',
      'Patient',
      'Task',
      'Consent',
    ]);
    const r = byType(bundle);
    expect(r.MessageHeader).toMatchObject({
      eventCoding: {
        system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars',
        code: 'servicerequest-request',
      },
      focus: [{ reference: entries[1]!.fullUrl }],
    });
    expect(r.ServiceRequest).toMatchObject({
      meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest'] },
      status: 'active',
      intent: 'order',
      priority: 'urgent',
      subject: { reference: entries[2]!.fullUrl },
      supportingInfo: [{ reference: entries[4]!.fullUrl }],
    });
    expect(r.Patient).toMatchObject({
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
      birthDate: '2014-03-02',
      address: [{ postalCode: 'LA1 1AA' }],
    });
    expect(r.Task).toMatchObject({ status: 'requested', focus: { reference: entries[1]!.fullUrl } });
    expect(r.Consent).toMatchObject({ dateTime: '2026-09-04T10:00:00.000Z', provision: { type: 'permit' } });
  });

  it('to a school shares no more than the native message: no NHS number, address, carer or health reasons', () => {
    const bundle = handoffFhirMessage(toSchool, EVENT);
    expect(fhirIssues(bundle)).toEqual([]);
    const r = byType(bundle);
    expect(r.Patient).toEqual({
      resourceType: 'Patient',
      id: expect.any(String),
      meta: expect.any(Object),
      name: [{ use: 'official', family: 'Example', given: ['Sam'] }],
      birthDate: '2014-03-02',
    });
    expect(r.Consent).toBeUndefined();
    expect(r.ServiceRequest!.reasonCode).toEqual([{ text: 'Panic attacks most days' }]);
    expect(r.ServiceRequest!.note).toEqual([
      { text: 'Shared without consent on safeguarding grounds: Disclosure of harm at home' },
    ]);
    expect(JSON.stringify(bundle)).not.toMatch(/9434765919|LA1 1AA|Alex|anxiety/);
  });

  it('is the same message when sent again (ids derive from the event)', () => {
    expect(handoffFhirMessage(toCamhs, EVENT)).toEqual(handoffFhirMessage(toCamhs, EVENT));
    expect(handoffFhirMessage(toCamhs, EVENT).id).not.toBe(
      handoffFhirMessage(toCamhs, `${EVENT.slice(0, -1)}b`).id,
    );
  });

  it('tells a status change as a Task update, valid base FHIR R4', () => {
    const common = {
      handoffId: toCamhs.handoffId,
      referralId: toCamhs.referralId,
      target: 'camhs' as const,
      at: '2026-09-22T09:00:00.000Z',
    };
    const accepted = handoffTaskUpdate({ ...common, outcome: 'accepted', reference: 'CAMHS-77' }, EVENT);
    const rejected = handoffTaskUpdate({ ...common, outcome: 'rejected', reason: 'Below threshold' }, EVENT);
    expect(fhirIssues(accepted)).toEqual([]);
    expect(fhirIssues(rejected)).toEqual([]);
    expect(byType(accepted).Task).toMatchObject({ status: 'accepted', lastModified: common.at });
    expect(byType(rejected).Task).toMatchObject({
      status: 'rejected',
      statusReason: { text: 'Below threshold' },
    });
  });

  it('is caught by the validator when it breaks base R4 (the check can fail)', () => {
    const bundle = handoffFhirMessage(toCamhs, EVENT);
    const task = byType(bundle).Task!;
    task.status = 'waiting-for-godot';
    task.colour = 'blue';
    expect(fhirIssues(bundle).join('\n')).toMatch(/Task.status[\s\S]*Task.colour/);
  });
});
