import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EventStore, StoredEvent } from '@app/event-store';
import type { ReadModelDb } from '../database';
import type { Projection, ReadModelTx } from './projection';

export type CatchUpOptions = {
  /** Told the position reached after each batch. */
  onProgress?: (position: number) => void;
  /** Events written per transaction (whole batches; at least one batch). */
  eventsPerCommit?: number;
};

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
    return ProjectionRunner.catchUpTogether([this], { onProgress });
  }

  /**
   * `catchUp` for several projections over one event store into one database, in one pass: each batch
   * is read (and its personal data decrypted) once and applied to every projection still behind it.
   * Every projection's rows and checkpoint are written in one transaction, which holds one batch or, with
   * `eventsPerCommit`, as many batches as make that many events (a rebuild: fewer commits, each writing
   * the pages it touched once). A failure rolls the open transaction back, leaving every checkpoint at
   * the last commit. Returns the events read; yields to the event loop between batches.
   */
  static async catchUpTogether(
    runners: readonly ProjectionRunner<unknown>[],
    options: CatchUpOptions = {},
  ): Promise<number> {
    const first = runners[0];
    if (first === undefined) return 0;
    if (runners.some((r) => r.store !== first.store || r.db !== first.db))
      throw new Error('Projections caught up together must read one event store and write one database');
    const positions = await Promise.all(runners.map((r) => r.checkpoint()));
    const pass = {
      batchSize: Math.max(...runners.map((r) => r.batchSize)),
      eventsPerCommit: Math.max(options.eventsPerCommit ?? 1, 1),
      position: Math.min(...positions),
      read: 0,
      atHead: false,
    };
    while (!pass.atHead) {
      await first.db.transaction().execute(async (trx) => {
        for (let inCommit = 0; inCommit < pass.eventsPerCommit;) {
          const batch = await first.store.readAll(pass.position, pass.batchSize);
          if (batch.length === 0) {
            pass.atHead = true;
            return;
          }
          await ProjectionRunner.applyToEach(trx, runners, positions, batch);
          pass.position = batch[batch.length - 1]!.position;
          pass.read += batch.length;
          inCommit += batch.length;
          options.onProgress?.(pass.position);
          await yieldToEventLoop();
        }
      });
      runners.forEach((r, i) => r.committed(positions[i]!));
    }
    return pass.read;
  }

  /** Applies a batch, in `trx`, to every runner whose position (in `positions`, moved on) is behind its end. */
  private static async applyToEach(
    trx: ReadModelTx,
    runners: readonly ProjectionRunner<unknown>[],
    positions: number[],
    batch: StoredEvent[],
  ): Promise<void> {
    const last = batch[batch.length - 1]!.position;
    for (const [index, runner] of runners.entries()) {
      const from = positions[index]!;
      if (from >= last) continue;
      await runner.applyWithin(
        trx,
        from < batch[0]!.position ? batch : batch.filter((e) => e.position > from),
        from,
      );
      positions[index] = last;
    }
  }

  /** `from` is the checkpoint the batch follows; if another instance moved it meanwhile, nothing is written. */
  private async apply(batch: StoredEvent[], from: number): Promise<void> {
    await this.db.transaction().execute((trx) => this.applyWithin(trx, batch, from));
    this.committed(batch[batch.length - 1]!.position);
  }

  private committed(position: number): void {
    this.status = { name: this.status.name, state: this.status.state, position };
  }

  /** Writes the batch's rows and moves the checkpoint from `from` to its last event, in `trx`. */
  private async applyWithin(trx: ReadModelTx, batch: StoredEvent[], from: number): Promise<void> {
    const mine = batch.filter((e) => this.projection.handles.has(e.type));
    const last = batch[batch.length - 1]!.position;
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
    const now = new Date().toISOString();
    const moved = await trx
      .insertInto('projection_checkpoints')
      .values({ name: this.projection.name, position: last, updated_at: now })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ position: last, updated_at: now })
          .where('projection_checkpoints.position', '=', from),
      )
      .executeTakeFirst();
    if (Number(moved.numInsertedOrUpdatedRows ?? 0) !== 1) {
      throw new Error(
        `Projection ${this.projection.name} checkpoint moved past ${from}: another instance is running it`,
      );
    }
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
