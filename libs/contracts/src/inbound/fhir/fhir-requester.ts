import type { Checker, Json } from '../../validation';
import { join } from '../../validation';
import { asJson, display, humanName, objectsOf, odsCode, reference, resolve } from './fhir-json';
import type { FhirResources } from './fhir-json';

/** Who referred: the referring organisation's ODS code, its PCN's ODS code, and the referrer's name. */
export type Requester = { organisationCode?: string; pcnCode?: string; referrerName?: string };

const REQUESTER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization'];

/** An Organization as a Reference or resource: the resource when the payload holds it, else the Reference itself. */
const organisation = (resources: FhirResources, ref: unknown): Json | undefined =>
  resolve(resources, ref) ?? asJson(ref);

/** The ODS code of the organisation a reference (or resource) names: its identifier, resolved or logical. */
const odsOf = (resources: FhirResources, ref: unknown): string | undefined =>
  odsCode(organisation(resources, ref)?.identifier);

/** The PCN: the ODS code of the organisation the referring organisation is `partOf`. */
const pcnOf = (resources: FhirResources, org: Json | undefined): string | undefined =>
  org ? odsOf(resources, org.partOf)?.toUpperCase() : undefined;

/** A PractitionerRole in the payload for this Practitioner, which names their organisation. */
function roleOf(resources: FhirResources, practitioner: Json): Json | undefined {
  const refs = new Set(
    [...resources.byRef.entries()].filter(([, r]) => r === practitioner).map(([ref]) => ref),
  );
  return resources.all
    .map((e) => e.resource)
    .find((r) => r.resourceType === 'PractitionerRole' && refs.has(reference(r.practitioner) ?? ''));
}

function fromOrganisation(resources: FhirResources, org: Json | undefined, name?: string): Requester {
  return { organisationCode: odsOf(resources, org), pcnCode: pcnOf(resources, org), referrerName: name };
}

function fromRole(resources: FhirResources, role: Json, name?: string): Requester {
  const practitioner = resolve(resources, role.practitioner);
  const org = organisation(resources, role.organization);
  const who = name ?? humanName(objectsOf(practitioner?.name)[0]) ?? display(role.practitioner);
  return fromOrganisation(resources, org, who ?? display(role.organization));
}

/**
 * The requester as a Practitioner (their organisation from a PractitionerRole in the payload), a
 * PractitionerRole (its organisation and practitioner), or an Organization; a Reference that only
 * carries an ODS identifier counts as the organisation. The PCN is the organisation's `partOf`.
 */
export function requesterOf(c: Checker, sr: Json, at: string, resources: FhirResources): Requester {
  const ref = asJson(sr.requester);
  if (!ref) return {};
  const path = join(at, 'requester');
  const resource = resolve(resources, ref);
  const name = display(ref);
  if (!resource) {
    if (reference(ref) && !odsCode(ref.identifier))
      c.fail(
        path,
        'must reference a Practitioner, PractitionerRole or Organization included in the Bundle or contained',
      );
    return fromOrganisation(resources, ref, name);
  }
  const type = String(resource.resourceType);
  if (!REQUESTER_TYPES.includes(type)) return c.fail(path, `must be a ${REQUESTER_TYPES.join(', ')}`) ?? {};
  if (type === 'Organization') return fromOrganisation(resources, resource, name);
  if (type === 'PractitionerRole') return fromRole(resources, resource, name);
  const role = roleOf(resources, resource);
  const who = name ?? humanName(objectsOf(resource.name)[0]);
  return role ? fromRole(resources, role, who) : { referrerName: who };
}
