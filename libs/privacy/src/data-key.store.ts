import type { Kysely } from 'kysely';
import type { DataKeyDb, DataKeysTable } from './data-key.database';
import { checkMasterKey, migrateDataKeys, openSqliteKeyDatabase } from './data-key.database';
import { generateDataKey, unwrapDataKey, wrapDataKey, wrappedKeyMasterId } from './field-cipher';
import { LruCache } from './lru-cache';
import type { MasterKey } from './master-key';
import { DataKeyUnreadableError, MasterKeyMismatchError, PersonalDataErasedError } from './privacy.errors';

/**
 * A subject's data key, or why there is none: `erased` (deliberately, a tombstone remains),
 * `missing` (never created, or its row is gone) or `unreadable` (corrupt, or another master key).
 */
export type DataKeyLookup = Buffer | 'erased' | 'missing' | 'unreadable';

/** Where data keys live, wrapped by the master key. Reads never throw for a bad key, only for an unreachable store. */
export interface DataKeyStore {
  /**
   * The subject's key, created when it has none. Throws `PersonalDataErasedError` once the subject
   * is erased and `DataKeyUnreadableError` when its stored key cannot be unwrapped.
   */
  getOrCreate(subjectId: string): Promise<Buffer>;
  get(subjectId: string): Promise<DataKeyLookup>;
  /** `get` for many subjects in as few queries as possible; every id asked for is in the result. */
  getMany(subjectIds: readonly string[]): Promise<Map<string, DataKeyLookup>>;
  /** Deletes the key material, keeping a tombstone with `erased_at`. Idempotent: the first erasure time stays. */
  erase(subjectId: string): Promise<void>;
  close(): Promise<void>;
}

/** Injection token for the `DataKeyStore` port. */
export const DATA_KEY_STORE = Symbol('DATA_KEY_STORE');

export type DataKeyStoreOptions = {
  /**
   * Unwrapped keys kept in memory, so a read asks the table only whether the key is still there
   * (an erasure by any instance is seen at the next read) and skips unwrapping it. Default 10,000.
   */
  cacheSize?: number;
  /** Destroy the Kysely instance on `close`. Default false: whoever created it closes it. */
  destroyOnClose?: boolean;
  now?: () => Date;
};

const CHUNK = 500;

type Waiter = { resolve: (found: DataKeyLookup) => void; reject: (error: unknown) => void };

/**
 * `DataKeyStore` over Kysely: the same code on SQLite and PostgreSQL. Every read asks the table,
 * so once an erasure has returned no process sharing the table reads the subject's data again;
 * only the unwrapping is cached.
 */
export class KyselyDataKeyStore implements DataKeyStore {
  private readonly cache: LruCache<string, { wrapped: string; key: Buffer }>;
  /** Subjects this process erased: a read that began before the erasure and ends after it still reads erased. */
  private readonly erasedHere: LruCache<string, true>;
  private creating = new Map<string, { key: Buffer; waiters: Waiter[] }>();
  private readonly now: () => Date;

  constructor(
    private readonly db: DataKeyDb,
    private readonly master: MasterKey,
    private readonly options: DataKeyStoreOptions = {},
    private readonly afterErase: () => void = () => undefined,
  ) {
    this.now = options.now ?? (() => new Date());
    this.cache = new LruCache(options.cacheSize ?? 10_000);
    this.erasedHere = new LruCache(options.cacheSize ?? 10_000);
  }

  async getOrCreate(subjectId: string): Promise<Buffer> {
    requireSubject(subjectId);
    // Always asked of the table: new personal data must never be sealed under a key another process has just erased.
    let found = this.toLookup(subjectId, await this.row(subjectId));
    if (found === 'missing') found = await this.create(subjectId);
    if (found === 'erased') throw new PersonalDataErasedError(subjectId);
    if (typeof found === 'string') throw new DataKeyUnreadableError(subjectId);
    return found;
  }

  async get(subjectId: string): Promise<DataKeyLookup> {
    return (await this.getMany([subjectId])).get(subjectId) ?? 'missing';
  }

