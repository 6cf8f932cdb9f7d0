import { REFERRAL_VALUE_SET_URL, TERMINOLOGY_VERSIONS } from '@app/contracts';

const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';

/** The UK Core profiles the intake reads: the referral, who it is about and who sent it. */
export const ACCEPTED_PROFILES = [
  'ServiceRequest',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Condition',
  'MessageHeader',
  'Bundle',
].map((type) => ({ type, profile: `${UK_CORE}${type}` }));

/** What this FHIR endpoint does, for `GET /fhir/R4/metadata`. */
export function capabilityStatement(version: string, date: string) {
  return {
    resourceType: 'CapabilityStatement',
    id: 'cyp-social-prescribing',
    url: 'https://cyp-social-prescribing.nhs.example/CapabilityStatement/cyp-social-prescribing',
    version,
    name: 'CypSocialPrescribingReferralIntake',
    title: "Children and young people's social prescribing: referral intake",
    status: 'active',
    date,
    publisher: 'CYP social prescribing service',
    kind: 'instance',
    software: { name: 'cyp-social-prescribing', version },
    implementation: {
      description:
        'Receives social prescribing referrals as UK Core ServiceRequests or BaRS-style message Bundles; ' +
        `reasons are mapped with ${TERMINOLOGY_VERSIONS.reasonConceptMap} and kept as sent.`,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: 'ServiceRequest.code must be a concept of ' + REFERRAL_VALUE_SET_URL,
        security: {
          cors: false,
          description:
            'OAuth 2.0 bearer token (JWT) with the referrer, integration or service_manager role; ' +
            'errors are answered as OperationOutcome.',
        },
        resource: ACCEPTED_PROFILES.map(({ type, profile }) => ({
          type,
          profile,
          ...(type === 'ServiceRequest'
            ? {
                interaction: [
                  { code: 'create', documentation: 'Receives a referral (201, 200 when resent)' },
                ],
                supportedProfile: [profile],
              }
            : {}),
        })),
        operation: [
          {
            name: 'process-message',
            definition: 'http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message',
            documentation: 'A message Bundle with a BaRS servicerequest-request MessageHeader first',
          },
        ],
      },
    ],
    messaging: [
      {
        documentation: 'Also accepted on the Kafka topic referrals.inbound.v1, signed by the partner',
        supportedMessage: [
          {
            mode: 'receiver',
            definition: 'https://cyp-social-prescribing.nhs.example/MessageDefinition/servicerequest-request',
          },
        ],
      },
    ],
  };
}
