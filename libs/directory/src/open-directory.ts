import { join } from 'node:path';
import { openPostgresDatabase, openSqliteDatabase } from '@app/read-models';
import type { ReadModelSettings } from '@app/read-models';
import { DirectoryStore } from './directory-editing';
import { migrateDirectory } from './directory.tables';
import { migrateServiceReports } from './service-reports';
import type { DirectoryDb, DirectoryTables } from './directory.tables';

/**
 * Opens the directory in the configured read-model store: `directory.sqlite` in DATA_DIR by default (a
 * file of its own, so rebuilding the read models never touches it), or the read models' PostgreSQL.
 */
export async function openDirectory(
  settings: ReadModelSettings,
  dataDir: string,
): Promise<{ store: DirectoryStore; close: () => Promise<void> }> {
  let db: DirectoryDb;
  if (settings.kind === 'sqlite') {
    db = openSqliteDatabase<DirectoryTables>(join(dataDir, 'directory.sqlite'), 'FULL');
    await migrateDirectoryStore(db);
  } else {
    const { url, schema, poolSize, connectTimeoutMs } = settings.postgres;
    db = await openPostgresDatabase<DirectoryTables>(
      { connectionString: url, schema, poolSize: Math.min(poolSize, 4), connectTimeoutMs },
      { what: 'directory', applicationName: 'cyp-directory', migrate: migrateDirectoryStore },
    );
  }
  return { store: new DirectoryStore(db), close: () => db.destroy() };
}

/** Every table of the directory: services and their index, history, and link workers' reports. */
export async function migrateDirectoryStore(db: DirectoryDb): Promise<void> {
  await migrateDirectory(db);
  await migrateServiceReports(db);
}
