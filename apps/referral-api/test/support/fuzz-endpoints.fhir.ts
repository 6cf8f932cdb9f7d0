import fc from 'fast-check';
import { fhirMessageBundle } from '@app/testing';
import type { FuzzEndpoint } from './fuzz-endpoints';
import { junk } from './fuzz-inputs';

type Resource = Record<string, unknown>;
const TYPES = ['ServiceRequest', 'Patient', 'PractitionerRole', 'Organization', 'Condition', 'MessageHeader'];
const FIELDS = [
  'code',
  'status',
  'intent',
  'subject',
  'requester',
  'reasonCode',
  'reasonReference',
  'identifier',
  'birthDate',
  'name',
  'extension',
  'eventCoding',
  'focus',
  'partOf',
];

/** One change to a valid message Bundle: a field of one resource deleted or replaced with junk. */
const change = fc.record({
  type: fc.constantFrom(...TYPES),
  field: fc.constantFrom(...FIELDS),
  value: fc.option(junk, { nil: undefined }),
});

/** A BaRS message Bundle, valid or with up to three fields broken, or its Bundle type or id changed. */
const bundles = fc
  .tuple(
    fc.array(change, { maxLength: 3 }),
    fc.option(fc.constantFrom('collection', 'searchset', 7, null)),
    fc.boolean(),
  )
  .map(([changes, type, dropId]) => {
    const bundle = fhirMessageBundle((byType: Record<string, Resource>) => {
      for (const c of changes) {
        const resource = byType[c.type];
        if (!resource) continue;
        if (c.value === undefined) delete resource[c.field];
        else resource[c.field] = c.value;
      }
    });
    if (type !== null) bundle.type = type;
    if (dropId) delete bundle.id;
    return bundle;
  });

const body = fc.oneof({ weight: 6, arbitrary: bundles }, { weight: 1, arbitrary: junk });

/** FHIR R4 intake: refusals are OperationOutcomes (checked by the fuzz judge for `fhir` endpoints). */
export const FHIR_ENDPOINTS: FuzzEndpoint[] = [
  {
    name: 'FHIR CapabilityStatement',
    method: 'GET',
    path: '/fhir/R4/metadata',
    roles: ['auditor'],
    fhir: true,
  },
  {
    name: 'FHIR $process-message',
    method: 'POST',
    path: '/fhir/R4/$process-message',
    roles: ['service_manager', 'referrer'],
    body,
    command: true,
    fhir: true,
  },
  {
    name: 'FHIR create ServiceRequest',
    method: 'POST',
    path: '/fhir/R4/ServiceRequest',
    roles: ['service_manager', 'referrer'],
    body: fc.oneof(
      body,
      bundles.map((b) => ({ ...b, type: 'collection', entry: (b.entry as unknown[]).slice(1) })),
    ),
    command: true,
    fhir: true,
  },
];
