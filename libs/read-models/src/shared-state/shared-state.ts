import type { Kysely } from 'kysely';
import { PostgresLeadership } from '../postgres/postgres-leadership';
import { openPostgresDatabase } from '../postgres/postgres-read-models';
import { soleInstance } from '../runner/leadership';
import type { Leadership } from '../runner/leadership';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each user of the shared database declares its own tables
export type SharedDatabase = Kysely<any>;

/** Where state every instance must agree on lives, as `@app/config` derives it from the stores. */
export type SharedStateSettings =
  | { kind: 'embedded' }
  | {
      kind: 'postgres';
      postgres: { url: string; schema: string; poolSize: number; connectTimeoutMs: number };
    };

/**
 * State every instance must agree on: data keys, idempotency records, the relay's checkpoint, and
 * which instance leads a singleton job. On PostgreSQL it is one database all instances share; the
 * embedded default keeps it in files of `DATA_DIR`, and then `database` is undefined.
 */
export type SharedState = {
  database?: SharedDatabase;
  /** Elects one instance per named job (the relay); the embedded default always leads. */
  leadership: Leadership;
  close(): Promise<void>;
};

/** Opens the shared-state database (or nothing, for the embedded default). Fails with one line naming the server. */
export async function openSharedState(
  settings: SharedStateSettings,
  applicationName: string,
): Promise<SharedState> {
  if (settings.kind === 'embedded') return { leadership: soleInstance, close: () => Promise.resolve() };
  const { url, schema, poolSize, connectTimeoutMs } = settings.postgres;
  const options = { connectionString: url, schema, poolSize, connectTimeoutMs };
  const database = await openPostgresDatabase<Record<string, never>>(options, {
    what: 'shared state',
    applicationName: `${applicationName}:state`,
  });
  return {
    database: database as SharedDatabase,
    leadership: new PostgresLeadership(options),
    close: () => database.destroy(),
  };
}
