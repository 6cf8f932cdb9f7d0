import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { capabilityStatement } from '../../fhir/capability-statement';
import { arrayOf, date, dateTime, objectOf, oneOfValues, text, uuid } from './primitives';
import type { ResponseSpec } from './primitives';
import { IDS } from './referral-examples';

const FHIR_JSON = 'application/fhir+json';
const fhir = (status: number, description: string, schema: SchemaObject, example: unknown): ResponseSpec => ({
  status,
  description,
  schema,
  example,
  contentType: FHIR_JSON,
});

const ISSUE = objectOf(
  {
    severity: oneOfValues(['fatal', 'error', 'warning', 'information']),
    code: { type: 'string', description: 'http://hl7.org/fhir/issue-type' },
    details: objectOf(
      { coding: arrayOf(objectOf({ system: text, code: text })), text },
      { optional: ['coding'] },
    ),
    diagnostics: text,
    expression: arrayOf(text),
  },
  { optional: ['details', 'diagnostics', 'expression'] },
);

/** An OperationOutcome; a success carries one `information` issue saying what happened. */
const OPERATION_OUTCOME = objectOf({
  resourceType: oneOfValues(['OperationOutcome']),
  issue: { ...arrayOf(ISSUE), minItems: 1 },
});

const outcome = (text: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'information', code: 'informational', diagnostics: text }],
});

const urnUuid: SchemaObject = { type: 'string', pattern: '^urn:uuid:[0-9a-fA-F-]{36}$' };

const MESSAGE_HEADER = objectOf({
  resourceType: oneOfValues(['MessageHeader']),
  eventCoding: objectOf({ system: text, code: oneOfValues(['servicerequest-response']) }),
  source: objectOf({ endpoint: text }),
  response: objectOf({
    identifier: { type: 'string', description: 'The `Bundle.id` of the message answered' },
    code: oneOfValues(['ok']),
  }),
  focus: arrayOf(objectOf({ reference: urnUuid })),
});

/** The response message: its MessageHeader, then the OperationOutcome it points to. */
const RESPONSE_BUNDLE = objectOf({
  resourceType: oneOfValues(['Bundle']),
  id: uuid,
  type: oneOfValues(['message']),
  timestamp: dateTime,
  entry: {
    type: 'array',
    minItems: 2,
    maxItems: 2,
    items: objectOf({ fullUrl: urnUuid, resource: { oneOf: [MESSAGE_HEADER, OPERATION_OUTCOME] } }),
  },
});

const CAPABILITY_STATEMENT = objectOf({
  resourceType: oneOfValues(['CapabilityStatement']),
  id: text,
  url: text,
  version: text,
  name: text,
  title: text,
  status: oneOfValues(['active']),
  date,
  publisher: text,
  kind: oneOfValues(['instance']),
  software: objectOf({ name: text, version: text }),
  implementation: objectOf({ description: text }),
  fhirVersion: oneOfValues(['4.0.1']),
  format: arrayOf(text),
  rest: arrayOf(
    objectOf(
      {
        mode: oneOfValues(['server']),
        documentation: text,
        security: { type: 'object' },
        resource: arrayOf(
          objectOf(
            {
              type: text,
              profile: text,
              interaction: arrayOf(
                objectOf({ code: text, documentation: text }, { optional: ['documentation'] }),
              ),
              supportedProfile: arrayOf(text),
            },
            { optional: ['interaction', 'supportedProfile'] },
          ),
        ),
        operation: arrayOf(
          objectOf({ name: text, definition: text, documentation: text }, { optional: ['documentation'] }),
        ),
      },
      { optional: ['documentation', 'security', 'operation'] },
    ),
  ),
  messaging: arrayOf({ type: 'object' }),
});

const OUTCOME_ID = '2c9e5a7f-4b1d-4e83-9a06-5f3d8b1e7c24';

/** Success responses of the FHIR R4 intake. */
export const FHIR_RESPONSES: Record<string, ResponseSpec[]> = {
  fhirCapabilities: [
    fhir(
      200,
      'The CapabilityStatement of the intake',
      CAPABILITY_STATEMENT,
      capabilityStatement('1.0.0', '2026-09-01'),
    ),
  ],
  fhirCreateServiceRequest: [
    fhir(
      201,
      'Received (Location: /v1/referrals/{id}; ETag: W/"<version>")',
      OPERATION_OUTCOME,
      outcome(`Referral ${IDS.referral} received; status received`),
    ),
    fhir(
      200,
      'The same request was already received',
      OPERATION_OUTCOME,
      outcome(`Referral ${IDS.referral} already received; status accepted`),
    ),
  ],
  fhirProcessMessage: [
    fhir(200, 'A response message Bundle (Location: /v1/referrals/{id})', RESPONSE_BUNDLE, {
      resourceType: 'Bundle',
      id: '8d4f1b6a-2e93-4c57-b0a8-6e1c9f3d5a72',
      type: 'message',
      timestamp: '2026-09-01T08:42:17.845Z',
      entry: [
        {
          fullUrl: 'urn:uuid:4a7e2c9d-6f15-4b38-8e0a-1d5c7f9b3e46',
          resource: {
            resourceType: 'MessageHeader',
            eventCoding: {
              system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars',
              code: 'servicerequest-response',
            },
            source: { endpoint: '/fhir/R4/$process-message' },
            response: { identifier: 'f3b8d2a6-7c41-4e95-9a2f-0b6d4e8c1a57', code: 'ok' },
            focus: [{ reference: `urn:uuid:${OUTCOME_ID}` }],
          },
        },
        {
          fullUrl: `urn:uuid:${OUTCOME_ID}`,
          resource: outcome(`Referral ${IDS.referral} received; status received`),
        },
      ],
    }),
  ],
};
