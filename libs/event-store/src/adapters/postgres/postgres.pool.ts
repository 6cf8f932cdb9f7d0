import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import { EventStoreUnavailableError } from '../../event-store.errors';
import { rethrowUnavailable } from './postgres.errors';

export type PoolSettings = {
  connectionString: string;
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  applicationName: string;
};

/**
 * The event store's connections: lost connections and timeouts surface as
 * `EventStoreUnavailableError`, broken clients are dropped, and the pool reconnects on demand.
 */
export class EventStorePool {
  private readonly pool: Pool;
  private ended = false;
  // pg's pool can leave a query that is still connecting unsettled if ended under it.
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    settings: PoolSettings,
    readonly target: string,
  ) {
    this.pool = new Pool({
      connectionString: settings.connectionString,
      max: settings.poolSize,
      connectionTimeoutMillis: settings.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      statement_timeout: settings.statementTimeoutMs,
      // A writer that stalls inside its transaction must not hold the append lock for long.
      idle_in_transaction_session_timeout: settings.statementTimeoutMs,
      application_name: settings.applicationName,
    });
    // Idle connections die when the server restarts; the pool drops them and reconnects on demand.
    this.pool.on('error', () => undefined);
    // A connection checked out when the server goes away emits 'error' with no listener of the pool's
    // (pg-pool removes its own while a client is in use), which would crash the process; the query
    // using it fails on its own and the client is released as broken.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  get closed(): boolean {
    return this.ended;
  }

  async query<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    this.assertOpen();
    try {
      return (await this.track(this.pool.query<R>(text, values))).rows;
    } catch (error) {
      return rethrowUnavailable(error, this.target);
    }
  }

  /**
   * Runs `work` in one transaction on one connection: committed if it returns, rolled back if it
   * throws. `begin` may add parameterless statements to the BEGIN, saving a round trip.
   */
  transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    this.assertOpen();
    return this.track(this.inTransaction(work, begin));
  }

  /** Waits for the queries under way, then closes every connection. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>, begin: string): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      return rethrowUnavailable(error, this.target);
    }
    let broken = false;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      return rethrowUnavailable(error, this.target);
    } finally {
      // A client whose connection failed is discarded rather than returned to the pool.
      client.release(broken);
    }
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private assertOpen(): void {
    if (this.ended) throw new EventStoreUnavailableError(`PostgreSQL event store ${this.target} is closed`);
  }
}
