import type { EventStore, StoredEvent } from '@app/event-store';
import type { ReadModelDb } from '../database';
import type { Projection } from './projection';

export type ProjectionFailure = { position: number; eventType: string; stream: string; message: string };

export type ProjectionStatus = {
  name: string;
  state: 'idle' | 'running' | 'failed' | 'stopped';
  position: number;
  failure?: ProjectionFailure;
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
    const row = await this.db.selectFrom('projection_checkpoints').select('position').where('name', '=', this.projection.name).executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  /** Follows new events until aborted or an event cannot be applied. */
  async run(signal: AbortSignal): Promise<void> {
    this.status = { ...this.status, state: 'running', position: await this.checkpoint() };
    try {
      for await (const batch of this.store.follow(this.status.position, signal, this.batchSize)) {
        await this.apply(batch, this.status.position);
      }
      this.status = { ...this.status, state: 'stopped' };
    } catch (error) {
      if (this.status.state !== 'failed') throw error;
    }
  }

  /** Applies everything up to the store's head as it is now (rebuilds and tests); returns events applied. */
  async catchUp(onProgress?: (position: number) => void): Promise<number> {
    let position = await this.checkpoint();
    let applied = 0;
    for (;;) {
      const batch = await this.store.readAll(position, this.batchSize);
      if (batch.length === 0) return applied;
      await this.apply(batch, position);
      position = batch[batch.length - 1]!.position;
      applied += batch.length;
      onProgress?.(position);
    }
  }

  /** `from` is the checkpoint the batch follows; if another instance moved it meanwhile, nothing is written. */
  private async apply(batch: StoredEvent[], from: number): Promise<void> {
    const mine = batch.filter((e) => this.projection.handles.has(e.type));
    const last = batch[batch.length - 1]!.position;
    await this.db.transaction().execute(async (trx) => {
      const keys = [...new Set(mine.map((e) => this.projection.keyOf(e)))];
      const rows: Map<string, Row | null> = keys.length ? await this.projection.load(trx, keys) : new Map();
      const changed = new Map<string, Row | null>();
      for (const event of mine) {
        const key = this.projection.keyOf(event);
        const next = this.evolve(rows.get(key) ?? null, event);
        rows.set(key, next);
        changed.set(key, next);
      }
      if (changed.size) await this.projection.save(trx, changed);
      const moved = await trx.insertInto('projection_checkpoints')
        .values({ name: this.projection.name, position: last, updated_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('name').doUpdateSet({ position: last, updated_at: new Date().toISOString() })
          .where('projection_checkpoints.position', '=', from))
        .executeTakeFirst();
      if (Number(moved.numInsertedOrUpdatedRows ?? 0) !== 1) {
        throw new Error(`Projection ${this.projection.name} checkpoint moved past ${from}: another instance is running it`);
      }
    });
    this.status = { ...this.status, position: last };
  }

  private evolve(row: Row | null, event: StoredEvent): Row | null {
    try {
      return this.projection.evolve(row, event);
    } catch (error) {
      const failure = { position: event.position, eventType: event.type, stream: event.stream, message: (error as Error).message };
      this.status = { ...this.status, state: 'failed', failure };
      throw error;
    }
  }
}
