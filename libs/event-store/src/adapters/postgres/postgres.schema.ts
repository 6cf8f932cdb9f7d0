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
    appendFunctionSql(schema),
  ];
}

/** `expected` as the append function takes it: a version, or one of these. */
export const EXPECT_ANY = -1;
export const EXPECT_NO_STREAM = -2;

/**
 * One statement appends a batch (ADR 0005, ADR 0020): called outside any transaction, it is its own
 * transaction, so an append is one round trip. It takes the append lock first; each statement after it
 * takes a fresh snapshot (a VOLATILE PL/pgSQL function under READ COMMITTED), so it sees every earlier
 * append, exactly as the BEGIN, lock, read and insert it replaces. Jobs are checked in order against
 * the heads the earlier jobs of the batch leave; the events of the jobs that pass are numbered after
 * the store's last position and inserted in one statement. One row per job: whether it passed, and
 * the stream's head after it (version and position; for a refused job, the head it found).
 */
function appendFunctionSql(schema: string): string {
  const events = `"${schema}".events`;
  return `CREATE OR REPLACE FUNCTION "${schema}".append_batch(
      job_stream text[], job_expected integer[], job_count integer[],
      event_job integer[], event_index integer[], event_type text[], event_data text[], event_metadata text[]
    ) RETURNS TABLE (ok boolean, version integer, "position" bigint)
    LANGUAGE plpgsql VOLATILE AS $fn$
    #variable_conflict use_column
    DECLARE
      jobs integer := coalesce(array_length(job_stream, 1), 0);
      last_position bigint;
      seen text[] := '{}';
      seen_version integer[] := '{}';
      seen_position bigint[] := '{}';
      job_ok boolean[] := '{}';
      base_version integer[] := '{}';
      base_position bigint[] := '{}';
      head_version integer;
      head_position bigint;
      slot integer;
    BEGIN
      PERFORM pg_advisory_xact_lock(${APPEND_LOCK_CLASS}, hashtext('${schema}'));
      SELECT coalesce(max(e.position), 0) INTO last_position FROM ${events} e;
      FOR j IN 1..jobs LOOP
        slot := array_position(seen, job_stream[j]);
        IF slot IS NULL THEN
          SELECT e.version, e.position INTO head_version, head_position FROM ${events} e
            WHERE e.stream = job_stream[j] ORDER BY e.version DESC LIMIT 1;
          seen := seen || job_stream[j];
          seen_version := seen_version || coalesce(head_version, 0);
          seen_position := seen_position || coalesce(head_position, 0);
          slot := array_length(seen, 1);
        END IF;
        head_version := seen_version[slot];
        job_ok[j] := job_expected[j] = ${EXPECT_ANY}
          OR (job_expected[j] = ${EXPECT_NO_STREAM} AND head_version = 0)
          OR job_expected[j] = head_version;
        base_version[j] := head_version;
        base_position[j] := last_position;
        IF job_ok[j] AND job_count[j] > 0 THEN
          last_position := last_position + job_count[j];
          seen_version[slot] := head_version + job_count[j];
          seen_position[slot] := last_position;
        END IF;
        ok := job_ok[j];
        version := seen_version[slot];
        "position" := seen_position[slot];
        RETURN NEXT;
      END LOOP;
      INSERT INTO ${events} (position, stream, version, type, data, metadata)
        SELECT base_position[e.job] + e.index, job_stream[e.job], base_version[e.job] + e.index,
          e.type, e.data::json, e.metadata::json
        FROM unnest(event_job, event_index, event_type, event_data, event_metadata)
          AS e(job, index, type, data, metadata)
        WHERE job_ok[e.job];
    END
    $fn$`;
}

export function statements(schema: string) {
  const events = `"${schema}".events`;
  const columns = 'position, stream, version, type, data, metadata';
  return {
    // A batch of appends, one statement and its own transaction (`append_batch`).
    appendBatch: `SELECT ok, version, position FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7, $8)`,
    streamHead: `SELECT version, position FROM ${events} WHERE stream = $1 ORDER BY version DESC LIMIT 1`,
    readStream: `SELECT ${columns} FROM ${events} WHERE stream = $1 ORDER BY version`,
    readStreamSlice: `SELECT ${columns} FROM ${events} WHERE stream = $1 AND version > $2 AND version <= $3 ORDER BY version`,
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

/** One job's outcome from `append_batch`: passed or not, and the stream's head after it. */
export type AppendBatchRow = { ok: boolean; version: number; position: string };

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
