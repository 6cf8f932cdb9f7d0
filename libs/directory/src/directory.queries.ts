import { distanceMetres } from './geo';
import type { Point } from './geo';
import type { HsdsPage, HsdsService } from './hsds.types';
import type { DirectoryDb } from './directory.tables';
import { byOwnColumns, byTerms, locationsNear } from './service-search';

/** What a list of services may be narrowed to (the HSDS/ORUK API's filters). */
export type ServiceFilter = {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: string;
  /** Services whose age range includes this age. */
  age?: number;
  /** Services open to someone at least this old (their maximum age is not below it). */
  minimumAge?: number;
  /** Services open to someone at most this old (their minimum age is not above it). */
  maximumAge?: number;
  /** Services with a location within `proximity` metres of the point, nearest first. */
  near?: Point & { proximity: number };
};

export type Paging = { page: number; perPage: number };
export type ServiceHit = HsdsService & { distance?: number };
/** A service as stored: its HSDS document as JSON text, with what a reader adds to it (distance, freshness). */
export type StoredServiceHit = { id: string; doc: string; assuredDate: string | null; distance?: number };

const page = <T>(contents: T[], total: number, { page: n, perPage }: Paging): HsdsPage<T> => {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: n,
    size: contents.length,
    first_page: n === 1,
    last_page: n >= totalPages,
    empty: contents.length === 0,
    contents,
  };
};

const parse = <T>(doc: string): T => JSON.parse(doc) as T;

const hitOf = (r: StoredServiceHit): ServiceHit => ({
  ...parse<HsdsService>(r.doc),
  ...(r.distance === undefined ? {} : { distance: r.distance }),
});

/**
 * A page as JSON text with each service's stored document spliced in whole, `extra` fields appended to
 * each: the documents are never parsed and serialised again, which is most of a search's cost.
 */
export function servicePageJson(
  found: HsdsPage<StoredServiceHit>,
  extra: (hit: StoredServiceHit) => Record<string, unknown>,
): string {
  const { contents, ...paging } = found;
  const items = contents.map((hit) => {
    const fields = { ...(hit.distance === undefined ? {} : { distance: hit.distance }), ...extra(hit) };
    const tail = Object.entries(fields).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    return tail.length ? `${hit.doc.slice(0, -1)},${tail.join(',')}}` : hit.doc;
  });
  return `${JSON.stringify(paging).slice(0, -1)},"contents":[${items.join(',')}]}`;
}

/** The directory's reads: services by filter and distance, the other entities by page, postcodes and history. */
export class DirectoryQueries {
  constructor(protected readonly db: DirectoryDb) {}

  /** Services matching the filter (search, organisation, change date, ages, term, taxonomy). */
  private filtered(f: ServiceFilter) {
    let query = byOwnColumns(this.db, f, true).select(['s.id', 's.doc', 's.assured_date as assuredDate']);
    for (const ids of byTerms(this.db, f)) query = query.where('s.id', 'in', ids);
    return query;
  }

