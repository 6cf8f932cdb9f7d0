import type { HandoffTarget } from '@app/referral-domain';
import { uuidV5 } from '../formats';
import { BARS_EVENT } from '../inbound/fhir/fhir-bundle';
import { FHIR_SYSTEMS } from '../inbound/fhir/fhir-json';
import type { HandoffRequestMessageV1 } from './handoff-request.message';

type Resource = Record<string, unknown>;

const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-';
const SERVICE = 'https://cyp-social-prescribing.nhs.example';
/** Identifier systems and code systems of this service in the resources it sends. */
export const SERVICE_SYSTEMS = {
  handoff: `${SERVICE}/Id/handoff`,
  referral: `${SERVICE}/Id/referral`,
  linkWorker: `${SERVICE}/Id/link-worker`,
  handoffTarget: `${SERVICE}/CodeSystem/handoff-target`,
  messageEvents: `${SERVICE}/CodeSystem/message-events`,
  clock: `${SERVICE}/CodeSystem/waiting-clock`,
} as const;

const TARGETS: Record<HandoffTarget, string> = {
  camhs: "Children and young people's mental health service (CAMHS)",
  mhst: 'Mental Health Support Team in schools',
  school: 'School',
};
const FHIR_GENDERS = ['male', 'female', 'other', 'unknown'];
const profile = (type: string) => ({ profile: [`${UK_CORE}${type}`] });
const urn = (id: string) => `urn:uuid:${id}`;

/** Stable ids of the resources of one message: a republished message is the same message. */
function idsOf(eventId: string) {
  const id = (what: string) => uuidV5(`fhir\n${what}\n${eventId}`);
  return {
    bundle: id('bundle'),
    header: id('header'),
    request: id('request'),
    patient: id('patient'),
    task: id('task'),
    consent: id('consent'),
  };
}

function patientOf(m: HandoffRequestMessageV1, id: string): Resource {
  const y = m.youngPerson;
  const p = m.parentCarer;
  return {
    resourceType: 'Patient',
    id,
    meta: profile('Patient'),
    ...(y.nhsNumber ? { identifier: [{ system: FHIR_SYSTEMS.nhsNumber, value: y.nhsNumber }] } : {}),
    name: [{ use: 'official', family: y.familyName, given: [y.givenName] }],
    ...(y.gender && FHIR_GENDERS.includes(y.gender) ? { gender: y.gender } : {}),
    birthDate: y.dateOfBirth,
    ...(y.postcode ? { address: [{ use: 'home', postalCode: y.postcode }] } : {}),
    ...(p
      ? {
          contact: [
            {
              relationship: [{ text: p.relationship }],
              name: { text: p.name },
              ...(p.phone || p.email
                ? {
                    telecom: [
                      ...(p.phone ? [{ system: 'phone', value: p.phone }] : []),
                      ...(p.email ? [{ system: 'email', value: p.email }] : []),
                    ],
                  }
                : {}),
            },
          ],
        }
      : {}),
  };
}

/** The legal basis of the share: a Consent resource when consent, else a note naming the safeguarding grounds. */
function consentOf(m: HandoffRequestMessageV1, id: string, patient: string): Resource | undefined {
  const s = m.sharedUnder;
  if (s.basis !== 'consent') return undefined;
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }], text: s.consentScope }],
    patient: { reference: urn(patient) },
    dateTime: s.consentedAt,
    performer: [{ display: s.givenBy }],
    policyRule: { text: s.consentBasis },
    provision: { type: 'permit', purpose: [{ system: SERVICE_SYSTEMS.handoffTarget, code: m.target }] },
  };
}

function serviceRequestOf(m: HandoffRequestMessageV1, ids: ReturnType<typeof idsOf>): Resource {
  const safeguarding =
    m.sharedUnder.basis === 'safeguarding'
      ? [{ text: `Shared without consent on safeguarding grounds: ${m.sharedUnder.justification}` }]
      : [];
  return {
    resourceType: 'ServiceRequest',
    id: ids.request,
    meta: profile('ServiceRequest'),
    identifier: [
      { system: SERVICE_SYSTEMS.handoff, value: m.handoffId },
      { system: SERVICE_SYSTEMS.referral, value: m.referralId },
    ],
    status: 'active',
    intent: 'order',
    priority: m.urgency === 'urgent' ? 'urgent' : 'routine',
    code: {
      coding: [{ system: SERVICE_SYSTEMS.handoffTarget, code: m.target, display: TARGETS[m.target] }],
      text: `Referral to ${TARGETS[m.target]}`,
    },
    subject: { reference: urn(ids.patient) },
    authoredOn: m.requestedAt,
    ...(m.linkWorkerId
      ? { requester: { identifier: { system: SERVICE_SYSTEMS.linkWorker, value: m.linkWorkerId } } }
      : {}),
    reasonCode: [
      { text: m.reason },
      ...(m.referral.reasons ?? []).map((r) => ({ text: r.replace(/_/g, ' ') })),
    ],
    ...(m.sharedUnder.basis === 'consent' ? { supportingInfo: [{ reference: urn(ids.consent) }] } : {}),
    ...(safeguarding.length ? { note: safeguarding } : {}),
  };
}

