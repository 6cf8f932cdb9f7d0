import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { GENESIS_HASH, eventHash } from '@app/event-store';
import { queryDatabase } from '@app/testing';
import type { Api } from './api-harness';
import { TEST_SECRET } from './api-harness';

type Row = {
  position: number;
  stream: string;
  version: number;
  type: string;
  data: string;
  metadata: string;
};

/**
 * Direct access to the stored events, as an insider with the database's credentials has it, on
 * SQLite or PostgreSQL: `{events}` names the table and `{json}` a JSON parameter.
 */
export class Tamperer {
  constructor(private readonly api: Api) {}

  async run(sql: string, params: unknown[] = []): Promise<Row[]> {
    const store = this.api.config.eventStore;
    if (store.kind === 'postgres') {
      let n = 0;
      const text = sql
        .replaceAll('{events}', `"${store.postgres.schema}".events`)
        .replace(/\{json\}|\?/g, (m) => `$${++n}${m === '{json}' ? '::json' : ''}`)
        .replaceAll('data,', 'data::text AS data,')
        .replaceAll('metadata FROM', 'metadata::text AS metadata FROM');
      const rows = await queryDatabase<Row>(store.postgres.url, text, params);
      return rows.map((r) => ({ ...r, position: Number(r.position) }));
    }
    const db = new Database(join(this.api.config.dataDir, 'events.sqlite'));
    try {
      const statement = db.prepare(sql.replaceAll('{events}', 'events').replaceAll('{json}', '?'));
      return statement.reader ? (statement.all(...params) as Row[]) : (statement.run(...params), []);
    } finally {
      db.close();
    }
  }

  rows(stream: string): Promise<Row[]> {
    return this.run(
      'SELECT position, stream, version, type, data, metadata FROM {events} WHERE stream = ? ORDER BY version',
      [stream],
    );
  }

  /** The streams of the last `count` events of the whole log. */
  async lastEvents(count: number): Promise<Row[]> {
    return this.run(
      `SELECT position, stream, version, type, data, metadata FROM {events} ORDER BY position DESC LIMIT ${count}`,
    );
  }

  editData(stream: string, version: number, edit: (data: Record<string, unknown>) => void) {
    return this.edit('data', stream, version, edit);
  }

  editMetadata(stream: string, version: number, edit: (metadata: Record<string, unknown>) => void) {
    return this.edit('metadata', stream, version, edit);
  }

  /** Rewrites one stored JSON column of one event. */
  private async edit(
    column: 'data' | 'metadata',
    stream: string,
    version: number,
    edit: (value: Record<string, unknown>) => void,
  ): Promise<void> {
    const row = (await this.rows(stream)).find((r) => r.version === version)!;
    const value = JSON.parse(row[column]) as Record<string, unknown>;
    edit(value);
    await this.run(`UPDATE {events} SET ${column} = {json} WHERE stream = ? AND version = ?`, [
      JSON.stringify(value),
      stream,
      version,
    ]);
  }

  /** Recomputes the documented per-stream SHA-256 chain over what is stored now, as a careful tamperer would. */
  async rehash(stream: string): Promise<void> {
    let previous = GENESIS_HASH;
    for (const row of await this.rows(stream)) {
      const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
      const hash = eventHash(previous, { type: row.type, data: JSON.parse(row.data), metadata });
      await this.editMetadata(stream, row.version, (m) => void (m.hash = hash));
      previous = hash;
    }
  }

  async swapVersions(stream: string, a: number, b: number): Promise<void> {
    await this.run('UPDATE {events} SET version = -1 WHERE stream = ? AND version = ?', [stream, a]);
    await this.run('UPDATE {events} SET version = ? WHERE stream = ? AND version = ?', [a, stream, b]);
    await this.run('UPDATE {events} SET version = ? WHERE stream = ? AND version = -1', [b, stream]);
  }
}

/** Runs `npm run audit -- <args>` against the API's stores, as an auditor on the server would. */
export function auditCli(
  api: Api,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const store = api.config.eventStore;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DATA_DIR: api.config.dataDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    ...(store.kind === 'postgres'
      ? { EVENT_STORE: 'postgres', READ_MODEL_STORE: 'postgres', DATABASE_URL: store.postgres.url }
      : {}),
  };
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-r',
      'tsconfig-paths/register',
      'apps/referral-api/src/cli/audit.cli.ts',
      ...args,
    ],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
