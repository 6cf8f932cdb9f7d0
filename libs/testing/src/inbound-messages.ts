import { randomUUID } from 'node:crypto';

/** A `referrals.inbound.v1` message in the native shape: a school refers a 12-year-old (valid test NHS number). */
export function nativeInboundMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageId: `msg-${randomUUID()}`,
    sourceSystem: 'school-mis-lancs',
    format: 'native',
    referral: {
      receivedAt: '2026-09-01T09:00:00Z',
      source: { kind: 'school', organisationCode: 'A81001', referrerName: 'Head of Year 8' },
      youngPerson: {
        givenName: 'Sam',
        familyName: 'Taylor',
        dateOfBirth: '2014-03-02',
        nhsNumber: '943 476 5919',
        postcode: 'LA1 1AA',
      },
      parentCarer: { name: 'Alex Taylor', relationship: 'mother', phone: '07700 900123' },
      reasons: ['anxiety', 'school_attendance'],
      pcnCode: 'U12345',
      urgency: 'routine',
    },
    ...overrides,
  };
}

/** A FHIR R4 UK Core ServiceRequest and Patient in a Bundle, as a GP system sends it. */
export function fhirReferralBundle(): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      {
        fullUrl: 'urn:uuid:5b1f3c1e-0c2b-4a8e-9d55-0f9b1b6a7c01',
        resource: {
          resourceType: 'ServiceRequest',
          meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest'] },
          status: 'active',
          intent: 'order',
          priority: 'urgent',
          code: {
            coding: [
              {
                system: 'http://snomed.info/sct',
                code: '871731000000106',
                display: 'Referral to social prescribing service',
              },
            ],
          },
          subject: { reference: 'urn:uuid:7d0c6f1a-2f3e-4b9a-8c1d-3e5f7a9b1c02' },
          requester: { reference: 'Organization/A81001', display: 'Dr Patel, Lancaster Medical Practice' },
          reasonCode: [
            {
              coding: [
                {
                  system: 'https://cyp-social-prescribing.nhs.example/CodeSystem/referral-reason',
                  code: 'low_mood',
                },
              ],
            },
            { text: 'Social isolation' },
            { text: 'Worried about going outside' },
          ],
          note: [{ text: 'Struggling since moving school.' }],
        },
      },
      {
        fullUrl: 'urn:uuid:7d0c6f1a-2f3e-4b9a-8c1d-3e5f7a9b1c02',
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
          name: [{ use: 'official', family: 'Okafor', given: ['Jordan', 'Lee'] }],
          gender: 'female',
          birthDate: '2012-05-14',
          address: [{ use: 'home', postalCode: 'LA1 4XQ' }],
          contact: [
            {
              relationship: [
                { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FTH' }] },
              ],
              name: { given: ['Chidi'], family: 'Okafor' },
              telecom: [{ system: 'phone', value: '07700 900456' }],
            },
          ],
        },
      },
      {
        fullUrl: 'https://example.org/fhir/Organization/A81001',
        resource: {
          resourceType: 'Organization',
          id: 'A81001',
          identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A81001' }],
          partOf: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'u23456' } },
        },
      },
    ],
  };
}

/** A `referrals.inbound.v1` message carrying the FHIR bundle. */
export function fhirInboundMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageId: `fhir-${randomUUID()}`,
    sourceSystem: 'emis-A81001',
    format: 'fhir-r4',
    referral: fhirReferralBundle(),
    ...overrides,
  };
}
