import { join } from 'node:path';
import type { ReadModelDb } from './database';
import { openSqliteReadModels } from './database';
import { PostgresLeadership } from './postgres/postgres-leadership';
import { openPostgresReadModels } from './postgres/postgres-read-models';
import { soleInstance } from './runner/leadership';
import type { Leadership } from './runner/leadership';

/** Where the read models live, as `@app/config` validates it from READ_MODEL_STORE and its settings. */
export type ReadModelSettings =
  | { kind: 'sqlite' }
  | {
      kind: 'postgres';
      postgres: { url: string; schema: string; poolSize: number; connectTimeoutMs: number };
    };

/** Opens the configured read models (`read-models.sqlite` in `dataDir`, or PostgreSQL), migrated. */
export function openReadModels(
  settings: ReadModelSettings,
  context: { dataDir: string },
): Promise<ReadModelDb> {
  if (settings.kind === 'sqlite') return openSqliteReadModels(join(context.dataDir, 'read-models.sqlite'));
  const { url, schema, poolSize, connectTimeoutMs } = settings.postgres;
  return openPostgresReadModels({ connectionString: url, schema, poolSize, connectTimeoutMs });
}

/**
 * Shared read models (PostgreSQL) are written by one instance per projection at a time, the others
 * standing by; the embedded SQLite file belongs to one process, which always leads.
 */
export function projectionLeadership(settings: ReadModelSettings): Leadership {
  if (settings.kind === 'sqlite') return soleInstance;
  const { url, schema, connectTimeoutMs } = settings.postgres;
  return new PostgresLeadership({ connectionString: url, schema, connectTimeoutMs });
}
