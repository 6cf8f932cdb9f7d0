import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The bench's own folder for Emmett (not a project dependency): its package.json and lock are kept here. */
const FOLDER = join(__dirname, '..', 'emmett');

type EmmettEvent = { type: string; data: unknown; metadata?: Record<string, unknown> };

/** The part of Emmett's PostgreSQL event store the comparison uses. */
export type EmmettStore = {
  appendToStream(
    stream: string,
    events: EmmettEvent[],
    options?: { expectedStreamVersion?: bigint | string | symbol },
  ): Promise<{ nextExpectedStreamVersion: bigint }>;
  close(): Promise<void>;
};

type EmmettPostgres = {
  getPostgreSQLEventStore(connectionString: string, options?: unknown): EmmettStore;
};
type EmmettCore = { STREAM_DOES_NOT_EXIST: string | symbol };

/**
 * Emmett's PostgreSQL event store from `bench/emmett`, installed there from its lock on first use
 * (`npm ci`, from the npm registry), so the figures compare with the versions pinned there.
 */
export function loadEmmett(): { open: (url: string) => EmmettStore; noStream: string | symbol } {
  const modules = join(FOLDER, 'node_modules', '@event-driven-io');
  if (!existsSync(join(modules, 'emmett-postgresql')))
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: FOLDER,
      stdio: 'inherit',
    });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const postgres = require(join(modules, 'emmett-postgresql')) as EmmettPostgres;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(join(modules, 'emmett')) as EmmettCore;
  return {
    open: (url) => postgres.getPostgreSQLEventStore(url),
    noStream: core.STREAM_DOES_NOT_EXIST,
  };
}
