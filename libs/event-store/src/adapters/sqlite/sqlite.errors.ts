import { EventStoreUnavailableError } from '../../event-store.errors';

// Codes meaning the database cannot serve us right now (locked, disk, file), as opposed
// to a bug in a statement; callers answer 503 for these.
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|PERM|AUTH)/;

type SqliteError = Error & { code: string };

/**
 * Recognised by name and code, not `instanceof`: better-sqlite3's native addon keeps the error class of
 * the first copy of the module loaded in the process, so a second copy (a test runner's fresh module
 * registry or realm, a bundler) gets errors that are instances neither of its own `SqliteError` nor
 * of its realm's `Error`.
 */
function isSqliteError(error: unknown): error is SqliteError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'SqliteError' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

export function isUniqueViolation(error: unknown): boolean {
  return isSqliteError(error) && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** True for failures of the database itself (locked, disk, file), as opposed to a bad statement. */
export function isUnavailable(error: unknown): error is SqliteError {
  return isSqliteError(error) && UNAVAILABLE.test(error.code);
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
