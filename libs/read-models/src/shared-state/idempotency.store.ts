import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { openSqliteDatabase } from '../database';
import type { SharedDatabase } from './shared-state';

export type StoredResponse = { status: number; headers: Record<string, string>; body: unknown };
export type Reservation =
  | { kind: 'reserved' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_progress'; retryAfterSeconds: number }
  | { kind: 'interrupted' }
  | { kind: 'mismatch' };

type IdempotencyTables = {
  idempotency_records: {
    actor: string;
    key: string;
    request_hash: string;
    /** Null while the first request runs. */
    status: number | null;
    response: string | null;
    /** The instance running the first request: `host:pid:nonce`. */
    owner: string;
    created_at: number;
  };
};

const RETENTION_MS = 24 * 3600_000;
const PURGE_EVERY_MS = 60_000;

export type IdempotencyStoreOptions = {
  /**
   * How long a first request may run before a retry is told it was interrupted rather than still in
   * progress, when its instance cannot be seen to have died. Default 60 s (requests end well before).
   */
  leaseMs?: number;
};

/**
 * Remembers the first response to each (caller, Idempotency-Key) for 24 hours, in the database every
 * instance shares (or the embedded SQLite file), so a retry sent to any instance replays it. A
 * reservation names the instance running it: a retry while it runs is told so, and once that instance
 * is known to be gone (its process has died on this host, or the lease has run out) the retry is told
 * the first attempt was interrupted, since whether its command was stored is unknown here.
 */
export class IdempotencyStore {
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly leaseMs: number;
  private nextPurge = 0;
  /** Reservations of this process whose request is running. */
  private readonly inFlight = new Set<string>();
  /**
   * Outcomes of this process's requests that the database was down to record: the answer of an
   * applied command (replayed from here until written), or null for a failed one (its key is free).
   */
  private readonly unrecorded = new Map<string, StoredResponse | null>();
  private retrying?: NodeJS.Timeout;

  private constructor(
    private readonly db: Kysely<IdempotencyTables>,
    options: IdempotencyStoreOptions,
    private readonly onClose: () => Promise<void>,
  ) {
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Creates the table if missing; `onClose` releases the database when the store is closed. */
  static async open(
    db: Kysely<IdempotencyTables> | SharedDatabase,
    options: IdempotencyStoreOptions = {},
    onClose: () => Promise<void> = () => Promise.resolve(),
  ): Promise<IdempotencyStore> {
    await db.schema
      .createTable('idempotency_records')
      .ifNotExists()
      .addColumn('actor', 'varchar(255)', (c) => c.notNull())
      .addColumn('key', 'varchar(255)', (c) => c.notNull())
      .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('status', 'integer')
      .addColumn('response', 'text')
      .addColumn('owner', 'varchar(300)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_records_pk', ['actor', 'key'])
      .execute();
    await db.schema
      .createIndex('idempotency_records_created')
      .ifNotExists()
      .on('idempotency_records')
      .column('created_at')
      .execute();
    return new IdempotencyStore(db, options, onClose);
  }

  /** The embedded default: a SQLite file of `DATA_DIR`, every commit synced. */
  static async openSqlite(
    filename: string,
    options: IdempotencyStoreOptions = {},
  ): Promise<IdempotencyStore> {
    const db = openSqliteDatabase<IdempotencyTables>(filename, 'FULL');
    return IdempotencyStore.open(db, options, () => db.destroy());
  }

  async reserve(actor: string, key: string, requestHash: string, nowMs: number): Promise<Reservation> {
    await this.purge(nowMs);
    const inserted = await this.db
      .insertInto('idempotency_records')
      .values({
        actor,
        key,
        request_hash: requestHash,
        status: null,
        response: null,
        owner: this.owner,
        created_at: nowMs,
      })
      .onConflict((oc) => oc.columns(['actor', 'key']).doNothing())
      .returning('actor')
      .executeTakeFirst();
    if (inserted) return this.reserved(actor, key);
    const row = await this.db
      .selectFrom('idempotency_records')
      .select(['request_hash', 'status', 'response', 'owner', 'created_at'])
      .where('actor', '=', actor)
      .where('key', '=', key)
      .executeTakeFirst();
    // Released between the insert and the read: the key is free again.
    if (!row) return this.reserve(actor, key, requestHash, nowMs);
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status !== null && row.response !== null)
      return { kind: 'replay', response: JSON.parse(row.response) as StoredResponse };
    if (row.owner === this.owner) return this.ownReservation(actor, key, requestHash, nowMs);
    const age = nowMs - Number(row.created_at);
    if (!this.ownerMayBeRunning(row.owner) || age >= this.leaseMs) return { kind: 'interrupted' };
    return { kind: 'in_progress', retryAfterSeconds: Math.max(1, Math.ceil((this.leaseMs - age) / 1000)) };
  }

  async complete(actor: string, key: string, response: StoredResponse): Promise<void> {
    await this.record(actor, key, response);
  }

  async release(actor: string, key: string): Promise<void> {
    await this.record(actor, key, null);
  }

  close(): Promise<void> {
    clearTimeout(this.retrying);
    return this.onClose();
  }

  private reserved(actor: string, key: string): Reservation {
    this.inFlight.add(id(actor, key));
    return { kind: 'reserved' };
  }

  /** A reservation of this process that is not running: its outcome is known here even if the database missed it. */
  private async ownReservation(
    actor: string,
    key: string,
    requestHash: string,
    nowMs: number,
  ): Promise<Reservation> {
    const k = id(actor, key);
    if (this.inFlight.has(k)) return { kind: 'in_progress', retryAfterSeconds: 1 };
    const outcome = this.unrecorded.get(k);
    if (outcome) return { kind: 'replay', response: outcome };
    if (outcome === null) {
      const taken = await this.db
        .updateTable('idempotency_records')
        .set({ created_at: nowMs, request_hash: requestHash })
        .where('actor', '=', actor)
        .where('key', '=', key)
        .where('owner', '=', this.owner)
        .where('status', 'is', null)
        .executeTakeFirst();
      this.unrecorded.delete(k);
      if (Number(taken.numUpdatedRows) === 1) return this.reserved(actor, key);
    }
    return { kind: 'interrupted' };
  }

  /** Writes a request's outcome; while the database is down, keeps it here and retries every second. */
  private async record(actor: string, key: string, response: StoredResponse | null): Promise<void> {
    const k = id(actor, key);
    this.inFlight.delete(k);
    try {
      await this.write(actor, key, response);
      this.unrecorded.delete(k);
    } catch (error) {
      this.unrecorded.set(k, response);
      this.retryLater();
      throw error;
    }
  }

  private write(actor: string, key: string, response: StoredResponse | null): Promise<unknown> {
    if (response === null) {
      return this.db
        .deleteFrom('idempotency_records')
        .where('actor', '=', actor)
        .where('key', '=', key)
        .where('owner', '=', this.owner)
        .where('status', 'is', null)
        .execute();
    }
    return this.db
      .updateTable('idempotency_records')
      .set({ status: response.status, response: JSON.stringify(response) })
      .where('actor', '=', actor)
      .where('key', '=', key)
      .where('owner', '=', this.owner)
      .execute();
  }

  private retryLater(): void {
    if (this.retrying) return;
    this.retrying = setTimeout(() => {
      this.retrying = undefined;
      void (async () => {
        for (const [k, response] of [...this.unrecorded]) {
          const [actor, key] = k.split('\n') as [string, string];
          try {
            await this.write(actor, key, response);
            if (this.unrecorded.get(k) === response) this.unrecorded.delete(k);
          } catch {
            return this.retryLater();
          }
        }
      })();
    }, 1000);
    this.retrying.unref();
  }

  private async purge(nowMs: number): Promise<void> {
    if (nowMs < this.nextPurge) return;
    this.nextPurge = nowMs + PURGE_EVERY_MS;
    await this.db
      .deleteFrom('idempotency_records')
      .where('created_at', '<', sql<number>`${nowMs - RETENTION_MS}`)
      .execute();
  }

  /** False only when the owner is known to be gone: a process of this host that no longer exists. */
  private ownerMayBeRunning(owner: string): boolean {
    if (owner === this.owner) return true;
    const [host, pid] = owner.split(':');
    if (host !== hostname()) return true;
    try {
      process.kill(Number(pid), 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}

const id = (actor: string, key: string): string => `${actor}\n${key}`;
