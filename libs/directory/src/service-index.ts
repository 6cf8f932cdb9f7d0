import { canonicalJson, sha256 } from '@app/contracts';
import { normalisePostcode } from './geo';
import type { HsdsService, HsdsServiceAtLocation } from './hsds.types';
import type {
  DirectoryServiceLocationTable,
  DirectoryServiceTable,
  DirectoryServiceTermTable,
} from './directory.tables';

/** SHA-256 of the canonical JSON: the same content always hashes the same. */
export const contentHash = (value: unknown): string => sha256(canonicalJson(value));

const ageOf = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** A service's terms, each with the service's ages, so a search by term and age reads one index. */
function termRows(
  service: HsdsService,
  ages: { min_age: number; max_age: number },
): DirectoryServiceTermTable[] {
  const terms = new Map<string, DirectoryServiceTermTable>();
  for (const a of service.attributes ?? []) {
    const term = a.taxonomy_term;
    const termId = term?.id ?? a.taxonomy_term_id;
    if (!termId) continue;
    const taxonomyId = term?.taxonomy_id ?? term?.taxonomy_detail?.id ?? null;
    terms.set(termId, { service_id: service.id, term_id: termId, taxonomy_id: taxonomyId, ...ages });
  }
  return [...terms.values()];
}

function locationRow(service: HsdsService, sal: HsdsServiceAtLocation): DirectoryServiceLocationTable {
  const l = sal.location;
  const postal = l?.addresses?.find((a) => a.postal_code)?.postal_code;
  return {
    id: sal.id,
    service_id: service.id,
    location_id: l?.id ?? sal.location_id ?? null,
    latitude: ageOf(l?.latitude),
    longitude: ageOf(l?.longitude),
    postcode: postal ? (normalisePostcode(postal) ?? null) : null,
    doc: JSON.stringify({ ...sal, service_id: service.id }),
  };
}

/** The fields a reader appends to a stored document (see `servicePageJson`): never stored, so never twice. */
function withoutReaderFields(service: HsdsService): HsdsService {
  const { distance: _d, stale: _s, reported_issues: _r, ...stored } = service;
  return stored;
}

/** The rows a service is stored and searched as: the service, its taxonomy terms and its locations. */
export function serviceRows(service: HsdsService, lastModified: string, hash: string) {
  // Open-ended ranges stored as 0 and 999, so an age filter is two comparisons an index can use.
  const ages = { min_age: ageOf(service.minimum_age) ?? 0, max_age: ageOf(service.maximum_age) ?? 999 };
  const row: DirectoryServiceTable = {
    id: service.id,
    name: service.name,
    status: service.status,
    organization_id: service.organization?.id ?? service.organization_id ?? null,
    ...ages,
    assured_date: service.assured_date ?? null,
    last_modified: lastModified,
    search_text: `${service.name} ${service.description ?? ''}`.toLowerCase(),
    doc: JSON.stringify({ ...withoutReaderFields(service), last_modified: lastModified }),
    content_hash: hash,
  };
  const locations = (service.service_at_locations ?? []).map((sal) => locationRow(service, sal));
  return { row, terms: termRows(service, ages), locations };
}
