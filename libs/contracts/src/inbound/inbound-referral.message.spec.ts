import { fhirInboundMessage, fhirReferralBundle, nativeInboundMessage } from '@app/testing';
import { inboundReferralId, uuidV5 } from '../formats';
import { MessageRejected } from '../validation';
import { parseInboundReferral } from './inbound-referral.message';

const send = (message: unknown, headers: Record<string, string> = {}) =>
  parseInboundReferral(Buffer.from(JSON.stringify(message)), headers);

function rejection(fn: () => unknown): MessageRejected {
  try {
    fn();
  } catch (error) {
    if (error instanceof MessageRejected) return error;
    throw error;
  }
  throw new Error('expected the message to be rejected');
}

describe('referral ids from messages', () => {
  it('are RFC 4122 version 5 uuids (the DNS namespace test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('are the same for the same source system and message id, and differ otherwise', () => {
    expect(inboundReferralId('emis-A81001', 'm-1')).toBe(inboundReferralId('emis-A81001', 'm-1'));
    expect(inboundReferralId('emis-A81001', 'm-1')).not.toBe(inboundReferralId('emis-A81002', 'm-1'));
    expect(inboundReferralId('emis-A81001', 'm-1')).not.toBe(inboundReferralId('emis-A81001', 'm-2'));
  });
});

describe('a native inbound referral', () => {
  it('is accepted with the referral id derived from the message and receivedAt in UTC', () => {
    const message = nativeInboundMessage({ messageId: 'school-42' });
    const parsed = send({
      ...message,
      referral: {
        ...(message.referral as object),
        receivedAt: '2026-09-01T10:00:00+01:00',
        pcnCode: 'u12345',
      },
    });
    expect(parsed).toMatchObject({
      messageId: 'school-42',
      sourceSystem: 'school-mis-lancs',
      format: 'native',
      referralId: inboundReferralId('school-mis-lancs', 'school-42'),
      referral: {
        receivedAt: '2026-09-01T09:00:00.000Z',
        pcnCode: 'U12345',
        youngPerson: { givenName: 'Sam', nhsNumber: '943 476 5919' },
      },
    });
  });

  it('hashes its content the same whatever the key order, and differently when anything changes', () => {
    const message = nativeInboundMessage();
    const reordered = Object.fromEntries(Object.entries(message).reverse());
    expect(send(reordered).contentHash).toBe(send(message).contentHash);
    expect(
      send({ ...message, referral: { ...(message.referral as object), notes: 'more' } }).contentHash,
    ).not.toBe(send(message).contentHash);
  });

  it('is rejected with every field at fault named, by the field rules of the HTTP API', () => {
    const message = nativeInboundMessage();
    const referral = message.referral as Record<string, unknown>;
    const error = rejection(() =>
      send({
        ...message,
        referral: {
          ...referral,
          id: 'c0ffee',
          reasons: ['anxiety', 'boredom'],
          colour: 'blue',
          youngPerson: { givenName: '', familyName: 'Taylor', dateOfBirth: '2014-02-30', nhsNumber: '12345' },
        },
      }),
    );
    expect(error.code).toBe('MESSAGE.INVALID');
    expect(error.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'referral.id',
        'referral.colour',
        'referral.reasons[1]',
        'referral.youngPerson.givenName',
        'referral.youngPerson.dateOfBirth',
        'referral.youngPerson.nhsNumber',
      ]),
    );
  });

  it('is rejected without a message id or source system, since the referral id depends on them', () => {
    const error = rejection(() =>
      send({ ...nativeInboundMessage(), messageId: undefined, sourceSystem: 'has spaces' }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['messageId', 'sourceSystem']);
  });

  it('is rejected, not thrown on, when receivedAt is not a date-time (found by the Kafka fuzzer)', () => {
    const message = nativeInboundMessage();
    const error = rejection(() =>
      send({ ...message, referral: { ...(message.referral as object), receivedAt: 'ET' } }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['referral.receivedAt']);
  });
});

describe('an unreadable message', () => {
  it.each([
    ['not JSON', Buffer.from('{"messageId": '), 'MESSAGE.UNPARSEABLE'],
    ['empty', null, 'MESSAGE.UNPARSEABLE'],
    ['a JSON array', Buffer.from('[]'), 'MESSAGE.INVALID'],
  ])('is rejected when %s', (_, value, code) => {
    expect(rejection(() => parseInboundReferral(value)).code).toBe(code);
  });

  it('is rejected when it declares a schema version this consumer does not know', () => {
    expect(rejection(() => send(nativeInboundMessage(), { schemaVersion: '2' })).code).toBe(
      'MESSAGE.UNSUPPORTED_VERSION',
    );
  });
});

