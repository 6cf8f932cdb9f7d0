import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const STATEMENTS_KEPT = 64;

/**
 * A better-sqlite3 database for Kysely's SQLite dialect that keeps the statements it prepared, by SQL
 * text. Kysely prepares every query anew, and preparing costs about as much as running a short query
 * (a command's data-key lookup) and more than running a bulk upsert of thousands of parameters (a
 * projection's batch). Statements run synchronously, so one is never busy when asked for again.
 */
export function reusingStatements(database: Database.Database, kept = STATEMENTS_KEPT): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= kept) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
