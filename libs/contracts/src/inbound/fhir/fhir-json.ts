import type { Json } from '../../validation';

/** FHIR identifier systems and code systems the mapping reads (see docs/fhir.md). */
export const FHIR_SYSTEMS = {
  nhsNumber: 'https://fhir.nhs.uk/Id/nhs-number',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
  snomed: 'http://snomed.info/sct',
  /** This service's referral reasons, for senders that code them directly. */
  referralReason: 'https://cyp-social-prescribing.nhs.example/CodeSystem/referral-reason',
} as const;

/**
 * NHS number identifier systems of retired specifications (DSTU2 CareConnect, HL7 v3 OIDs). A number sent
 * under one of them is refused with a reason, never dropped: the sender must move to `FHIR_SYSTEMS.nhsNumber`.
 */
export const LEGACY_NHS_NUMBER_SYSTEMS: readonly string[] = [
  'http://fhir.nhs.net/Id/nhs-number',
  'https://fhir.nhs.net/Id/nhs-number',
  'http://fhir.nhs.uk/Id/nhs-number',
  'urn:oid:2.16.840.1.113883.2.1.4.1',
];

export const asJson = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
/** The items of a JSON array, or none when the value is not an array. */
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** The objects of a JSON array (other items skipped). */
export const objectsOf = (value: unknown): Json[] =>
  listOf(value)
    .map(asJson)
    .filter((v): v is Json => v !== undefined);
/** `value[key]` when `value` is an object and that field is a string. */
export const stringField = (value: unknown, key: string): string | undefined => {
  const field = asJson(value)?.[key];
  return typeof field === 'string' ? field : undefined;
};
export const reference = (value: unknown): string | undefined => stringField(value, 'reference');
export const display = (value: unknown): string | undefined => stringField(value, 'display');

export function identifierValue(identifiers: unknown, system: string): string | undefined {
  const list = Array.isArray(identifiers) ? identifiers : [identifiers];
  const found = list.map(asJson).find((i) => i?.system === system)?.value;
  return typeof found === 'string' ? found : undefined;
}

export const odsCode = (identifier: unknown): string | undefined =>
  identifierValue(identifier, FHIR_SYSTEMS.odsOrganisation);

/** The resources of a FHIR payload by every way a reference may name them: fullUrl, Type/id and #contained. */
export type FhirResources = {
  byRef: Map<string, Json>;
  all: { resource: Json; path: string }[];
};

/** The resource a Reference names, when the payload holds it. */
export const resolve = (resources: FhirResources, ref: unknown): Json | undefined => {
  const target = reference(ref);
  return target ? resources.byRef.get(target) : undefined;
};

/** A HumanName as one line: its text, else its prefix, given and family names joined. */
export function humanName(name: Json | undefined): string | undefined {
  const text = stringField(name, 'text');
  if (text) return text;
  const parts = [...listOf(name?.prefix), ...listOf(name?.given), name?.family].filter(
    (p): p is string => typeof p === 'string',
  );
  return parts.length ? parts.join(' ') : undefined;
}
