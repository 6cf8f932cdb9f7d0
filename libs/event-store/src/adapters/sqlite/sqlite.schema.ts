import type { EventMetadata, StoredEvent } from '../../event-store.port';

// AUTOINCREMENT so a position is never reused, even after the highest row is deleted.
// The (stream, version) unique index answers "current version of a stream" and is the
// last line of defence against two writers appending the same version.
export const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream   TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    type     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    metadata TEXT    NOT NULL,
    UNIQUE (stream, version)
  );
`;

export const SQL = {
  streamHead: 'SELECT version, position FROM events WHERE stream = ? ORDER BY version DESC LIMIT 1',
  insert: 'INSERT INTO events (stream, version, type, data, metadata) VALUES (?, ?, ?, ?, ?)',
  readStream:
    'SELECT position, stream, version, type, data, metadata FROM events WHERE stream = ? ORDER BY version',
  readStreamTo:
    'SELECT position, stream, version, type, data, metadata FROM events WHERE stream = ? AND version <= ? ORDER BY version',
  readAll:
    'SELECT position, stream, version, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
  headPosition: 'SELECT COALESCE(MAX(position), 0) AS position FROM events',
} as const;

export type EventRow = {
  position: number;
  stream: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
};

export type StreamHeadRow = { version: number; position: number };

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    stream: row.stream,
    version: row.version,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
