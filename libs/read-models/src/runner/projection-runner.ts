import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EventStore, StoredEvent } from '@app/event-store';
import type { ReadModelDb } from '../database';
import type { Projection } from './projection';

export type ProjectionFailure = { position: number; eventType: string; stream: string; message: string };

export type ProjectionStatus = {
  name: string;
  state: 'idle' | 'running' | 'failed' | 'stopped';
  position: number;
  failure?: ProjectionFailure;
  /**
   * Why the last batch could not be written, while the supervisor retries it (a database away, or a
   * row it refuses); cleared once a batch is written. Shown in /health, so a stall is never silent.
   */
  lastError?: string;
};

/**
 * Follows the event store from the projection's checkpoint. Each batch is applied in one transaction
 * together with the new checkpoint, so a crash never applies an event twice or skips one. An event
 * the projection cannot apply stops it and is reported with its position; it is never skipped.
 */
export class ProjectionRunner<Row> {
  private status: ProjectionStatus;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly projection: Projection<Row>,
    private readonly batchSize = 1000,
  ) {
    this.status = { name: projection.name, state: 'idle', position: 0 };
  }

  current(): ProjectionStatus {
    return { ...this.status };
  }

  async checkpoint(): Promise<number> {
    const row = await this.db
      .selectFrom('projection_checkpoints')
      .select('position')
      .where('name', '=', this.projection.name)
      .executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  /** Follows new events until aborted or an event cannot be applied. */
  async run(signal: AbortSignal): Promise<void> {
    this.status = { ...this.status, state: 'running', position: await this.checkpoint() };
    try {
      for await (const batch of this.store.follow(this.status.position, signal, this.batchSize)) {
        await this.apply(batch, this.status.position);
        // SQLite reads and writes resolve as microtasks: without this a long backlog holds HTTP requests in the API.
        await yieldToEventLoop();
      }
      this.status = { ...this.status, state: 'stopped' };
    } catch (error) {
      if (this.status.state !== 'failed') {
        this.status = { ...this.status, lastError: describe(error) };
        throw error;
      }
    }
  }

  /** Applies everything up to the store's head as it is now (rebuilds and tests); returns events read. */
  catchUp(onProgress?: (position: number) => void): Promise<number> {
    return ProjectionRunner.catchUpTogether([this], onProgress);
  }

  /**
   * `catchUp` for several projections over one event store in one pass: each batch is read (and its
   * personal data decrypted) once and applied to every projection still behind it, each in its own
   * transaction with its own checkpoint, so a failure stops there with every checkpoint consistent.
   * Returns the events read; yields to the event loop between batches.
   */
  static async catchUpTogether(
    runners: readonly ProjectionRunner<unknown>[],
    onProgress?: (position: number) => void,
  ): Promise<number> {
    const store = runners[0]?.store;
    if (store === undefined) return 0;
    if (runners.some((r) => r.store !== store))
      throw new Error('Projections caught up together must read one event store');
    const positions = await Promise.all(runners.map((r) => r.checkpoint()));
    const batchSize = Math.max(...runners.map((r) => r.batchSize));
    let position = Math.min(...positions);
    let read = 0;
    for (;;) {
      const batch = await store.readAll(position, batchSize);
      if (batch.length === 0) return read;
      const last = batch[batch.length - 1]!.position;
      for (const [index, runner] of runners.entries()) {
        const from = positions[index]!;
        if (from >= last) continue;
        await runner.apply(from < batch[0]!.position ? batch : batch.filter((e) => e.position > from), from);
        positions[index] = last;
      }
      position = last;
      read += batch.length;
      onProgress?.(position);
      await yieldToEventLoop();
    }
  }

  /** `from` is the checkpoint the batch follows; if another instance moved it meanwhile, nothing is written. */
  private async apply(batch: StoredEvent[], from: number): Promise<void> {
    const mine = batch.filter((e) => this.projection.handles.has(e.type));
    const last = batch[batch.length - 1]!.position;
    await this.db.transaction().execute(async (trx) => {
      const keys = [...new Set(mine.map((e) => this.projection.keyOf(e)))];
      const rows: Map<string, Row | null> = keys.length
        ? await this.projection.load(trx, keys)
        : new Map<string, Row | null>();
      const changed = new Map<string, Row | null>();
      for (const event of mine) {
        const key = this.projection.keyOf(event);
        const next = this.evolve(rows.get(key) ?? null, event);
        rows.set(key, next);
        changed.set(key, next);
      }
      if (changed.size) await this.projection.save(trx, changed);
      const moved = await trx
        .insertInto('projection_checkpoints')
        .values({ name: this.projection.name, position: last, updated_at: new Date().toISOString() })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ position: last, updated_at: new Date().toISOString() })
            .where('projection_checkpoints.position', '=', from),
        )
        .executeTakeFirst();
      if (Number(moved.numInsertedOrUpdatedRows ?? 0) !== 1) {
        throw new Error(
          `Projection ${this.projection.name} checkpoint moved past ${from}: another instance is running it`,
        );
      }
    });
    this.status = { name: this.status.name, state: this.status.state, position: last };
  }

  private evolve(row: Row | null, event: StoredEvent): Row | null {
    try {
      return this.projection.evolve(row, event);
    } catch (error) {
      const failure = {
        position: event.position,
        eventType: event.type,
        stream: event.stream,
        message: (error as Error).message,
      };
      this.status = { ...this.status, state: 'failed', failure };
      throw error;
    }
  }
}

/** The error's class, code and first line, short: enough to act on, no row contents. */
function describe(error: unknown): string {
  const {
    name = 'Error',
    message = String(error),
    code,
  } = error as { name?: string; message?: string; code?: string };
  const line = message.split('\n', 1)[0]!.slice(0, 200);
  return `${name}${code ? ` ${code}` : ''}: ${line}`;
}
