import { fhirMessageBundle } from '@app/testing';
import { MessageRejected } from '../../validation';
import { parseFhirReferral, parseInboundReferral } from '../inbound-referral.message';
import { inboundReferralId } from '../../formats';

type Resource = Record<string, unknown>;
const GP = { sourceSystem: 'emis-web' };
const SCT = 'http://snomed.info/sct';

const message = (change?: (byType: Record<string, Resource>) => void) =>
  parseFhirReferral(fhirMessageBundle(change), GP, 'message');

function issues(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof MessageRejected) return error.issues;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('FHIR intake keeps what it is sent', () => {
  it('maps SNOMED CT reasons through the concept map and keeps unmapped texts, codings and Conditions as sent', () => {
    const { referral } = message();
    expect(referral.reasons).toEqual(['anxiety', 'other', 'social_isolation']);
    expect(referral.reasonsAsSent).toEqual([
      {
        reason: 'anxiety',
        mapped: true,
        via: 'reasonCode',
        codings: [{ system: SCT, code: '197480006', display: 'Anxiety disorder' }],
      },
      {
        reason: 'other',
        mapped: false,
        via: 'reasonCode',
        text: 'Finds it hard to leave the house at weekends',
      },
      {
        reason: 'social_isolation',
        mapped: true,
        via: 'reasonReference',
        codings: [{ system: SCT, code: '422650009', display: 'Social isolation' }],
      },
    ]);
  });

  it('keeps a SNOMED CT code the map does not know as `other`, with its coding', () => {
    const { referral } = message((r) => {
      r.ServiceRequest!.reasonCode = [
        { coding: [{ system: SCT, code: '1234567', display: 'Something new' }] },
      ];
      r.ServiceRequest!.reasonReference = undefined;
    });
    expect(referral.reasons).toEqual(['other']);
    expect(referral.reasonsAsSent).toEqual([
      {
        reason: 'other',
        mapped: false,
        via: 'reasonCode',
        codings: [{ system: SCT, code: '1234567', display: 'Something new' }],
      },
    ]);
  });

  it('takes the ODS code and PCN from a PractitionerRole requester, and the practitioner as referrer', () => {
    const { referral } = message();
    expect(referral.source).toEqual({ kind: 'gp', organisationCode: 'A81002', referrerName: 'Dr Ruth Hale' });
    expect(referral.pcnCode).toBe('U34567');
  });

  it('finds a Practitioner requester’s organisation through their PractitionerRole in the Bundle', () => {
    const { referral } = message((r) => {
      const role = r.PractitionerRole!;
      r.ServiceRequest!.requester = role.practitioner;
    });
    expect(referral.source.organisationCode).toBe('A81002');
    expect(referral.pcnCode).toBe('U34567');
  });

  it('takes an Organization requester directly', () => {
    const { referral } = message((r) => {
      r.ServiceRequest!.requester = {
        identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'B82005' },
      };
    });
    expect(referral.source.organisationCode).toBe('B82005');
  });

  it('maps the UK Core ethnic category to its NHS Data Dictionary description', () => {
    expect(message().referral.youngPerson.ethnicity).toBe('Asian or Asian British - Indian');
  });

  it('derives the referral id from the sender and Bundle.id, so a resend is the same referral', () => {
    const bundle = fhirMessageBundle();
    const first = parseFhirReferral(bundle, GP, 'message');
    expect(first.messageId).toBe(bundle.id);
    expect(first.referralId).toBe(inboundReferralId('emis-web', String(bundle.id)));
    expect(parseFhirReferral(structuredClone(bundle), GP, 'message').referralId).toBe(first.referralId);
  });

  it('reads a bare message Bundle from a signed partner on Kafka', () => {
    const bundle = fhirMessageBundle();
    const parsed = parseInboundReferral(
      Buffer.from(JSON.stringify(bundle)),
      {},
      { sourceSystem: 'partner-1' },
    );
    expect(parsed.referralId).toBe(inboundReferralId('partner-1', String(bundle.id)));
    expect(parsed.referral.reasons).toContain('anxiety');
  });
});

describe('FHIR intake refuses, naming the element and the rule', () => {
  it('a ServiceRequest.code that is not a social prescribing referral, or none', () => {
    const xray = { coding: [{ system: SCT, code: '168537006', display: 'Plain radiography' }] };
    expect(issues(() => message((r) => (r.ServiceRequest!.code = xray))).map((i) => i.path)).toEqual([
      'ServiceRequest.code',
    ]);
    expect(issues(() => message((r) => delete r.ServiceRequest!.code))[0]).toEqual({
      path: 'ServiceRequest.code',
      message: expect.stringContaining('must code a social prescribing referral'),
    });
  });

  it('an NHS number under a retired identifier system', () => {
    const found = issues(() =>
      message(
        (r) =>
          (r.Patient!.identifier = [{ system: 'http://fhir.nhs.net/Id/nhs-number', value: '9434765919' }]),
      ),
    );
    expect(found).toEqual([
      {
        path: 'Patient.identifier[0].system',
        message: expect.stringContaining('retired NHS number system'),
      },
    ]);
  });

  it('a reasonReference that does not resolve to a Condition, and a reason with neither code nor text', () => {
    const found = issues(() =>
      message((r) => {
        r.ServiceRequest!.reasonReference = [{ reference: 'Condition/elsewhere' }];
        r.ServiceRequest!.reasonCode = [{ coding: [{ system: SCT }] }];
      }),
    );
    expect(found.map((i) => i.path)).toEqual([
      'ServiceRequest.reasonCode[0]',
      'ServiceRequest.reasonReference[0]',
    ]);
  });

  it('no reason at all', () => {
    const found = issues(() =>
      message((r) => {
        delete r.ServiceRequest!.reasonCode;
        delete r.ServiceRequest!.reasonReference;
      }),
    );
    expect(found).toEqual([
      { path: 'ServiceRequest.reasonCode', message: expect.stringContaining('is required') },
    ]);
  });

  it('a Bundle of a type that is not a referral, and a message without its MessageHeader first', () => {
    const searchset = { ...fhirMessageBundle(), type: 'searchset' };
    expect(issues(() => parseFhirReferral(searchset, GP, 'request')).map((i) => i.path)).toContain('type');
    expect(issues(() => message((r) => delete r.MessageHeader))).toContainEqual({
      path: 'entry[0].resource',
      message: 'must be the MessageHeader: a message Bundle starts with it',
    });
  });

  it('a message whose event is not a new referral', () => {
    const found = issues(() =>
      message(
        (r) =>
          (r.MessageHeader!.eventCoding = {
            system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars',
            code: 'servicerequest-cancel',
          }),
      ),
    );
    expect(found.map((i) => i.path)).toEqual(['entry[0].resource.eventCoding']);
  });

  it('an unknown requester reference and an ethnic category that is neither coded nor described', () => {
    const found = issues(() =>
      message((r) => {
        r.ServiceRequest!.requester = { reference: 'https://elsewhere.example/Practitioner/1' };
        r.Patient!.extension = [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
            valueCodeableConcept: {},
          },
        ];
      }),
    );
    expect(found.map((i) => i.path)).toEqual([
      'ServiceRequest.requester',
      'Patient.extension[0](EthnicCategory).valueCodeableConcept',
    ]);
  });
});
