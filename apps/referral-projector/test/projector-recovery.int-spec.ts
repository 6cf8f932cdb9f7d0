import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore } from '@app/event-store';
import { ReadModels } from '@app/read-models';
import { generateReferralHistories, tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';

const ROOT = join(__dirname, '..', '..', '..');
type PackageJson = { scripts: Record<string, string> };

async function appendHistories(store: EventStore, count: number, seed: number): Promise<void> {
  for (const h of generateReferralHistories(count, seed)) {
    const metadata = {
      eventId: '',
      occurredAt: '2025-01-01T00:00:00Z',
      actor: { sub: 'gen', roles: [] },
      correlationId: 'gen',
      causationId: 'gen',
      schemaVersion: 1,
    };
    await store.append(
      h.stream,
      h.events.map((e) => ({ ...e, metadata: { ...metadata, eventId: randomUUID() } })),
      'no_stream',
    );
  }
}

async function rows(readModels: ReadModels) {
  return (await readModels.rows()).referralSummary;
}

/** The lowest checkpoint of the projections (0 before any has applied an event). */
async function lowestCheckpoint(readModels: ReadModels): Promise<number> {
  const positions = Object.values(await readModels.checkpoints());
  return positions.length ? Math.min(...positions) : 0;
}

async function rebuild(store: EventStore, file: string): Promise<ReadModels> {
  const readModels = await ReadModels.openSqlite(file);
  for (const runner of readModels.runners(store)) await runner.catchUp();
  return readModels;
}

/** A script of the projector app, started as its npm script starts it (`nodeFlags` such as the heap cap). */
function projectorScript(script: string, dataDir: string, args: string[], nodeFlags: string[] = []) {
  return spawn(
    process.execPath,
    [...nodeFlags, '-r', '@swc-node/register', '-r', 'tsconfig-paths/register', script, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

const projector = (dataDir: string, args: string[]) =>
  projectorScript('apps/referral-projector/src/main.ts', dataDir, args);

/** `npm run projections:rebuild` on `dataDir`, with the V8 flags of that script: its exit code and what it printed. */
async function rebuildCli(dataDir: string): Promise<{ code: number | null; out: string }> {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson).scripts;
  const flags = scripts['projections:rebuild']?.match(/--max-old-space-size=\d+/g) ?? [];
  const child = projectorScript('apps/referral-projector/src/rebuild.cli.ts', dataDir, [], flags);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, out };
}

describe('Projection recovery', () => {
  let dir: TempDir;
  let store: EventStore;
  beforeEach(() => {
    dir = tempDir('projector-');
    store = openSqliteEventStore(join(dir.path, 'events.sqlite'), { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('a projector killed mid-run and restarted leaves exactly the rows of a clean rebuild', async () => {
    await appendHistories(store, 3000, 7);
    const head = await store.headPosition();
    const live = await ReadModels.openSqlite(join(dir.path, 'read-models.sqlite'));
    const child = projector(dir.path, []);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let killedAt = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      killedAt = await lowestCheckpoint(live);
      if (killedAt > 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    child.kill('SIGKILL');
    await exited;
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(head);

    const restarted = projector(dir.path, ['--once']);
    const code = await new Promise((resolve) => restarted.on('exit', resolve));
    expect(code).toBe(0);
    const expected = await rebuild(store, join(dir.path, 'rebuilt.sqlite'));
    expect(await rows(live)).toEqual(await rows(expected));
    expect(await lowestCheckpoint(live)).toBe(head);
    await Promise.all([live.close(), expected.close()]);
  }, 120_000);

  it('npm run projections:rebuild brings read models that fell behind to exactly the rows of a catch-up from 0', async () => {
    await appendHistories(store, 300, 11);
    const stale = await ReadModels.openSqlite(join(dir.path, 'read-models.sqlite'));
    for (const runner of stale.runners(store)) await runner.catchUp();
    await stale.close();
    await appendHistories(store, 200, 12);
    const head = await store.headPosition();

    const { code, out } = await rebuildCli(dir.path);
    expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining(`over ${head} events`) });
    // Every projection the projector runs, the identity index included (its key is configured).
    expect(out).toMatch(/Rebuilt 3 projection\(s\)/);
    const rebuilt = await ReadModels.openSqlite(join(dir.path, 'read-models.sqlite'));
    const expected = await rebuild(store, join(dir.path, 'expected.sqlite'));
    expect(await rows(rebuilt)).toHaveLength(500);
    expect(await rows(rebuilt)).toEqual(await rows(expected));
    expect(Object.values(await rebuilt.checkpoints())).toEqual([head, head, head]);
    await Promise.all([rebuilt.close(), expected.close()]);
  }, 120_000);

  it('a live projection following concurrent appends equals a rebuild from position 0', async () => {
    const live = await ReadModels.openSqlite(join(dir.path, 'live.sqlite'));
    const runner = live.runners(store, { batchSize: 97 })[0]!;
    const controller = new AbortController();
    const following = runner.run(controller.signal);
    for (let seed = 1; seed <= 5; seed++) await appendHistories(store, 200, seed);
    const head = await store.headPosition();
    const deadline = Date.now() + 30_000;
    while (runner.current().position < head && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await following;
    const rebuilt = await rebuild(store, join(dir.path, 'rebuilt.sqlite'));
    const liveRows = await rows(live);
    expect(liveRows).toHaveLength(1000);
    expect(liveRows).toEqual(await rows(rebuilt));
    await Promise.all([live.close(), rebuilt.close()]);
  }, 60_000);

  it('an event the projection cannot apply stops it at that position, never skipped', async () => {
    await appendHistories(store, 3, 3);
    const bad = await store.append(
      'referral-orphan',
      [
        {
          type: 'ReferralAccepted',
          data: { referralId: 'orphan', at: '2025-02-01T00:00:00Z', linkWorkerId: 'lw', snomedCode: 'x' },
          metadata: {
            eventId: randomUUID(),
            occurredAt: '2025-02-01T00:00:00Z',
            actor: { sub: 'x', roles: [] },
            correlationId: 'c',
            causationId: 'c',
            schemaVersion: 1,
          },
        },
      ],
      'no_stream',
    );
    await appendHistories(store, 2, 4);
    const db = await ReadModels.openSqlite(':memory:');
    const runner = db.runners(store, { batchSize: 5 })[0]!;
    await expect(runner.run(new AbortController().signal)).resolves.toBeUndefined();
    expect(runner.current()).toMatchObject({
      state: 'failed',
      failure: { position: bad.position, eventType: 'ReferralAccepted', stream: 'referral-orphan' },
    });
    expect(await runner.checkpoint()).toBeLessThan(bad.position);
    await db.close();
  });
});
