import type { Kysely } from 'kysely';

export interface DirectoryServiceTable {
  id: string;
  name: string;
  status: string;
  organization_id: string | null;
  min_age: number | null;
  max_age: number | null;
  assured_date: string | null;
  last_modified: string;
  /** Name and description in lower case, for `search`. */
  search_text: string;
  /** The whole service as HSDS 3.0 JSON. */
  doc: string;
  content_hash: string;
}

export interface DirectoryServiceTermTable {
  service_id: string;
  term_id: string;
  taxonomy_id: string | null;
  /** The service's age range (0 and 999 when open), kept beside its terms so a search by term and age reads one index. */
  min_age: number | null;
  max_age: number | null;
}

export interface DirectoryServiceLocationTable {
  id: string;
  service_id: string;
  location_id: string | null;
  latitude: number | null;
  longitude: number | null;
  postcode: string | null;
  /** The service_at_location as HSDS JSON (with its location). */
  doc: string;
}

export interface DirectoryDocTable {
  id: string;
  name: string;
  doc: string;
}

export interface DirectoryTermTable {
  id: string;
  taxonomy_id: string | null;
  code: string | null;
  doc: string;
}

export interface DirectoryPostcodeTable {
  postcode: string;
  latitude: number;
  longitude: number;
}

/** The directory's own history: every change, by whom and when, with the content before and after. */
export interface DirectoryChangeTable {
  id: string;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  previous_hash: string | null;
  content_hash: string | null;
  /** The entity as it was before the change (JSON), so any version can be seen again. */
  previous_doc: string | null;
}

export type DirectoryTables = {
  directory_service: DirectoryServiceTable;
  directory_service_term: DirectoryServiceTermTable;
  directory_service_location: DirectoryServiceLocationTable;
  directory_organization: DirectoryDocTable;
  directory_taxonomy: DirectoryDocTable;
  directory_taxonomy_term: DirectoryTermTable;
  directory_postcode: DirectoryPostcodeTable;
  directory_change: DirectoryChangeTable;
};

export type DirectoryDb = Kysely<DirectoryTables>;

/** Creates the directory's tables and indexes when missing (SQLite and PostgreSQL alike). */
export async function migrateDirectory(db: DirectoryDb): Promise<void> {
  await db.schema
    .createTable('directory_service')
    .ifNotExists()
    .addColumn('id', 'varchar(250)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(40)', (c) => c.notNull())
    .addColumn('organization_id', 'varchar(250)')
    .addColumn('min_age', 'real')
    .addColumn('max_age', 'real')
    .addColumn('assured_date', 'varchar(40)')
    .addColumn('last_modified', 'varchar(40)', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('directory_service_term')
    .ifNotExists()
    .addColumn('service_id', 'varchar(250)', (c) => c.notNull())
    .addColumn('term_id', 'varchar(250)', (c) => c.notNull())
    .addColumn('taxonomy_id', 'varchar(250)')
    .addPrimaryKeyConstraint('directory_service_term_pk', ['service_id', 'term_id'])
    .execute();
  await db.schema
    .createTable('directory_service_location')
    .ifNotExists()
    .addColumn('id', 'varchar(250)', (c) => c.primaryKey())
    .addColumn('service_id', 'varchar(250)', (c) => c.notNull())
    .addColumn('location_id', 'varchar(250)')
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('postcode', 'varchar(10)')
    .addColumn('doc', 'text', (c) => c.notNull())
    .execute();
  for (const table of ['directory_organization', 'directory_taxonomy'] as const)
    await db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn('id', 'varchar(250)', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .execute();
  await db.schema
    .createTable('directory_taxonomy_term')
    .ifNotExists()
    .addColumn('id', 'varchar(250)', (c) => c.primaryKey())
    .addColumn('taxonomy_id', 'varchar(250)')
    .addColumn('code', 'varchar(250)')
    .addColumn('doc', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('directory_postcode')
    .ifNotExists()
    .addColumn('postcode', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('latitude', 'real', (c) => c.notNull())
    .addColumn('longitude', 'real', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('directory_change')
    .ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('entity', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(250)', (c) => c.notNull())
    .addColumn('action', 'varchar(20)', (c) => c.notNull())
    .addColumn('previous_hash', 'varchar(64)')
    .addColumn('content_hash', 'varchar(64)')
    .addColumn('previous_doc', 'text')
    .execute();
  // Rows stored before open-ended ranges were kept as 0 and 999.
  await db.updateTable('directory_service').set({ min_age: 0 }).where('min_age', 'is', null).execute();
  await db.updateTable('directory_service').set({ max_age: 999 }).where('max_age', 'is', null).execute();
  await migrateSearchColumns(db);
  for (const [name, table, columns] of [
    ['directory_service_status', 'directory_service', ['status', 'name', 'id']],
    ['directory_service_org', 'directory_service', ['organization_id']],
    ['directory_service_modified', 'directory_service', ['last_modified']],
    ['directory_service_ages', 'directory_service', ['min_age', 'max_age']],
    ['directory_service_term_term_ages', 'directory_service_term', ['term_id', ...AGES_THEN_SERVICE]],
    ['directory_service_term_taxonomy_ages', 'directory_service_term', ['taxonomy_id', ...AGES_THEN_SERVICE]],
    [
      'directory_location_service_place',
      'directory_service_location',
      ['service_id', 'latitude', 'longitude'],
    ],
    ['directory_location_lat', 'directory_service_location', ['latitude', 'longitude']],
    ['directory_change_entity', 'directory_change', ['entity', 'entity_id', 'at']],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(table)
      .columns([...columns])
      .execute();
}

const AGES_THEN_SERVICE = ['min_age', 'max_age', 'service_id'] as const;

/**
 * What searches by term, age and place read (issue 19: 10,000 services, p99 under 20 ms): the service's
 * ages on its term rows, so term and age are one covering index; and indexes holding service id and
 * coordinates (locations) or term, ages and service id (terms), so no wide row is read to filter. Adds
 * the columns to a directory made before them, fills them from the services, and drops the indexes the
 * new ones replace.
 */
async function migrateSearchColumns(db: DirectoryDb): Promise<void> {
  for (const column of ['min_age', 'max_age'] as const) {
    try {
      await db.schema.alterTable('directory_service_term').addColumn(column, 'real').execute();
    } catch (error) {
      if (!/duplicate column|already exists/i.test((error as Error).message)) throw error;
    }
  }
  await db
    .updateTable('directory_service_term')
    .set((eb) => ({
      min_age: eb
        .selectFrom('directory_service as s')
        .select('s.min_age')
        .whereRef('s.id', '=', 'directory_service_term.service_id'),
      max_age: eb
        .selectFrom('directory_service as s')
        .select('s.max_age')
        .whereRef('s.id', '=', 'directory_service_term.service_id'),
    }))
    .where('min_age', 'is', null)
    .execute();
  for (const replaced of [
    'directory_service_term_term',
    'directory_service_term_taxonomy',
    'directory_location_service',
  ])
    await db.schema.dropIndex(replaced).ifExists().execute();
}
