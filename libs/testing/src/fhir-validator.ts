import { Fhir } from 'fhir';

const fhir = new Fhir();

/**
 * Validates a FHIR R4 resource (a Bundle with its entries too) against the base specification's
 * structure definitions and value sets with the `fhir` package (FHIR.js), unknown elements being errors.
 * UK Core profiles are not checked here: see docs/fhir.md for why.
 */
export function fhirIssues(resource: unknown): string[] {
  const result = fhir.validate(resource as object, { errorOnUnexpected: true });
  return result.messages
    .filter((m) => ['error', 'fatal'].includes(String(m.severity)))
    .map(
      (m) =>
        `${m.resourceId === '#initial' ? '' : `${m.resourceId} `}${m.location ?? ''}: ${m.message ?? ''}`,
    );
}
