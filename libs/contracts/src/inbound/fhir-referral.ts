import { REFERRAL_REASONS, REFERRAL_SOURCE_KINDS } from '@app/referral-domain';
import type {
  ParentCarer,
  ReferralReason,
  ReferralSourceKind,
  Urgency,
  YoungPerson,
} from '@app/referral-domain';
import { Checker, compact, join } from '../validation';
import type { Json } from '../validation';
import type { NativeReferral } from './native-referral';

/** FHIR identifier systems and code systems the mapping reads (see docs/domain.md#snomed-ct-and-fhir-codes). */
export const FHIR_SYSTEMS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
  /** This service's referral reasons, for senders that code them directly. */
  referralReason: 'https://cyp-social-prescribing.nhs.example/CodeSystem/referral-reason',
} as const;

const URGENT = ['urgent', 'asap', 'stat'];
const RELATIONSHIPS: Record<string, string> = {
  MTH: 'mother',
  FTH: 'father',
  PRN: 'parent',
  GRD: 'guardian',
  FAMMEMB: 'family member',
  NOK: 'next of kin',
};

type Resources = { byRef: Map<string, Json>; serviceRequests: { resource: Json; path: string }[] };

/**
 * Maps a FHIR R4 (UK Core) referral, a Bundle holding one ServiceRequest and the Patient it names, or a
 * ServiceRequest with the Patient contained, to the native referral shape. The requester's ODS code becomes
 * the source organisation, and its `partOf` ODS code the PCN. Reasons coded in this service's code system,
 * or whose text is one of its reasons, map to that reason; any other reason maps to `other`.
 */
export function mapFhirReferral(
  c: Checker,
  value: unknown,
  path: string,
  sourceKind: ReferralSourceKind = 'gp',
): NativeReferral | undefined {
  const root = c.object(value, path);
  if (!root) return undefined;
  const resources = index(c, root, path);
  if (!resources) return undefined;
  const [request, ...others] = resources.serviceRequests;
  if (!request || others.length)
    return c.fail(path, `must hold exactly one ServiceRequest, found ${resources.serviceRequests.length}`);
  const sr = request.resource;
  const at = request.path;
  checkActiveOrder(c, sr, at);
  const patient = patientOf(c, sr, at, resources);
  const requester = requesterOf(sr, resources);
  return compact({
    source: compact({
      kind: sourceKind,
      organisationCode: odsCode(requester?.identifier),
      referrerName: display(sr.requester),
    }),
    youngPerson: patient ? youngPerson(c, patient, 'Patient') : (undefined as unknown as YoungPerson),
    parentCarer: patient ? parentCarer(patient) : undefined,
    reasons: reasons(c, sr, at)!,
    pcnCode: pcnCode(requester),
    urgency: urgencyOf(sr),
    notes: notes(sr),
  });
}

function checkActiveOrder(c: Checker, sr: Json, at: string): void {
  if (sr.status !== 'active')
    c.fail(join(at, 'status'), 'must be active: draft, revoked and completed requests are not referrals');
  if (sr.intent !== 'order') c.fail(join(at, 'intent'), 'must be order');
}

/** The resource the ServiceRequest's subject names; an issue is recorded unless it is a Patient. */
function patientOf(c: Checker, sr: Json, at: string, resources: Resources): Json | undefined {
  const patientRef = reference(sr.subject);
  const patient = patientRef ? resources.byRef.get(patientRef) : undefined;
  if (!patient || patient.resourceType !== 'Patient')
    c.fail(join(at, 'subject'), 'must reference the Patient, included in the Bundle or contained');
  return patient;
}

function urgencyOf(sr: Json): Urgency {
  return URGENT.includes(String(sr.priority)) ? 'urgent' : 'routine';
}

/** The PCN is the ODS code of the organisation the requester is `partOf`. */
function pcnCode(requester: Json | undefined): string | undefined {
  return odsCode(asJson(requester?.partOf)?.identifier)?.toUpperCase();
}

function index(c: Checker, root: Json, path: string): Resources | undefined {
  const byRef = new Map<string, Json>();
  const serviceRequests: Resources['serviceRequests'] = [];
  const add = (resource: Json, at: string, fullUrl?: unknown) => {
    if (typeof fullUrl === 'string') byRef.set(fullUrl, resource);
    if (typeof resource.id === 'string')
      byRef.set(`${String(resource.resourceType)}/${resource.id}`, resource);
    if (resource.resourceType === 'ServiceRequest') serviceRequests.push({ resource, path: at });
    const contained = Array.isArray(resource.contained) ? resource.contained : [];
    for (const inner of contained.map(asJson))
      if (inner && typeof inner.id === 'string') byRef.set(`#${inner.id}`, inner);
  };
  if (root.resourceType === 'ServiceRequest') add(root, 'ServiceRequest');
  else if (root.resourceType === 'Bundle') {
    const entries = c.array(root, 'entry', path, { min: 1 }) ?? [];
    entries.forEach((entry, i) => {
      const resource = asJson(asJson(entry)?.resource);
      if (!resource) return c.fail(`${join(join(path, 'entry'), i)}.resource`, 'must be a FHIR resource');
      add(resource, String(resource.resourceType), asJson(entry)?.fullUrl);
    });
  } else return c.fail(join(path, 'resourceType'), 'must be Bundle or ServiceRequest');
  return { byRef, serviceRequests };
}

