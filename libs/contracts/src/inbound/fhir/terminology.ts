import { REFERRAL_REASONS } from '@app/referral-domain';
import type { ReferralReason } from '@app/referral-domain';
import reasonMap from './data/snomed-to-referral-reason.conceptmap.json';
import referralCodes from './data/social-prescribing-referral.valueset.json';
import ethnicCategory from './data/uk-core-ethnic-category.json';
import { FHIR_SYSTEMS, asJson, listOf, objectsOf, stringField } from './fhir-json';

/**
 * The terminology the FHIR intake relies on, from versioned data files kept beside this module
 * (`data/`): a FHIR ConceptMap from SNOMED CT to the service's referral reasons, the ValueSet of concepts
 * accepted as `ServiceRequest.code`, and the UK Core ethnic categories. Change the data, bump its version.
 */
export type Coding = { system?: string; code?: string; display?: string };

const key = (system: string | undefined, code: string | undefined) => `${system ?? ''}|${code ?? ''}`;
const isReason = (code: unknown): code is ReferralReason =>
  (REFERRAL_REASONS as readonly unknown[]).includes(code);
/** ConceptMap equivalences that say the source and target do not correspond. */
const NOT_A_MATCH = new Set(['unmatched', 'disjoint']);

function conceptMapEntries(map: unknown): [string, ReferralReason][] {
  return objectsOf(asJson(map)?.group).flatMap((group) =>
    objectsOf(group.element).flatMap((element) => {
      const target = objectsOf(element.target).find(
        (t) => isReason(t.code) && !NOT_A_MATCH.has(String(t.equivalence)),
      );
      const source = stringField(group, 'source');
      const entry: [string, ReferralReason] = [
        key(source, stringField(element, 'code')),
        target?.code as ReferralReason,
      ];
      return target ? [entry] : [];
    }),
  );
}

const REASON_BY_CODING = new Map<string, ReferralReason>([
  ...conceptMapEntries(reasonMap),
  ...REFERRAL_REASONS.map((r): [string, ReferralReason] => [key(FHIR_SYSTEMS.referralReason, r), r]),
]);

const REFERRAL_CONCEPTS = new Set(
  objectsOf(asJson(referralCodes)?.compose && asJson(asJson(referralCodes)?.compose)?.include).flatMap(
    (include) =>
      objectsOf(include.concept).map((c) => key(stringField(include, 'system'), stringField(c, 'code'))),
  ),
);

export const TERMINOLOGY_VERSIONS = {
  reasonConceptMap: `${String(reasonMap.url)}|${String(reasonMap.version)}`,
  referralValueSet: `${String(referralCodes.url)}|${String(referralCodes.version)}`,
  ethnicCategory: String(ethnicCategory.version),
};

/** The service reason a coding maps to, if the concept map (or the service's own code system) knows it. */
export const reasonOfCoding = (coding: Coding): ReferralReason | undefined =>
  REASON_BY_CODING.get(key(coding.system, coding.code));

/** Whether a coding is one of the concepts accepted as a social prescribing referral. */
export const isReferralConcept = (coding: Coding): boolean =>
  REFERRAL_CONCEPTS.has(key(coding.system, coding.code));

/** The accepted referral concepts, for messages and the CapabilityStatement. */
export const REFERRAL_VALUE_SET_URL = String(referralCodes.url);

export const ETHNIC_CATEGORY = {
  extensionUrl: String(ethnicCategory.extensionUrl),
  systems: listOf(ethnicCategory.systems).map(String),
  /** The NHS Data Dictionary description of an ethnic category code (A to Z). */
  describe: (code: string | undefined): string | undefined =>
    code === undefined ? undefined : (ethnicCategory.codes as Record<string, string>)[code],
};
