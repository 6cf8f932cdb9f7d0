import type { SharedDatabase } from '@app/read-models';
import type { Kysely } from 'kysely';

/** What the relay remembers between runs: how far it has published, and the report rows last acknowledged. */
export interface RelayState {
  checkpoint(name: string): Promise<number>;
  /** Moves the checkpoint forward (never back, so a deposed relay cannot rewind its successor). */
  saveCheckpoint(name: string, position: number, now: string): Promise<void>;
  /** Hash of the content last published per key of a compacted topic. */
  publishedRows(topic: string): Promise<Map<string, string>>;
  /** Records rows acknowledged by the broker; a null hash records a tombstone (the key is forgotten). */
  savePublishedRows(topic: string, rows: Map<string, string | null>): Promise<void>;
}

type RelayTables = {
  integration_checkpoints: { name: string; position: number; updated_at: string };
  integration_published_rows: { topic: string; key: string; hash: string };
};

/**
 * The relay's state in the shared-state database (PostgreSQL every instance shares) or, embedded, the
 * read-model SQLite file, in tables of its own: a read-model rebuild empties the projections' checkpoints, never the relay's, so a rebuild
 * does not publish every handoff again.
 */
export class ReadModelRelayState implements RelayState {
  private readonly db: Kysely<RelayTables>;

  private constructor(db: Kysely<RelayTables> | SharedDatabase) {
    this.db = db;
  }

  /** Creates the relay's tables if missing; the same statements run on SQLite and PostgreSQL. */
  static async open(db: Kysely<RelayTables> | SharedDatabase): Promise<ReadModelRelayState> {
    const state = new ReadModelRelayState(db);
    await state.db.schema
      .createTable('integration_checkpoints')
      .ifNotExists()
      .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
      .execute();
    await state.db.schema
      .createTable('integration_published_rows')
      .ifNotExists()
      .addColumn('topic', 'varchar(255)', (c) => c.notNull())
      .addColumn('key', 'varchar(255)', (c) => c.notNull())
      .addColumn('hash', 'varchar(64)', (c) => c.notNull())
      .addPrimaryKeyConstraint('integration_published_rows_pk', ['topic', 'key'])
      .execute();
    return state;
  }

  async checkpoint(name: string): Promise<number> {
    const row = await this.db
      .selectFrom('integration_checkpoints')
      .select('position')
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  async saveCheckpoint(name: string, position: number, now: string): Promise<void> {
    await this.db
      .insertInto('integration_checkpoints')
      .values({ name, position, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ position, updated_at: now })
          .where('integration_checkpoints.position', '<', position),
      )
      .execute();
  }

  async publishedRows(topic: string): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('integration_published_rows')
      .select(['key', 'hash'])
      .where('topic', '=', topic)
      .execute();
    return new Map(rows.map((r) => [r.key, r.hash]));
  }

  async savePublishedRows(topic: string, rows: Map<string, string | null>): Promise<void> {
    if (rows.size === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [key, hash] of rows) {
        if (hash === null)
          await trx
            .deleteFrom('integration_published_rows')
            .where('topic', '=', topic)
            .where('key', '=', key)
            .execute();
        else
          await trx
            .insertInto('integration_published_rows')
            .values({ topic, key, hash })
            .onConflict((oc) => oc.columns(['topic', 'key']).doUpdateSet({ hash }))
            .execute();
      }
    });
  }
}
