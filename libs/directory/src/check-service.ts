import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import serviceSchema from './hsds/schemas/compiled/service_with_definitions.json';
import type { HsdsService } from './hsds.types';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const hsdsService = ajv.compile(serviceSchema);

const inRange = (v: unknown, min: number, max: number) => typeof v === 'number' && v >= min && v <= max;

const badCoordinates = (s: HsdsService): string[] =>
  (s.service_at_locations ?? []).flatMap((sal, i) => {
    const l = sal.location;
    if (!l || (l.latitude === undefined && l.longitude === undefined)) return [];
    return inRange(l.latitude, -90, 90) && inRange(l.longitude, -180, 180)
      ? []
      : [
          `service_at_locations[${i}].location has invalid coordinates (latitude -90..90, longitude -180..180)`,
        ];
  });

const unknownTerms = (s: HsdsService, knownTerms: ReadonlySet<string>): string[] =>
  (s.attributes ?? []).flatMap((a, i) => {
    const id = a.taxonomy_term?.id ?? a.taxonomy_term_id;
    return id && !a.taxonomy_term && !knownTerms.has(id)
      ? [`attributes[${i}].taxonomy_term_id names an unknown taxonomy term`]
      : [];
  });

/** Rules HSDS leaves to the publisher that the directory relies on: ages, coordinates, taxonomy terms. */
function ruleProblems(s: HsdsService, knownTerms: ReadonlySet<string>): string[] {
  const ages =
    typeof s.minimum_age === 'number' && typeof s.maximum_age === 'number' && s.minimum_age > s.maximum_age
      ? ['minimum_age is greater than maximum_age']
      : [];
  return [...ages, ...badCoordinates(s), ...unknownTerms(s, knownTerms)];
}

/**
 * Whether a value is a service the directory can take: valid against the HSDS 3.0 service schema (the
 * compiled schema kept in ./hsds/schemas) and the directory's own rules. Problems name the field, never its value.
 */
export function checkService(
  value: unknown,
  knownTerms: ReadonlySet<string>,
): { service: HsdsService; problems: [] } | { service?: undefined; problems: string[] } {
  if (!hsdsService(value))
    return {
      problems: (hsdsService.errors ?? [])
        .slice(0, 10)
        .map(
          (e) =>
            `${e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(service)'} ${e.message ?? 'is invalid'}`,
        ),
    };
  const service = value as HsdsService;
  const problems = ruleProblems(service, knownTerms);
  return problems.length ? { problems } : { service, problems: [] };
}