function youngPerson(c: Checker, patient: Json, at: string): YoungPerson {
  const names = listOf(patient.name)
    .map(asJson)
    .filter((n): n is Json => n !== undefined);
  const name = names.find((n) => n.use === 'official') ?? names[0];
  const given = listOf(name?.given)[0];
  const family = name?.family;
  if (typeof given !== 'string' || typeof family !== 'string')
    c.fail(join(at, 'name'), 'must have a given and a family name');
  const birthDate = patient.birthDate;
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate))
    c.fail(join(at, 'birthDate'), 'must be a full date YYYY-MM-DD');
  const addresses = listOf(patient.address).map(asJson);
  const address = addresses.find((a) => a?.use === 'home') ?? addresses[0];
  return compact({
    givenName: String(given),
    familyName: String(family),
    dateOfBirth: String(birthDate),
    nhsNumber: identifierValue(patient.identifier, FHIR_SYSTEMS.nhsNumber),
    postcode: stringField(address, 'postalCode'),
    gender: stringField(patient, 'gender'),
  });
}

function parentCarer(patient: Json): ParentCarer | undefined {
  const contact = listOf(patient.contact)
    .map(asJson)
    .find((k) => k?.name !== undefined);
  if (!contact) return undefined;
  const telecom = listOf(contact.telecom).map(asJson);
  const contactPoint = (system: string) =>
    stringField(
      telecom.find((t) => t?.system === system),
      'value',
    );
  return compact({
    name: contactName(asJson(contact.name)),
    relationship: relationshipOf(asJson(listOf(contact.relationship)[0])),
    phone: contactPoint('phone'),
    email: contactPoint('email'),
  });
}

/** A HumanName's text, or else its given and family names joined. */
function contactName(name: Json | undefined): string {
  const text = name?.text;
  if (typeof text === 'string') return text;
  return [...listOf(name?.given), name?.family].filter((p) => typeof p === 'string').join(' ');
}

/** The relationship's code in words (v3 RoleCode), else its display or text, else the bare code. */
function relationshipOf(relationship: Json | undefined): string {
  const coding = asJson(listOf(relationship?.coding)[0]);
  const code = stringField(coding, 'code');
  return String(
    (code && RELATIONSHIPS[code]) ??
      stringField(coding, 'display') ??
      stringField(relationship, 'text') ??
      code ??
      'unknown',
  );
}

function reasons(c: Checker, sr: Json, at: string): ReferralReason[] | undefined {
  const concepts = c.array(sr, 'reasonCode', at, { min: 1 });
  if (!concepts) return undefined;
  const known = REFERRAL_REASONS as readonly string[];
  const mapped = concepts.map(asJson).map((concept): ReferralReason => {
    const codings = listOf(concept?.coding).map(asJson);
    const coded = codings.find(
      (k) => k?.system === FHIR_SYSTEMS.referralReason && known.includes(String(k.code)),
    )?.code;
    const text =
      typeof concept?.text === 'string'
        ? concept.text
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_')
        : undefined;
    return (coded ?? (text && known.includes(text) ? text : 'other')) as ReferralReason;
  });
  return [...new Set(mapped)];
}

function notes(sr: Json): string | undefined {
  const texts = listOf(sr.note)
    .map((n) => asJson(n)?.text)
    .filter((t): t is string => typeof t === 'string');
  return texts.length ? texts.join('\n\n') : undefined;
}

function requesterOf(sr: Json, resources: Resources): Json | undefined {
  const requester = asJson(sr.requester);
  if (!requester) return undefined;
  const ref = reference(requester);
  return (ref ? resources.byRef.get(ref) : undefined) ?? requester;
}

const asJson = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
/** The items of a JSON array, or none when the value is not an array. */
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** `value[key]` when `value` is an object and that field is a string. */
const stringField = (value: unknown, key: string): string | undefined => {
  const field = asJson(value)?.[key];
  return typeof field === 'string' ? field : undefined;
};
const reference = (value: unknown): string | undefined => stringField(value, 'reference');
const display = (value: unknown): string | undefined => stringField(value, 'display');

function identifierValue(identifiers: unknown, system: string): string | undefined {
  const list = Array.isArray(identifiers) ? identifiers : [identifiers];
  const found = list.map(asJson).find((i) => i?.system === system)?.value;
  return typeof found === 'string' ? found : undefined;
}

const odsCode = (identifier: unknown): string | undefined =>
  identifierValue(identifier, FHIR_SYSTEMS.odsOrganisation);

export const isSourceKind = (value: unknown): value is ReferralSourceKind =>
  (REFERRAL_SOURCE_KINDS as readonly unknown[]).includes(value);
