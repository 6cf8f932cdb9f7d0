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
    // BEGIN and the lock in one round trip; `schema` matches SCHEMA_NAME, so it is safe to inline.
    beginLocked: `BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, hashtext('${schema}'))`,
    streamHead: `SELECT version, position FROM ${events} WHERE stream = $1 ORDER BY version DESC LIMIT 1`,
    // Run after the lock is held, so its snapshot sees every earlier append: the head of each
    // stream of a batch, and the store's last position, after which the batch is numbered.
    heads: `
      SELECT s.stream, COALESCE(h.version, 0) AS version, COALESCE(h.position, 0) AS position,
             (SELECT COALESCE(MAX(position), 0) FROM ${events}) AS last
      FROM unnest($1::text[]) AS s(stream)
      LEFT JOIN LATERAL (
        SELECT version, position FROM ${events} e WHERE e.stream = s.stream ORDER BY version DESC LIMIT 1
      ) h ON true`,
    // Every event of a batch, numbered by the caller under the lock, in one statement.
    insert: `
      INSERT INTO ${events} (${columns})
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[], $4::text[], $5::json[], $6::json[])`,
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

export type BatchHeadRow = StreamHeadRow & { stream: string; last: string };

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
