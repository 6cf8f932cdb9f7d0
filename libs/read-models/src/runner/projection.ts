import type { StoredEvent } from '@app/event-store';
import type { Transaction } from 'kysely';
import type { ReadModelTables } from '../database';

export type ReadModelTx = Transaction<ReadModelTables>;

/**
 * A projection: a pure `evolve(row | null, event)` over the events it handles, keyed by row, plus how
 * its rows are loaded and saved in bulk. The runner owns the subscription, transaction and checkpoint.
 */
export type Projection<Row> = {
  name: string;
  handles: ReadonlySet<string>;
  /**
   * The handled event types whose personal fields `evolve` reads (names, date of birth...). The runner's
   * store reveals only these; elsewhere personal fields read `[sealed]` (least privilege, and no
   * decryption a projection would throw away).
   */
  personalData: ReadonlySet<string>;
  keyOf(event: StoredEvent): string;
  evolve(row: Row | null, event: StoredEvent): Row | null;
  load(trx: ReadModelTx, keys: string[]): Promise<Map<string, Row>>;
  save(trx: ReadModelTx, rows: Map<string, Row | null>): Promise<void>;
};
