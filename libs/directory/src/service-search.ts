import type { DirectoryDb } from './directory.tables';
import type { ServiceFilter } from './directory.queries';
import { boundingBox } from './geo';
import type { Point } from './geo';

const escapeLike = (word: string) => word.replace(/[%_\\]/g, (c) => `\\${c}`);

/** The age range a filter asks for: services whose maximum is not below `lowest` and minimum not above `highest`. */
const agesOf = (f: ServiceFilter) => ({ lowest: f.age ?? f.minimumAge, highest: f.age ?? f.maximumAge });

/** Services by their own columns: words of name and description, organisation, change date and, if asked, ages. */
export function byOwnColumns(db: DirectoryDb, f: ServiceFilter, withAges: boolean) {
  let query = db.selectFrom('directory_service as s');
  for (const word of (f.search ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8))
    query = query.where('s.search_text', 'like', `%${escapeLike(word)}%`);
  if (f.organizationId) query = query.where('s.organization_id', '=', f.organizationId);
  if (f.modifiedAfter) query = query.where('s.last_modified', '>', f.modifiedAfter);
  const { lowest, highest } = agesOf(f);
  if (withAges && lowest !== undefined) query = query.where('s.max_age', '>=', lowest);
  if (withAges && highest !== undefined) query = query.where('s.min_age', '<=', highest);
  return query;
}

/** Services with a term (`t.term_id`) or a term of a taxonomy (`t.taxonomy_id`) open to the filter's ages, as a subquery of ids. */
function tagged(db: DirectoryDb, f: ServiceFilter, column: 't.term_id' | 't.taxonomy_id', value: string) {
  const { lowest, highest } = agesOf(f);
  let ids = db.selectFrom('directory_service_term as t').select('t.service_id').where(column, '=', value);
  if (lowest !== undefined) ids = ids.where('t.max_age', '>=', lowest);
  if (highest !== undefined) ids = ids.where('t.min_age', '<=', highest);
  return ids;
}

/**
 * The ids of services with the term, and of services with a term of the taxonomy, as subqueries, each
 * open to the filter's ages: the term rows carry their service's ages, so one covering index answers both.
 */
export function byTerms(db: DirectoryDb, f: ServiceFilter) {
  return [
    ...(f.taxonomyTermId ? [tagged(db, f, 't.term_id', f.taxonomyTermId)] : []),
    ...(f.taxonomyId ? [tagged(db, f, 't.taxonomy_id', f.taxonomyId)] : []),
  ];
}

/** Whether the filter needs the service rows themselves (and not only their terms and locations). */
function needsServiceColumns(f: ServiceFilter, agesOnTerms: boolean): boolean {
  const { lowest, highest } = agesOf(f);
  const ages = lowest !== undefined || highest !== undefined;
  return Boolean(f.search || f.organizationId || f.modifiedAfter) || (ages && !agesOnTerms);
}

type Near = Point & { proximity: number };
export type Located = { id: string; latitude: number | null; longitude: number | null };

/** With a term: its services open to the age, in term order from one covering index, joined to their locations in the box. */
function termLocationsNear(db: DirectoryDb, f: ServiceFilter, termId: string, near: Near) {
  const box = boundingBox(near, near.proximity);
  const { lowest, highest } = agesOf(f);
  let query = db
    .selectFrom('directory_service_term as t')
    .innerJoin('directory_service_location as l', 'l.service_id', 't.service_id')
    .select(['l.service_id as id', 'l.latitude', 'l.longitude'])
    .where('t.term_id', '=', termId)
    .where('l.latitude', '>=', box.minLat)
    .where('l.latitude', '<=', box.maxLat)
    .where('l.longitude', '>=', box.minLng)
    .where('l.longitude', '<=', box.maxLng);
  if (lowest !== undefined) query = query.where('t.max_age', '>=', lowest);
  if (highest !== undefined) query = query.where('t.min_age', '<=', highest);
  if (f.taxonomyId) query = query.where('l.service_id', 'in', tagged(db, f, 't.taxonomy_id', f.taxonomyId));
  if (needsServiceColumns(f, true))
    query = query.where('l.service_id', 'in', byOwnColumns(db, f, false).select('s.id'));
  return query.execute();
}

/**
 * The locations (service id and coordinates) within the bounding box of `proximity` metres around the
 * point whose services match the filter. With a term, starts from the narrowest index: the term's
 * services open to the age, then their locations' coordinates, both read from covering indexes; the
 * service rows (wide, with their documents) only when a filter needs their own columns.
 */
export function locationsNear(db: DirectoryDb, f: ServiceFilter, near: Near): Promise<Located[]> {
  if (f.taxonomyTermId) return termLocationsNear(db, f, f.taxonomyTermId, near);
  const box = boundingBox(near, near.proximity);
  let query = db
    .selectFrom('directory_service_location as l')
    .select(['l.service_id as id', 'l.latitude', 'l.longitude'])
    .where('l.latitude', '>=', box.minLat)
    .where('l.latitude', '<=', box.maxLat)
    .where('l.longitude', '>=', box.minLng)
    .where('l.longitude', '<=', box.maxLng);
  const terms = byTerms(db, f);
  for (const ids of terms) query = query.where('l.service_id', 'in', ids);
  if (needsServiceColumns(f, terms.length > 0))
    query = query.where('l.service_id', 'in', byOwnColumns(db, f, terms.length === 0).select('s.id'));
  return query.execute();
}
