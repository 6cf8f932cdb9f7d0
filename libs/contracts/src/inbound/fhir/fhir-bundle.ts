import { join } from '../../validation';
import type { Checker, Json } from '../../validation';
import { asJson, listOf, objectsOf, reference, stringField } from './fhir-json';
import type { FhirResources } from './fhir-json';

/** Bundle types a referral may arrive in: a BaRS-style message, or a collection or transaction of its resources. */
export const REFERRAL_BUNDLE_TYPES = ['message', 'collection', 'transaction'] as const;

/** The BaRS message event for a new referral (MessageHeader.eventCoding). */
export const BARS_EVENT = {
  system: 'https://fhir.nhs.uk/CodeSystem/message-events-bars',
  code: 'servicerequest-request',
} as const;

/** What a message Bundle's MessageHeader says: the message id, the event, and the resource in focus. */
export type MessageHeaderFacts = { bundleId?: string; headerId?: string; focus?: string; sender?: string };

function add(resources: FhirResources, resource: Json, path: string, fullUrl?: unknown): void {
  if (typeof fullUrl === 'string') resources.byRef.set(fullUrl, resource);
  if (typeof resource.id === 'string')
    resources.byRef.set(`${String(resource.resourceType)}/${resource.id}`, resource);
  resources.all.push({ resource, path });
  for (const inner of objectsOf(resource.contained))
    if (typeof inner.id === 'string') resources.byRef.set(`#${inner.id}`, inner);
}

/**
 * Every resource of the payload (a Bundle's entries or a lone ServiceRequest with its contained
 * resources), indexed by the ways a reference may name it. A Bundle of another type is refused.
 */
export function indexResources(c: Checker, root: Json, path: string): FhirResources | undefined {
  const resources: FhirResources = { byRef: new Map(), all: [] };
  if (root.resourceType === 'ServiceRequest') {
    add(resources, root, 'ServiceRequest');
    return resources;
  }
  if (root.resourceType !== 'Bundle')
    return c.fail(join(path, 'resourceType'), 'must be Bundle or ServiceRequest');
  if (!(REFERRAL_BUNDLE_TYPES as readonly unknown[]).includes(root.type))
    c.fail(join(path, 'type'), `must be one of: ${REFERRAL_BUNDLE_TYPES.join(', ')}`);
  const entries = c.array(root, 'entry', path, { min: 1 }) ?? [];
  entries.forEach((entry, i) => {
    const resource = asJson(asJson(entry)?.resource);
    const at = `${join(join(path, 'entry'), i)}.resource`;
    if (!resource || typeof resource.resourceType !== 'string') return c.fail(at, 'must be a FHIR resource');
    add(resources, resource, resource.resourceType, asJson(entry)?.fullUrl);
  });
  return resources;
}

/**
 * A message Bundle's MessageHeader (its first entry, as FHIR messaging requires): a BaRS
 * `servicerequest-request` event whose focus is the ServiceRequest. Other Bundle types have none.
 */
export function messageHeader(c: Checker, root: Json, path: string): MessageHeaderFacts | undefined {
  if (root.resourceType !== 'Bundle' || root.type !== 'message') return undefined;
  const first = asJson(asJson(listOf(root.entry)[0])?.resource);
  const at = `${join(join(path, 'entry'), 0)}.resource`;
  if (first?.resourceType !== 'MessageHeader')
    return c.fail(at, 'must be the MessageHeader: a message Bundle starts with it');
  const event = asJson(first.eventCoding);
  if (event?.system !== BARS_EVENT.system || event?.code !== BARS_EVENT.code)
    c.fail(join(at, 'eventCoding'), `must be ${BARS_EVENT.system}|${BARS_EVENT.code} (a new referral)`);
  const focus = objectsOf(first.focus).map(reference);
  if (focus.length !== 1 || !focus[0]) c.fail(join(at, 'focus'), 'must reference the one ServiceRequest');
  return {
    bundleId: stringField(root, 'id'),
    headerId: stringField(first, 'id'),
    focus: focus[0],
    sender: stringField(asJson(first.sender), 'reference'),
  };
}