/** The waiting clocks as Task inputs: when the referral was received, accepted, first and second contact, help. */
function clockInputs(m: HandoffRequestMessageV1): Resource[] {
  const c = m.clocks;
  const at: [string, string | null][] = [
    ['received', c.receivedAt],
    ['accepted', c.acceptedAt],
    ['first_contact', c.firstContactAt],
    ['second_contact', c.secondContactAt],
    ['help_started', c.helpStartedAt],
  ];
  return at
    .filter((x): x is [string, string] => x[1] !== null)
    .map(([code, value]) => ({
      type: { coding: [{ system: SERVICE_SYSTEMS.clock, code }] },
      valueDateTime: value,
    }));
}

function taskOf(m: HandoffRequestMessageV1, ids: ReturnType<typeof idsOf>): Resource {
  return {
    resourceType: 'Task',
    id: ids.task,
    meta: profile('Task'),
    identifier: [{ system: SERVICE_SYSTEMS.handoff, value: m.handoffId }],
    status: 'requested',
    intent: 'order',
    priority: m.urgency === 'urgent' ? 'urgent' : 'routine',
    focus: { reference: urn(ids.request) },
    for: { reference: urn(ids.patient) },
    authoredOn: m.requestedAt,
    ...(clockInputs(m).length ? { input: clockInputs(m) } : {}),
  };
}

const messageHeader = (id: string, target: HandoffTarget, event: Resource, focus: string): Resource => ({
  resourceType: 'MessageHeader',
  id,
  meta: profile('MessageHeader'),
  eventCoding: event,
  destination: [{ name: TARGETS[target], endpoint: `${SERVICE}/handoff-target/${target}` }],
  source: { name: 'CYP social prescribing link worker service', endpoint: `${SERVICE}/fhir` },
  focus: [{ reference: urn(focus) }],
});

const bundle = (id: string, timestamp: string, entries: Resource[]): Resource => ({
  resourceType: 'Bundle',
  id,
  meta: profile('Bundle'),
  type: 'message',
  timestamp,
  entry: entries.map((resource) => ({ fullUrl: urn(String(resource.id)), resource })),
});

/**
 * A handoff as a FHIR R4 message Bundle, BaRS style: MessageHeader (servicerequest-request), a UK Core
 * ServiceRequest, the Patient, a Task tracking it and, when shared under consent, the Consent. Built
 * from the native message only, so it shares exactly what the native payload does (a school gets no
 * NHS number, address, parent contact or health reasons). Ids derive from the event: a resend is identical.
 */
export function handoffFhirMessage(m: HandoffRequestMessageV1, eventId: string): Resource {
  const ids = idsOf(eventId);
  const consent = consentOf(m, ids.consent, ids.patient);
  return bundle(ids.bundle, m.requestedAt, [
    messageHeader(ids.header, m.target, { ...BARS_EVENT }, ids.request),
    serviceRequestOf(m, ids),
    patientOf(m, ids.patient),
    taskOf(m, ids),
    ...(consent ? [consent] : []),
  ]);
}

/** A handoff's status change as a Task update: accepted (with the partner's reference) or rejected (with why). */
export function handoffTaskUpdate(
  update: { handoffId: string; referralId: string; target: HandoffTarget; at: string } & (
    { outcome: 'accepted'; reference?: string } | { outcome: 'rejected'; reason?: string }
  ),
  eventId: string,
): Resource {
  const ids = idsOf(eventId);
  const task: Resource = {
    resourceType: 'Task',
    id: ids.task,
    meta: profile('Task'),
    identifier: [
      { system: SERVICE_SYSTEMS.handoff, value: update.handoffId },
      ...(update.outcome === 'accepted' && update.reference ? [{ value: update.reference }] : []),
    ],
    basedOn: [{ identifier: { system: SERVICE_SYSTEMS.referral, value: update.referralId } }],
    status: update.outcome,
    intent: 'order',
    lastModified: update.at,
    ...(update.outcome === 'rejected' && update.reason ? { statusReason: { text: update.reason } } : {}),
  };
  const event = {
    system: SERVICE_SYSTEMS.messageEvents,
    code: 'handoff-status',
    display: 'Handoff status changed',
  };
  return bundle(ids.bundle, update.at, [messageHeader(ids.header, update.target, event, ids.task), task]);
}
