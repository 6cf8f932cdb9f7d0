import type { EventMetadata, StoredEvent } from '../../event-store.port';

// Advisory lock classes (the first key of pg_advisory_xact_lock(int, int)); the second key is
// hashtext(schema), so stores in different schemas of one database never wait for each other.
export const APPEND_LOCK_CLASS = 0x45_56_41_50; // 'EVAP'
export const MIGRATE_LOCK_CLASS = 0x45_56_4d_47; // 'EVMG'

/** A schema name safe to interpolate into SQL once double-quoted. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * `position` is allocated as MAX(position) + 1 while holding the append lock, so positions are
 * gapless and commit in order (docs/adr/0005-postgres-event-store.md). `json`, not `jsonb`,
 * keeps each event's text exactly as written: key order, and `\u0000`, which jsonb refuses.
 * The (stream, version) unique index answers "current version" and backs up the lock.
 */
export function schemaSql(schema: string): string[] {
  const events = `"${schema}".events`;
  return [
    `CREATE TABLE IF NOT EXISTS ${events} (
      position bigint  PRIMARY KEY,
      stream   text    NOT NULL,
      version  integer NOT NULL,
      type     text    NOT NULL,
      data     json    NOT NULL,
      metadata json    NOT NULL,
      CONSTRAINT events_stream_version UNIQUE (stream, version)
    )`,
  ];
}

export function statements(schema: string) {
  const events = `"${schema}".events`;
  const columns = 'position, stream, version, type, data, metadata';
  return {
    lock: `SELECT pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, hashtext($1))`,
    streamHead: `SELECT version, position FROM ${events} WHERE stream = $1 ORDER BY version DESC LIMIT 1`,
    // One statement, run after the lock is held (so its snapshot sees every earlier append):
    // it numbers the new events after the stream's and the store's heads, or inserts nothing
    // when the stream is not at the expected version ($5 = -1 means any).
    insert: `
      WITH head AS (SELECT COALESCE(MAX(version), 0) AS version FROM ${events} WHERE stream = $1),
           last AS (SELECT COALESCE(MAX(position), 0) AS position FROM ${events})
      INSERT INTO ${events} (${columns})
      SELECT last.position + e.ord, $1, head.version + e.ord, e.type, e.data, e.metadata
      FROM head, last, unnest($2::text[], $3::json[], $4::json[]) WITH ORDINALITY AS e(type, data, metadata, ord)
      WHERE $5::int = -1 OR head.version = $5::int
      RETURNING position, version`,
    readStream: `SELECT ${columns} FROM ${events} WHERE stream = $1 ORDER BY version`,
    readStreamTo: `SELECT ${columns} FROM ${events} WHERE stream = $1 AND version <= $2 ORDER BY version`,
    readAll: `SELECT ${columns} FROM ${events} WHERE position > $1 ORDER BY position LIMIT $2`,
    headPosition: `SELECT COALESCE(MAX(position), 0) AS position FROM ${events}`,
  } as const;
}

export type EventRow = {
  position: string;
  stream: string;
  version: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
};

export type StreamHeadRow = { version: number; position: string };

// bigint arrives as a string; positions stay far below 2^53.
export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: Number(row.position),
    stream: row.stream,
    version: row.version,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}
