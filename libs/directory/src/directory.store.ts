import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { DirectoryQueries } from './directory.queries';
import type { Point } from './geo';
import type { HsdsService, HsdsTaxonomyTerm } from './hsds.types';
import type { DirectoryDb, DirectoryTables } from './directory.tables';
import { contentHash, serviceRows } from './service-index';

export type UpsertOutcome = 'added' | 'changed' | 'unchanged';
type Trx = Transaction<DirectoryTables>;

/** What an editor's write requires of the service already there (POST: none; PUT: one, at this version). */
export type WriteGuard = { mustExist?: boolean; mustNotExist?: boolean; expectedVersion?: number };

/** A write the directory refuses: `code` is in docs/errors.md. */
export class DirectoryRefusal extends Error {
  constructor(
    readonly code:
      | 'DIRECTORY.SERVICE_EXISTS'
      | 'DIRECTORY.SERVICE_NOT_FOUND'
      | 'DIRECTORY.REPORT_NOT_FOUND'
      | 'DIRECTORY.REPORT_RESOLVED'
      | 'HTTP.STALE_VERSION',
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryRefusal';
  }
}
export type { Paging, ServiceFilter, ServiceHit, StoredServiceHit } from './directory.queries';

/**
 * The community directory: HSDS 3.0 services, organisations, locations and taxonomies in the configured
 * store, searched by text, taxonomy, age and distance. Every write records who changed what, when, and
 * the content before, in `directory_change`, so the directory has its own history.
 */
export class DirectoryWrites extends DirectoryQueries {
  constructor(db: DirectoryDb) {
    super(db);
  }

  /**
   * Adds or replaces a service (by id) in one transaction; the same content again changes nothing. A guard
   * (an editor's POST or PUT) is checked in the same transaction.
   */
  async upsertService(
    service: HsdsService,
    actor: string,
    now: string,
    guard: WriteGuard = {},
  ): Promise<UpsertOutcome> {
    return this.db.transaction().execute((trx) => this.upsertIn(trx, service, actor, now, guard));
  }

  /**
   * Adds or replaces many services (each by id, as `upsertService`) in one transaction: an import's
   * batch, so its cost is one commit, not one per service. The organisations and terms the services
   * share are written once per batch.
   */
  async upsertServices(
    services: readonly HsdsService[],
    actor: string,
    now: string,
  ): Promise<UpsertOutcome[]> {
    return this.db.transaction().execute(async (trx) => {
      const linked = new Map<string, string>();
      const outcomes: UpsertOutcome[] = [];
      for (const service of services)
        outcomes.push(await this.upsertIn(trx, service, actor, now, {}, linked));
      return outcomes;
    });
  }

