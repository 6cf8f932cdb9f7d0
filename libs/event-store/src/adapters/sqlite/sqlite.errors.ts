import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../../event-store.errors';

// Codes meaning the database cannot serve us right now (locked, disk, file), as opposed
// to a bug in a statement; callers answer 503 for these.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|PERM|AUTH)/;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True for failures of the database itself (locked, disk, file), as opposed to a bad statement. */
export function isUnavailable(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return error instanceof Database.SqliteError && UNAVAILABLE.test(error.code);
}

/** Rethrows SQLite failures of the database itself as `EventStoreUnavailableError`. */
export function rethrowUnavailable(error: unknown, filename: string): never {
  if (isUnavailable(error)) {
    throw new EventStoreUnavailableError(`SQLite event store ${filename} is unavailable: ${error.message}`, {
      cause: error,
    });
  }
  throw error;
}
