import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/child';
import { msSince } from '../lib/stats';
import { BENCH_SECRET } from '../lib/servers';
import { BENCH_AUDIT_SIGNING_KEY, BENCH_MASTER_KEY } from '../lib/stores';

const CLI = 'apps/referral-api/src/cli/directory.cli.ts';

export type CliRun = { seconds: number; summary: string; output: string };

/**
 * Runs the directory CLI as `npm run directory:import` does (swc-node, tsconfig paths) on `dataDir`, with
 * production settings and the embedded store; fails unless it exits 0. Wall-clock seconds, start-up included.
 */
export async function runDirectoryCli(args: string[], dataDir: string): Promise<CliRun> {
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    READ_MODEL_STORE: 'sqlite',
    EVENT_STORE: 'sqlite',
    AUTH_JWT_SECRET: BENCH_SECRET,
    DATA_KEY_MASTER: BENCH_MASTER_KEY,
    AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
  };
  delete env.DATABASE_URL;
  delete env.READ_MODEL_DATABASE_URL;
  const start = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', '-r', 'tsconfig-paths/register', CLI, ...args],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const seconds = msSince(start) / 1000;
  if (code !== 0) throw new Error(`${CLI} ${args.join(' ')} exited ${code}: ${output.trim().slice(-1000)}`);
  const summary = output.trim().split('\n').at(-1) ?? '';
  return { seconds, summary, output };
}

/**
 * The floor of a durable one-by-one import on this disk: the feed's file read and parsed, then each
 * service's JSON inserted by id with plain better-sqlite3, one transaction per service (WAL,
 * synchronous=FULL, as the directory's store), in a fresh file in `parent`. Seconds.
 */
export function plainImportSeconds(parent: string, feedFile: string): number {
  const dir = mkdtempSync(join(parent, 'directory-plain-'));
  const start = process.hrtime.bigint();
  const db = new Database(join(dir, 'plain.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE service (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO service (id, doc) VALUES (?, ?)');
    const one = db.transaction((id: string, doc: string) => insert.run(id, doc));
    const services = JSON.parse(readFileSync(feedFile, 'utf8')) as { id: string }[];
    for (const s of services) one(s.id, JSON.stringify(s));
    return msSince(start) / 1000;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
