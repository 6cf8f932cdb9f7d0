import Database from 'better-sqlite3';
import { join } from 'node:path';
import { queryDatabase } from '@app/testing';
import type { Api } from './api-harness';

export type StoredRow = { version: number; data: string; metadata: string };

/** The rows of a stream exactly as the storage engine holds them, on SQLite or PostgreSQL. */
export async function storedRows(api: Api, stream: string): Promise<StoredRow[]> {
  const store = api.config.eventStore;
  if (store.kind === 'postgres') {
    const sql = `SELECT version, data::text AS data, metadata::text AS metadata FROM "${store.postgres.schema}".events WHERE stream = $1 ORDER BY version`;
    return queryDatabase<StoredRow>(store.postgres.url, sql, [stream]);
  }
  const db = new Database(join(api.config.dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db
      .prepare('SELECT version, data, metadata FROM events WHERE stream = ? ORDER BY version')
      .all(stream) as StoredRow[];
  } finally {
    db.close();
  }
}

/** Changes one field of a stored event's data behind the application's back, as a tamperer would. */
export async function editStoredData(
  api: Api,
  stream: string,
  version: number,
  field: string,
  value: string,
): Promise<void> {
  const store = api.config.eventStore;
  if (store.kind === 'postgres') {
    const sql = `UPDATE "${store.postgres.schema}".events SET data = jsonb_set(data::jsonb, ARRAY[$1], to_jsonb($2::text))::json WHERE stream = $3 AND version = $4`;
    await queryDatabase(store.postgres.url, sql, [field, value, stream, version]);
    return;
  }
  const db = new Database(join(api.config.dataDir, 'events.sqlite'));
  try {
    db.prepare(`UPDATE events SET data = json_set(data, '$.' || ?, ?) WHERE stream = ? AND version = ?`).run(
      field,
      value,
      stream,
      version,
    );
  } finally {
    db.close();
  }
}

/** Deletes a stream's stored events from `fromVersion` on, behind the application's back. */
export async function deleteStoredEvents(api: Api, stream: string, fromVersion = 1): Promise<void> {
  const store = api.config.eventStore;
  if (store.kind === 'postgres') {
    const sql = `DELETE FROM "${store.postgres.schema}".events WHERE stream = $1 AND version >= $2`;
    await queryDatabase(store.postgres.url, sql, [stream, fromVersion]);
    return;
  }
  const db = new Database(join(api.config.dataDir, 'events.sqlite'));
  try {
    db.prepare('DELETE FROM events WHERE stream = ? AND version >= ?').run(stream, fromVersion);
  } finally {
    db.close();
  }
}
