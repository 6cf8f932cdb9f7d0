import { CompiledQuery } from 'kysely';
import type { Compilable, DialectAdapter, Insertable, Kysely, Selectable } from 'kysely';
import type { ReadModelTables } from '../database';

type Tables = ReadModelTables;
type Table = Extract<keyof Tables, string>;
type Db = Kysely<Tables>;
/** The same database, for queries over a table named by a type parameter, which Kysely's types cannot follow. */
type AnyTableDb = Kysely<Record<string, Record<string, unknown>>>;
const loosely = (db: Db) => db as unknown as AnyTableDb;
/** A table or column name as a plain string, for `loosely`. */
const name = (identifier: string): string => identifier;

/**
 * Rows per statement at most. A remainder of fewer rows goes in pieces of a power of two (300 rows:
 * 256, 32, 8, 4), so a table's writes take at most ten statement shapes whatever the batch, each
 * compiled and prepared once.
 */
export const ROWS_PER_STATEMENT = 512;

/** Statement text by shape, per dialect (a SQLite and a PostgreSQL database in one process differ). */
const texts = new WeakMap<DialectAdapter, Map<string, string>>();

/**
 * Runs the query `build` makes, compiled by Kysely once per shape: a later query of the same shape (the
 * same table, columns and number of rows, which `shape` must name) runs the text kept with `parameters`.
 * Building a bulk write through Kysely costs more than SQLite takes to run it (a projection batch writes
 * thousands of rows); the text is the one Kysely compiles, and the parameters are checked against
 * Kysely's own the first time, so a shape whose parameters are not in the order given fails at once.
 */
async function runShaped<R>(
  db: Db,
  shape: string,
  parameters: readonly unknown[],
  build: () => Compilable<R>,
): Promise<R[]> {
  const adapter = db.getExecutor().adapter;
  let known = texts.get(adapter);
  if (known === undefined) texts.set(adapter, (known = new Map<string, string>()));
  let text = known.get(shape);
  if (text === undefined) {
    const compiled = build().compile();
    if (
      compiled.parameters.length !== parameters.length ||
      compiled.parameters.some((p, i) => !Object.is(p, parameters[i]))
    )
      throw new Error(`bulk-rows: the parameters of ${shape} are not in the order Kysely compiles them`);
    known.set(shape, (text = compiled.sql));
  }
  const result = await db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}

/** `items` in statements of at most ROWS_PER_STATEMENT, then powers of two. */
async function inPieces<T>(items: readonly T[], each: (piece: readonly T[]) => Promise<void>): Promise<void> {
  let at = 0;
  while (at < items.length) {
    const left = items.length - at;
    const size = left >= ROWS_PER_STATEMENT ? ROWS_PER_STATEMENT : 2 ** Math.floor(Math.log2(left));
    await each(items.slice(at, at + size));
    at += size;
  }
}

type Row<T extends Table> = Insertable<Tables[T]>;

/** The columns of the first row, which every other row must have, in that order. */
function columnsOf<T extends Table>(table: T, rows: readonly Row<T>[]): string[] {
  const columns = Object.keys(rows[0]!);
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i]))
      throw new Error(
        `bulk-rows: rows of ${table} with different columns (${keys.join()} against ${columns.join()})`,
      );
  }
  return columns;
}

/** Every value, row by row: an absent value is written as null (no read-model column has a default). */
function valuesOf(rows: readonly object[], columns: readonly string[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows)
    for (const column of columns) values.push((row as Record<string, unknown>)[column] ?? null);
  return values;
}

/** What an insert does with a row whose key (one column or several) is already there. */
export type OnConflict =
  | { kind: 'fail' }
  | { kind: 'ignore'; key: string | readonly string[] }
  /** Every column but the key's takes the value written. */
  | { kind: 'replace'; key: string | readonly string[] };

/** Inserts `rows` (all with the same columns, in the same order), doing `conflict` on a key already there. */
export async function insertRows<T extends Table>(
  db: Db,
  table: T,
  rows: readonly Row<T>[],
  conflict: OnConflict = { kind: 'fail' },
): Promise<void> {
  if (rows.length === 0) return;
  const columns = columnsOf(table, rows);
  const spec = conflict.kind === 'fail' ? 'fail' : `${conflict.kind}(${keyColumns(conflict).join()})`;
  await inPieces(rows, async (piece) => {
    const values = valuesOf(piece, columns);
    await runShaped(db, `insert ${table} (${columns.join()}) ${spec} x${piece.length}`, values, () =>
      insertQuery(db, table, columns, rowsOf(columns, values), conflict),
    );
  });
}

/** The rows `values` holds, as Kysely is given them (absent values as null, as `values` has them). */
function rowsOf(columns: readonly string[], values: readonly unknown[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (let at = 0; at < values.length; at += columns.length)
    rows.push(Object.fromEntries(columns.map((c, i) => [c, values[at + i]])));
  return rows;
}

const keyColumns = (conflict: Exclude<OnConflict, { kind: 'fail' }>): string[] => [conflict.key].flat();

function insertQuery<T extends Table>(
  db: Db,
  table: T,
  columns: readonly string[],
  rows: Record<string, unknown>[],
  conflict: OnConflict,
): Compilable<unknown> {
  const insert = loosely(db).insertInto(name(table)).values(rows);
  if (conflict.kind === 'fail') return insert;
  const key = keyColumns(conflict);
  return insert.onConflict((oc) => {
    const on = oc.columns(key);
    if (conflict.kind === 'ignore') return on.doNothing();
    return on.doUpdateSet((eb) =>
      Object.fromEntries(columns.filter((c) => !key.includes(c)).map((c) => [c, eb.ref(`excluded.${c}`)])),
    );
  });
}

/** Deletes the rows of `table` whose `column` is one of `keys`. */
export async function deleteWhereIn<T extends Table>(
  db: Db,
  table: T,
  column: keyof Tables[T] & string,
  keys: readonly string[],
): Promise<void> {
  await inPieces(keys, async (piece) => {
    await runShaped(db, `delete ${table} ${column} x${piece.length}`, piece, () =>
      loosely(db)
        .deleteFrom(name(table))
        .where(name(column), 'in', piece as unknown[]),
    );
  });
}

/** Every column of the rows of `table` whose `column` is one of `keys`. */
export async function selectWhereIn<T extends Table>(
  db: Db,
  table: T,
  column: keyof Tables[T] & string,
  keys: readonly string[],
): Promise<Selectable<Tables[T]>[]> {
  const found: Selectable<Tables[T]>[] = [];
  await inPieces(keys, async (piece) => {
    const rows = await runShaped<Selectable<Tables[T]>>(
      db,
      `select ${table} ${column} x${piece.length}`,
      piece,
      () =>
        loosely(db)
          .selectFrom(name(table))
          .selectAll()
          .where(name(column), 'in', piece as unknown[]),
    );
    for (const row of rows) found.push(row);
  });
  return found;
}