describe('a FHIR R4 inbound referral', () => {
  it('maps the ServiceRequest and Patient to the native shape', () => {
    const parsed = send(fhirInboundMessage({ messageId: 'fhir-1' }));
    expect(parsed.referralId).toBe(inboundReferralId('emis-A81001', 'fhir-1'));
    expect(parsed.referral).toEqual({
      source: {
        kind: 'gp',
        organisationCode: 'A81001',
        referrerName: 'Dr Patel, Lancaster Medical Practice',
      },
      youngPerson: {
        givenName: 'Jordan',
        familyName: 'Okafor',
        dateOfBirth: '2012-05-14',
        nhsNumber: '9434765919',
        postcode: 'LA1 4XQ',
        gender: 'female',
      },
      parentCarer: { name: 'Chidi Okafor', relationship: 'father', phone: '07700 900456' },
      reasons: ['low_mood', 'social_isolation', 'other'],
      reasonsAsSent: [
        {
          reason: 'low_mood',
          mapped: true,
          via: 'reasonCode',
          codings: [
            {
              system: 'https://cyp-social-prescribing.nhs.example/CodeSystem/referral-reason',
              code: 'low_mood',
            },
          ],
        },
        { reason: 'social_isolation', mapped: true, via: 'reasonCode', text: 'Social isolation' },
        { reason: 'other', mapped: false, via: 'reasonCode', text: 'Worried about going outside' },
      ],
      pcnCode: 'U23456',
      urgency: 'urgent',
      notes: 'Struggling since moving school.',
    });
  });

  it('accepts a ServiceRequest with the Patient contained, and a sender kind other than GP', () => {
    const [sr, patient] = (fhirReferralBundle().entry as { resource: Record<string, unknown> }[]).map(
      (e) => e.resource,
    );
    const contained = {
      ...sr,
      subject: { reference: '#p1' },
      requester: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'B82002' } },
      contained: [{ ...patient, id: 'p1' }],
    };
    const parsed = send({
      messageId: 'c-1',
      sourceSystem: 'camhs-north',
      format: 'fhir-r4',
      sourceKind: 'camhs',
      referral: contained,
    });
    expect(parsed.referral).toMatchObject({
      source: { kind: 'camhs', organisationCode: 'B82002' },
      youngPerson: { nhsNumber: '9434765919' },
    });
  });

  it('is rejected when the request is not an active order or does not name its patient', () => {
    const bundle = fhirReferralBundle();
    const entries = bundle.entry as { resource: Record<string, unknown> }[];
    entries[0]!.resource = {
      ...entries[0]!.resource,
      status: 'draft',
      intent: 'plan',
      subject: { reference: 'Patient/missing' },
    };
    const error = rejection(() => send(fhirInboundMessage({ referral: bundle })));
    expect(error.issues.map((i) => i.path)).toEqual([
      'ServiceRequest.status',
      'ServiceRequest.intent',
      'ServiceRequest.subject',
    ]);
  });

  it('is rejected by the native field rules after mapping, e.g. a partial birth date or a bad postcode', () => {
    const bundle = fhirReferralBundle();
    const patient = (bundle.entry as { resource: Record<string, unknown> }[])[1]!;
    patient.resource = {
      ...patient.resource,
      birthDate: '2012-05',
      address: [{ postalCode: 'NOT A POSTCODE' }],
    };
    expect(rejection(() => send(fhirInboundMessage({ referral: bundle }))).issues).toEqual([
      { path: 'Patient.birthDate', message: 'must be a full date YYYY-MM-DD' },
    ]);
    patient.resource = { ...patient.resource, birthDate: '2012-05-14' };
    expect(rejection(() => send(fhirInboundMessage({ referral: bundle }))).issues).toEqual([
      { path: 'referral(mapped from FHIR).youngPerson.postcode', message: 'must be a UK postcode' },
    ]);
  });

  it('is rejected when the bundle holds no ServiceRequest', () => {
    const error = rejection(() =>
      send(
        fhirInboundMessage({
          referral: {
            resourceType: 'Bundle',
            type: 'collection',
            entry: [{ resource: { resourceType: 'Patient' } }],
          },
        }),
      ),
    );
    expect(error.issues).toEqual([
      { path: 'referral', message: 'must hold exactly one ServiceRequest, found 0' },
    ]);
  });
});