  /** How many recorded changes the service has had: its version, for If-Match (0: never stored). */
  async serviceVersion(id: string, db: Trx | DirectoryDb = this.db): Promise<number> {
    const row = await db
      .selectFrom('directory_change')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('entity', '=', 'service')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  protected async upsertIn(
    trx: Trx,
    service: HsdsService,
    actor: string,
    now: string,
    guard: WriteGuard,
    linked = new Map<string, string>(),
  ): Promise<UpsertOutcome> {
    const { last_modified: _ignored, ...content } = service;
    const hash = contentHash(content);
    const existing = await trx
      .selectFrom('directory_service')
      .select(['content_hash', 'doc'])
      .where('id', '=', service.id)
      .executeTakeFirst();
    await this.check(trx, service.id, existing !== undefined, guard);
    if (existing?.content_hash === hash) return 'unchanged';
    const { row, terms, locations } = serviceRows(content, now, hash);
    await this.replaceService(trx, row, terms, locations);
    await this.keepLinked(trx, content, linked);
    await trx
      .insertInto('directory_change')
      .values({
        id: randomUUID(),
        at: now,
        actor,
        entity: 'service',
        entity_id: service.id,
        action: existing ? 'changed' : 'added',
        previous_hash: existing?.content_hash ?? null,
        content_hash: hash,
        previous_doc: existing?.doc ?? null,
      })
      .execute();
    return existing ? 'changed' : 'added';
  }

  private async check(trx: Trx, id: string, exists: boolean, guard: WriteGuard): Promise<void> {
    if (guard.mustNotExist && exists)
      throw new DirectoryRefusal(
        'DIRECTORY.SERVICE_EXISTS',
        `Service ${id} is already in the directory: PUT it`,
      );
    if (guard.mustExist && !exists)
      throw new DirectoryRefusal('DIRECTORY.SERVICE_NOT_FOUND', `No service ${id} in the directory: POST it`);
    if (guard.expectedVersion === undefined) return;
    const version = await this.serviceVersion(id, trx);
    if (version !== guard.expectedVersion)
      throw new DirectoryRefusal(
        'HTTP.STALE_VERSION',
        `Service ${id} is at version ${version}, not ${guard.expectedVersion}: reload it and edit again`,
      );
  }

  private async replaceService(
    trx: Trx,
    row: DirectoryTables['directory_service'],
    terms: DirectoryTables['directory_service_term'][],
    locations: DirectoryTables['directory_service_location'][],
  ): Promise<void> {
    await trx.deleteFrom('directory_service').where('id', '=', row.id).execute();
    await trx.deleteFrom('directory_service_term').where('service_id', '=', row.id).execute();
    await trx.deleteFrom('directory_service_location').where('service_id', '=', row.id).execute();
    await trx.insertInto('directory_service').values(row).execute();
    if (terms.length) await trx.insertInto('directory_service_term').values(terms).execute();
    if (locations.length) await trx.insertInto('directory_service_location').values(locations).execute();
  }

  /**
   * The service's organisation and taxonomy terms (and their taxonomies), as the service carries them;
   * `linked` holds what this transaction already wrote (by table and id), so the same content is written once.
   */
  private async keepLinked(trx: Trx, service: HsdsService, linked: Map<string, string>): Promise<void> {
    const fresh = (key: string, doc: unknown) => {
      const json = JSON.stringify(doc);
      if (linked.get(key) === json) return false;
      linked.set(key, json);
      return true;
    };
    const org = service.organization;
    if (org && fresh(`organization ${org.id}`, org))
      await this.putDoc(trx, 'directory_organization', org.id, org.name, org);
    for (const a of service.attributes ?? [])
      if (a.taxonomy_term && fresh(`term ${a.taxonomy_term.id}`, a.taxonomy_term))
        await this.putTerm(trx, a.taxonomy_term);
  }

  private async putDoc(
    trx: Trx,
    table: 'directory_organization' | 'directory_taxonomy',
    id: string,
    name: string,
    doc: unknown,
  ): Promise<void> {
    await trx.deleteFrom(table).where('id', '=', id).execute();
    await trx
      .insertInto(table)
      .values({ id, name, doc: JSON.stringify(doc) })
      .execute();
  }

  private async putTerm(trx: Trx, term: HsdsTaxonomyTerm): Promise<void> {
    const taxonomy = term.taxonomy_detail;
    const { taxonomy_detail: _detail, ...own } = term;
    const taxonomyId = term.taxonomy_id ?? taxonomy?.id ?? null;
    await trx.deleteFrom('directory_taxonomy_term').where('id', '=', term.id).execute();
    await trx
      .insertInto('directory_taxonomy_term')
      .values({
        id: term.id,
        taxonomy_id: taxonomyId,
        code: term.code ?? null,
        doc: JSON.stringify({ ...own, taxonomy_id: taxonomyId ?? undefined }),
      })
      .execute();
    if (taxonomy) await this.putDoc(trx, 'directory_taxonomy', taxonomy.id, taxonomy.name, taxonomy);
  }

  /** Loads taxonomies and terms given on their own (a taxonomy file), recorded like any change. */
  async upsertTaxonomies(
    taxonomies: { id: string; name: string }[],
    terms: HsdsTaxonomyTerm[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const t of taxonomies) await this.putDoc(trx, 'directory_taxonomy', t.id, t.name, t);
      for (const term of terms) await this.putTerm(trx, term);
    });
  }

  async knownTermIds(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('directory_taxonomy_term').select('id').execute();
    return new Set(rows.map((r) => r.id));
  }

  /** The term id of each code of a taxonomy (given by its `uri`), e.g. the needs taxonomy's reasons. */
  async needTerms(taxonomyUri: string): Promise<Map<string, string>> {
    const taxonomies = await this.db.selectFrom('directory_taxonomy').select(['id', 'doc']).execute();
    const taxonomy = taxonomies.find((t) => (JSON.parse(t.doc) as { uri?: string }).uri === taxonomyUri);
    if (!taxonomy) return new Map();
    const terms = await this.db
      .selectFrom('directory_taxonomy_term')
      .select(['id', 'code'])
      .where('taxonomy_id', '=', taxonomy.id)
      .execute();
    return new Map(terms.flatMap((t) => (t.code === null ? [] : [[t.code, t.id] as [string, string]])));
  }

  async postcode(postcode: string): Promise<Point | undefined> {
    const row = await this.db
      .selectFrom('directory_postcode')
      .select(['latitude', 'longitude'])
      .where('postcode', '=', postcode)
      .executeTakeFirst();
    return row ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : undefined;
  }

  async putPostcodes(rows: { postcode: string; latitude: number; longitude: number }[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        await trx.deleteFrom('directory_postcode').where('postcode', '=', r.postcode).execute();
        await trx.insertInto('directory_postcode').values(r).execute();
      }
    });
  }

  /** The recorded changes of one entity, oldest first. */
  async history(entity: string, id: string) {
    return this.db
      .selectFrom('directory_change')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }
}
