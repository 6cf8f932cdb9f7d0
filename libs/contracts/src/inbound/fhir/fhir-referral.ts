import type { ReferralSourceKind, Urgency, YoungPerson } from '@app/referral-domain';
import { Checker, compact, join } from '../../validation';
import type { Json } from '../../validation';
import type { NativeReferral } from '../native-referral';
import { indexResources, messageHeader } from './fhir-bundle';
import type { MessageHeaderFacts } from './fhir-bundle';
import { asJson, objectsOf, resolve, stringField } from './fhir-json';
import type { FhirResources } from './fhir-json';
import { parentCarer, youngPerson } from './fhir-patient';
import { fhirReasons } from './fhir-reasons';
import { requesterOf } from './fhir-requester';
import { REFERRAL_VALUE_SET_URL, isReferralConcept } from './terminology';

const URGENT = ['urgent', 'asap', 'stat'];

/** A FHIR referral mapped: the native referral, and the message facts of a message Bundle. */
export type MappedFhirReferral = {
  referral: NativeReferral;
  header?: MessageHeaderFacts;
  /** The ServiceRequest's own identifier (`system|value`) or id, for deriving a referral id. */
  requestIdentifier?: string;
};

/**
 * Maps a FHIR R4 (UK Core) referral to the native referral shape: a BaRS message Bundle (MessageHeader
 * first), a collection or transaction Bundle, or a lone ServiceRequest with its resources contained.
 * Nothing sent is dropped silently: reasons keep their codings and texts beside the service reason they
 * map to (docs/fhir.md); a rule broken is recorded in `c` naming the element.
 */
export function mapFhirReferral(
  c: Checker,
  value: unknown,
  path: string,
  sourceKind: ReferralSourceKind = 'gp',
): MappedFhirReferral | undefined {
  const root = c.object(value, path);
  if (!root) return undefined;
  const resources = indexResources(c, root, path);
  if (!resources) return undefined;
  const header = messageHeader(c, root, path);
  const request = theServiceRequest(c, resources, header, path);
  if (!request) return undefined;
  const { resource: sr, path: at } = request;
  checkReferralRequest(c, sr, at);
  const patient = patientOf(c, sr, at, resources);
  const requester = requesterOf(c, sr, at, resources);
  const reasons = fhirReasons(c, sr, at, resources);
  const referral: NativeReferral = compact({
    source: compact({
      kind: sourceKind,
      organisationCode: requester.organisationCode,
      referrerName: requester.referrerName,
    }),
    youngPerson: patient ? youngPerson(c, patient, 'Patient') : (undefined as unknown as YoungPerson),
    parentCarer: patient ? parentCarer(patient) : undefined,
    reasons: reasons?.reasons ?? [],
    reasonsAsSent: reasons?.reasonsAsSent,
    pcnCode: requester.pcnCode,
    urgency: urgencyOf(sr),
    notes: notes(sr),
  });
  return { referral, header, requestIdentifier: requestIdentifier(sr) };
}

/** The one ServiceRequest of the payload, which a message's MessageHeader must focus on. */
function theServiceRequest(
  c: Checker,
  resources: FhirResources,
  header: MessageHeaderFacts | undefined,
  path: string,
): FhirResources['all'][number] | undefined {
  const requests = resources.all.filter((e) => e.resource.resourceType === 'ServiceRequest');
  const [request, ...others] = requests;
  if (!request || others.length)
    return c.fail(path, `must hold exactly one ServiceRequest, found ${requests.length}`);
  if (header?.focus && resolve(resources, { reference: header.focus }) !== request.resource)
    c.fail('MessageHeader.focus', 'must reference the ServiceRequest in the Bundle');
  return request;
}

/** An active order for a social prescribing referral (ServiceRequest.code in the service's ValueSet). */
function checkReferralRequest(c: Checker, sr: Json, at: string): void {
  if (sr.status !== 'active')
    c.fail(join(at, 'status'), 'must be active: draft, revoked and completed requests are not referrals');
  if (sr.intent !== 'order') c.fail(join(at, 'intent'), 'must be order');
  const codings = objectsOf(asJson(sr.code)?.coding).map((k) => ({
    system: stringField(k, 'system'),
    code: stringField(k, 'code'),
  }));
  if (!codings.some(isReferralConcept))
    c.fail(
      join(at, 'code'),
      `must code a social prescribing referral: a SNOMED CT concept of ValueSet ${REFERRAL_VALUE_SET_URL}`,
    );
}

/** The resource the ServiceRequest's subject names; an issue is recorded unless it is a Patient. */
function patientOf(c: Checker, sr: Json, at: string, resources: FhirResources): Json | undefined {
  const patient = resolve(resources, sr.subject);
  if (patient?.resourceType !== 'Patient')
    return c.fail(join(at, 'subject'), 'must reference the Patient, included in the Bundle or contained');
  return patient;
}

function urgencyOf(sr: Json): Urgency {
  return URGENT.includes(String(sr.priority)) ? 'urgent' : 'routine';
}

function notes(sr: Json): string | undefined {
  const texts = objectsOf(sr.note)
    .map((n) => n.text)
    .filter((t): t is string => typeof t === 'string');
  return texts.length ? texts.join('\n\n') : undefined;
}

function requestIdentifier(sr: Json): string | undefined {
  const identifier = objectsOf(sr.identifier).find((i) => typeof i.value === 'string');
  if (identifier) return `${stringField(identifier, 'system') ?? ''}|${String(identifier.value)}`;
  return stringField(sr, 'id');
}
