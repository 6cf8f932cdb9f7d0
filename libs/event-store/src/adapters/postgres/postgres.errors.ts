import { EventStoreUnavailableError } from '../../event-store.errors';

// Socket-level failures: the server is down, restarting, or the network is gone.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

// SQLSTATE classes meaning "the database cannot serve us right now", as opposed to a bad
// statement: 08 connection, 28 authorization, 53 resources, 57P0x shutdown/starting up,
// 57014 statement timeout, 3D000 no such database, 25006 read-only (a standby after failover).
const UNAVAILABLE_SQLSTATE = /^(08|28|53|57P0|57014$|3D000$|25006$|55P03$)/;

// node-postgres reports lost connections and pool timeouts as plain errors without a code.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|connection error|Cannot use a pool after calling end/i;

/** True for errors meaning PostgreSQL could not be reached or cannot serve requests right now. */
export function isPostgresUnavailable(error: unknown): boolean {
  // Duck-typed: socket errors come from Node's own realm, where `instanceof Error` can fail (jest).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (Array.isArray(errors) && errors.some(isPostgresUnavailable)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

/** `user@host:port/database` of a connection string, never its password. */
export function describePostgresTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `${user}${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname || '/'}`;
  } catch {
    return 'the configured database';
  }
}

/** One line saying why PostgreSQL is unavailable, e.g. "connect ECONNREFUSED 127.0.0.1:5432". */
export function postgresReason(error: unknown): string {
  if (error instanceof EventStoreUnavailableError && error.cause !== undefined)
    return postgresReason(error.cause);
  const { message, errors } = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    errors?: unknown;
  };
  if (Array.isArray(errors) && errors.length > 0) return postgresReason(errors[0]);
  const text = typeof message === 'string' && message !== '' ? message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Rethrows connection-level failures as `EventStoreUnavailableError`; anything else unchanged. */
export function rethrowUnavailable(error: unknown, target: string): never {
  if (error instanceof EventStoreUnavailableError) throw error;
  if (isPostgresUnavailable(error)) {
    throw new EventStoreUnavailableError(
      `PostgreSQL event store ${target} is unavailable: ${postgresReason(error)}`,
      { cause: error },
    );
  }
  throw error;
}
