import type { ParentCarer, YoungPerson } from '@app/referral-domain';
import { compact, join } from '../../validation';
import type { Checker, Json } from '../../validation';
import {
  FHIR_SYSTEMS,
  LEGACY_NHS_NUMBER_SYSTEMS,
  asJson,
  humanName,
  identifierValue,
  listOf,
  objectsOf,
  stringField,
} from './fhir-json';
import { ETHNIC_CATEGORY } from './terminology';

const RELATIONSHIPS: Record<string, string> = {
  MTH: 'mother',
  FTH: 'father',
  PRN: 'parent',
  GRD: 'guardian',
  FAMMEMB: 'family member',
  NOK: 'next of kin',
};

/** The young person from the Patient: official name, birth date, NHS number, home postcode, gender, ethnic category. */
export function youngPerson(c: Checker, patient: Json, at: string): YoungPerson {
  const names = objectsOf(patient.name);
  const name = names.find((n) => n.use === 'official') ?? names[0];
  const given = listOf(name?.given)[0];
  const family = name?.family;
  if (typeof given !== 'string' || typeof family !== 'string')
    c.fail(join(at, 'name'), 'must have a given and a family name');
  const birthDate = patient.birthDate;
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate))
    c.fail(join(at, 'birthDate'), 'must be a full date YYYY-MM-DD');
  const addresses = objectsOf(patient.address);
  const address = addresses.find((a) => a.use === 'home') ?? addresses[0];
  return compact({
    givenName: String(given),
    familyName: String(family),
    dateOfBirth: String(birthDate),
    nhsNumber: nhsNumber(c, patient, at),
    postcode: stringField(address, 'postalCode'),
    gender: stringField(patient, 'gender'),
    ethnicity: ethnicity(c, patient, at),
  });
}

/** The NHS number under the current system; one only under a retired system is refused, never dropped. */
function nhsNumber(c: Checker, patient: Json, at: string): string | undefined {
  const current = identifierValue(patient.identifier, FHIR_SYSTEMS.nhsNumber);
  if (current !== undefined) return current;
  const identifiers = listOf(patient.identifier);
  const legacy = identifiers.findIndex((i) => LEGACY_NHS_NUMBER_SYSTEMS.includes(String(asJson(i)?.system)));
  if (legacy >= 0)
    c.fail(
      `${join(join(at, 'identifier'), legacy)}.system`,
      `is a retired NHS number system: send the NHS number with system ${FHIR_SYSTEMS.nhsNumber}`,
    );
  return undefined;
}

/** The UK Core ethnic category extension as the NHS Data Dictionary description of its code. */
function ethnicity(c: Checker, patient: Json, at: string): string | undefined {
  const extensions = listOf(patient.extension);
  const i = extensions.findIndex((e) => asJson(e)?.url === ETHNIC_CATEGORY.extensionUrl);
  if (i < 0) return undefined;
  const path = `${join(join(at, 'extension'), i)}(EthnicCategory).valueCodeableConcept`;
  const concept = asJson(asJson(extensions[i])?.valueCodeableConcept);
  const coding = objectsOf(concept?.coding).find((k) => ETHNIC_CATEGORY.systems.includes(String(k.system)));
  const described = ETHNIC_CATEGORY.describe(stringField(coding, 'code'));
  if (described) return described;
  const text = stringField(concept, 'text') ?? stringField(coding, 'display');
  if (text?.trim()) return text.trim().slice(0, 80);
  return c.fail(path, `must code an NHS ethnic category (${ETHNIC_CATEGORY.systems[0]}) or give its text`);
}

export function parentCarer(patient: Json): ParentCarer | undefined {
  const contact = objectsOf(patient.contact).find((k) => k.name !== undefined);
  if (!contact) return undefined;
  const telecom = objectsOf(contact.telecom);
  const contactPoint = (system: string) =>
    stringField(
      telecom.find((t) => t.system === system),
      'value',
    );
  return compact({
    name: humanName(asJson(contact.name)) ?? '',
    relationship: relationshipOf(objectsOf(contact.relationship)[0]),
    phone: contactPoint('phone'),
    email: contactPoint('email'),
  });
}

/** The relationship's code in words (v3 RoleCode), else its display or text, else the bare code. */
function relationshipOf(relationship: Json | undefined): string {
  const coding = objectsOf(relationship?.coding)[0];
  const code = stringField(coding, 'code');
  return String(
    (code && RELATIONSHIPS[code]) ??
      stringField(coding, 'display') ??
      stringField(relationship, 'text') ??
      code ??
      'unknown',
  );
}
