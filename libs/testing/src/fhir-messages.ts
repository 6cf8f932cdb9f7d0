import { randomUUID } from 'node:crypto';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const SCT = 'http://snomed.info/sct';
type Resource = Record<string, unknown>;

/**
 * A BaRS-style FHIR message Bundle as a GP system sends a referral: MessageHeader first
 * (servicerequest-request), a UK Core ServiceRequest coded with SNOMED CT, reasons as SNOMED codes, free
 * text and a Condition, a PractitionerRole requester at a practice that is part of a PCN, and a Patient
 * with the UK Core ethnic category. `change` edits the resources by type before the Bundle is built.
 */
export function fhirMessageBundle(change: (byType: Record<string, Resource>) => void = () => {}): Resource {
  const id = () => `urn:uuid:${randomUUID()}`;
  const urls = {
    sr: id(),
    patient: id(),
    role: id(),
    practitioner: id(),
    practice: id(),
    pcn: id(),
    condition: id(),
  };
  const byType: Record<string, Resource> = {
    MessageHeader: {
      resourceType: 'MessageHeader',
      id: randomUUID(),
      eventCoding: {
        system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars',
        code: 'servicerequest-request',
      },
      source: { endpoint: 'https://gp-system.example/fhir' },
      sender: { reference: urls.practice },
      focus: [{ reference: urls.sr }],
    },
    ServiceRequest: {
      resourceType: 'ServiceRequest',
      meta: { profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest'] },
      identifier: [{ system: 'https://gp-system.example/referral-id', value: randomUUID() }],
      status: 'active',
      intent: 'order',
      priority: 'routine',
      code: {
        coding: [{ system: SCT, code: '871731000000106', display: 'Referral to social prescribing service' }],
      },
      subject: { reference: urls.patient },
      requester: { reference: urls.role },
      reasonCode: [
        { coding: [{ system: SCT, code: '197480006', display: 'Anxiety disorder' }] },
        { text: 'Finds it hard to leave the house at weekends' },
      ],
      reasonReference: [{ reference: urls.condition }],
      note: [{ text: 'Happy to be contacted by text.' }],
    },
    Patient: {
      resourceType: 'Patient',
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
          valueCodeableConcept: {
            coding: [
              {
                system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
                code: 'H',
                display: 'Indian',
              },
            ],
          },
        },
      ],
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
      name: [{ use: 'official', family: 'Mistry', given: ['Anaya'] }],
      gender: 'female',
      birthDate: '2013-02-11',
      address: [{ use: 'home', postalCode: 'LA1 3BT' }],
    },
    PractitionerRole: {
      resourceType: 'PractitionerRole',
      practitioner: { reference: urls.practitioner },
      organization: { reference: urls.practice },
    },
    Practitioner: {
      resourceType: 'Practitioner',
      name: [{ prefix: ['Dr'], given: ['Ruth'], family: 'Hale' }],
    },
    Organization: {
      resourceType: 'Organization',
      identifier: [{ system: ODS, value: 'A81002' }],
      name: 'Castle Medical Practice',
      partOf: { reference: urls.pcn },
    },
    PCN: {
      resourceType: 'Organization',
      identifier: [{ system: ODS, value: 'U34567' }],
      name: 'Lune Valley PCN',
    },
    Condition: {
      resourceType: 'Condition',
      subject: { reference: urls.patient },
      code: { coding: [{ system: SCT, code: '422650009', display: 'Social isolation' }] },
    },
  };
  change(byType);
  const entry = (fullUrl: string, resource: Resource | undefined) =>
    resource ? [{ fullUrl, resource }] : [];
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'message',
    timestamp: '2026-11-30T09:00:00Z',
    entry: [
      ...entry(`urn:uuid:${randomUUID()}`, byType.MessageHeader),
      ...entry(urls.sr, byType.ServiceRequest),
      ...entry(urls.patient, byType.Patient),
      ...entry(urls.role, byType.PractitionerRole),
      ...entry(urls.practitioner, byType.Practitioner),
      ...entry(urls.practice, byType.Organization),
      ...entry(urls.pcn, byType.PCN),
      ...entry(urls.condition, byType.Condition),
    ],
  };
}