  async getMany(subjectIds: readonly string[]): Promise<Map<string, DataKeyLookup>> {
    const result = new Map<string, DataKeyLookup>();
    const wanted = [...new Set(subjectIds)];
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const part = wanted.slice(i, i + CHUNK);
      const rows = await this.db
        .selectFrom('data_keys')
        .selectAll()
        .where('subject_id', 'in', part)
        .execute();
      const byId = new Map(rows.map((row) => [row.subject_id, row]));
      for (const id of part) result.set(id, this.toLookup(id, byId.get(id)));
    }
    return result;
  }

  async erase(subjectId: string): Promise<void> {
    requireSubject(subjectId);
    const at = this.stamp();
    await this.db
      .insertInto('data_keys')
      .values({ subject_id: subjectId, wrapped_key: null, created_at: at, erased_at: at })
      .onConflict((oc) =>
        oc.column('subject_id').doUpdateSet((eb) => ({
          wrapped_key: null,
          erased_at: eb.fn.coalesce('data_keys.erased_at', eb.ref('excluded.erased_at')),
        })),
      )
      .execute();
    this.cache.delete(subjectId);
    this.erasedHere.set(subjectId, true, Infinity);
    this.afterErase();
  }

  async close(): Promise<void> {
    this.cache.clear();
    this.erasedHere.clear();
    if (this.options.destroyOnClose) await this.db.destroy();
  }

  /**
   * Creates a subject's key. Keys asked for while a turn of the event loop runs are inserted in one
   * transaction, so many new referrals at once share one durable commit instead of queueing for a
   * sync each; every caller is answered only after that commit.
   */
  private create(subjectId: string): Promise<DataKeyLookup> {
    return new Promise((resolve, reject) => {
      const pending = this.creating.get(subjectId);
      if (pending) pending.waiters.push({ resolve, reject });
      else this.creating.set(subjectId, { key: generateDataKey(), waiters: [{ resolve, reject }] });
      if (this.creating.size === 1 && !pending) setImmediate(() => void this.insertCreated());
    });
  }

  private async insertCreated(): Promise<void> {
    const batch = this.creating;
    this.creating = new Map();
    try {
      const created = this.stamp();
      const inserted = new Set<string>();
      const wrapped = new Map([...batch].map(([id, { key }]) => [id, wrapDataKey(key, this.master, id)]));
      await this.db.transaction().execute(async (trx) => {
        const ids = [...batch.keys()];
        for (let i = 0; i < ids.length; i += CHUNK) {
          const rows = await trx
            .insertInto('data_keys')
            .values(
              ids.slice(i, i + CHUNK).map((id) => ({
                subject_id: id,
                wrapped_key: wrapped.get(id)!,
                created_at: created,
                erased_at: null,
              })),
            )
            .onConflict((oc) => oc.column('subject_id').doNothing())
            .returning('subject_id')
            .execute();
          for (const row of rows) inserted.add(row.subject_id);
        }
      });
      for (const [id, { key, waiters }] of batch) {
        // Lost a race with another writer: use the key it stored (or its tombstone).
        if (inserted.has(id)) this.cache.set(id, { wrapped: wrapped.get(id)!, key }, Infinity);
        const found: DataKeyLookup = inserted.has(id) ? key : this.toLookup(id, await this.row(id));
        for (const waiter of waiters) waiter.resolve(found);
      }
    } catch (error) {
      for (const { waiters } of batch.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }

  private row(subjectId: string): Promise<DataKeysTable | undefined> {
    return this.db.selectFrom('data_keys').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
  }

  private toLookup(subjectId: string, row: DataKeysTable | undefined): DataKeyLookup {
    if (row === undefined) return 'missing';
    if (row.erased_at !== null || this.erasedHere.get(subjectId)) {
      this.cache.delete(subjectId);
      return 'erased';
    }
    const wrapped = row.wrapped_key;
    if (wrapped === null) return 'unreadable';
    const cached = this.cache.get(subjectId);
    if (cached !== undefined && cached.wrapped === wrapped) return cached.key;
    const wrappedBy = wrappedKeyMasterId(wrapped);
    if (wrappedBy !== undefined && wrappedBy !== this.master.id)
      throw new MasterKeyMismatchError(this.master.id, wrappedBy);
    try {
      const key = unwrapDataKey(wrapped, this.master, subjectId);
      this.cache.set(subjectId, { wrapped, key }, Infinity);
      return key;
    } catch {
      return 'unreadable';
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/**
 * A key store over an existing Kysely instance (SQLite or PostgreSQL), creating `data_keys` if
 * missing. The instance stays the caller's to destroy unless `destroyOnClose` is set.
 */
export async function createDataKeyStore<DB>(
  db: Kysely<DB>,
  masterKey: MasterKey,
  options: DataKeyStoreOptions = {},
): Promise<KyselyDataKeyStore> {
  const keys = db as unknown as DataKeyDb;
  await migrateDataKeys(keys);
  await checkMasterKey(keys, masterKey.id);
  return new KyselyDataKeyStore(keys, masterKey, options);
}

/** The embedded default: keys in their own SQLite file (or `:memory:`), closed with the store. */
export async function openSqliteDataKeyStore(
  filename: string,
  masterKey: MasterKey,
  options: Omit<DataKeyStoreOptions, 'destroyOnClose'> & {
    /** `OFF` only to generate data sets (benchmarks): a new key is then not synced to disk. Default `FULL`. */
    synchronous?: 'FULL' | 'OFF';
  } = {},
): Promise<KyselyDataKeyStore> {
  const { synchronous, ...storeOptions } = options;
  const { db, flushErased } = openSqliteKeyDatabase(filename, synchronous);
  try {
    await migrateDataKeys(db);
    await checkMasterKey(db, masterKey.id);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyDataKeyStore(db, masterKey, { ...storeOptions, destroyOnClose: true }, flushErased);
}

function requireSubject(subjectId: string): void {
  if (typeof subjectId !== 'string' || subjectId.trim() === '')
    throw new Error(`A data key subject must be a non-empty string, got ${JSON.stringify(subjectId)}`);
}