  async serviceCount(): Promise<number> {
    const row = await this.db
      .selectFrom('directory_service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async service(id: string): Promise<HsdsService | undefined> {
    const row = await this.db
      .selectFrom('directory_service')
      .select('doc')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? parse<HsdsService>(row.doc) : undefined;
  }

  /** Services matching the filter: nearest first when a location is given, else by name. */
  async services(filter: ServiceFilter, paging: Paging): Promise<HsdsPage<ServiceHit>> {
    const found = await this.storedServices(filter, paging);
    return { ...found, contents: found.contents.map(hitOf) };
  }

  /** As `services`, each service's document left as the stored JSON text (see `servicePageJson`). */
  async storedServices(filter: ServiceFilter, paging: Paging): Promise<HsdsPage<StoredServiceHit>> {
    if (filter.near) return this.nearest(filter, filter.near, paging);
    const query = this.filtered(filter);
    const total = await query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const rows = await query
      .orderBy('s.name')
      .orderBy('s.id')
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
      .execute();
    return page(rows, Number(total?.n ?? 0), paging);
  }

  /** Services within the distance of a point (bounding box in SQL, exact distance here), nearest first. */
  private async nearest(
    filter: ServiceFilter,
    near: Point & { proximity: number },
    paging: Paging,
  ): Promise<HsdsPage<StoredServiceHit>> {
    // Ids and coordinates only: the documents of the page alone are read and parsed.
    const rows = await locationsNear(this.db, filter, near);
    const best = new Map<string, number>();
    for (const r of rows) {
      const distance = distanceMetres(near, { latitude: Number(r.latitude), longitude: Number(r.longitude) });
      const seen = best.get(r.id);
      if (distance <= near.proximity && (seen === undefined || distance < seen)) best.set(r.id, distance);
    }
    const sorted = [...best.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    const start = (paging.page - 1) * paging.perPage;
    const slice = sorted.slice(start, start + paging.perPage);
    const docs = new Map<string, { doc: string; assuredDate: string | null }>();
    if (slice.length)
      for (const r of await this.db
        .selectFrom('directory_service')
        .select(['id', 'doc', 'assured_date as assuredDate'])
        .where(
          'id',
          'in',
          slice.map(([id]) => id),
        )
        .execute())
        docs.set(r.id, r);
    const contents = slice.map(([id, distance]) => ({
      id,
      ...docs.get(id)!,
      distance: Math.round(distance),
    }));
    return page(contents, sorted.length, paging);
  }

  async docs(
    table: 'directory_organization' | 'directory_taxonomy',
    paging: Paging,
  ): Promise<HsdsPage<unknown>> {
    const q = this.db.selectFrom(table).select(['id', 'doc']);
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const rows = await q
      .orderBy('name')
      .orderBy('id')
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
      .execute();
    return page(
      rows.map((r) => parse<unknown>(r.doc)),
      Number(total?.n ?? 0),
      paging,
    );
  }

  async doc(
    table: 'directory_organization' | 'directory_taxonomy' | 'directory_taxonomy_term',
    id: string,
  ): Promise<unknown> {
    const row = await this.db.selectFrom(table).select('doc').where('id', '=', id).executeTakeFirst();
    return row ? parse<unknown>(row.doc) : undefined;
  }

  async terms(paging: Paging, taxonomyId?: string): Promise<HsdsPage<unknown>> {
    let q = this.db.selectFrom('directory_taxonomy_term').select(['id', 'doc']);
    if (taxonomyId) q = q.where('taxonomy_id', '=', taxonomyId);
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const rows = await q
      .orderBy('id')
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
      .execute();
    return page(
      rows.map((r) => parse<unknown>(r.doc)),
      Number(total?.n ?? 0),
      paging,
    );
  }

  async serviceAtLocations(paging: Paging, near?: Point & { proximity: number }): Promise<HsdsPage<unknown>> {
    const rows = await this.db
      .selectFrom('directory_service_location')
      .select(['id', 'doc', 'latitude', 'longitude'])
      .orderBy('id')
      .execute();
    const within = near
      ? rows
          .map((r) => ({
            r,
            d:
              r.latitude === null || r.longitude === null
                ? Infinity
                : distanceMetres(near, { latitude: Number(r.latitude), longitude: Number(r.longitude) }),
          }))
          .filter((x) => x.d <= near.proximity)
          .sort((a, b) => a.d - b.d)
          .map((x) => x.r)
      : rows;
    const start = (paging.page - 1) * paging.perPage;
    return page(
      within.slice(start, start + paging.perPage).map((r) => parse<unknown>(r.doc)),
      within.length,
      paging,
    );
  }

  async serviceAtLocation(id: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('directory_service_location')
      .select('doc')
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? parse<unknown>(row.doc) : undefined;
  }
}
