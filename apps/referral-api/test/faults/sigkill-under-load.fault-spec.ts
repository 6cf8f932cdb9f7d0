import { join } from 'node:path';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { AppProcess } from './support/app-process';
import { CompiledApp, compileApp } from './support/compiled-app';
import { recordFaultResult } from './support/fault-results';
import { freePort } from './support/free-port';
import { expectIntact } from './support/integrity';
import { compareWithRebuild, waitForProjections } from './support/projections-check';
import { ReferralLoad } from './support/referral-load';
import { auditStreams, commandsInStore, lostAcks, readSqliteEvents } from './support/stored-events';

const COMMANDS = 10_000;
const CLIENTS = 4;
const KILLS = 20;
const BUDGET_MS = 12 * 60_000;

describe('The single-process app killed with SIGKILL under load', () => {
  let app: AppProcess;
  let compiled: CompiledApp;
  let dir: TempDir;

  beforeAll(async () => {
    compiled = compileApp();
    dir = tempDir('fault-sigkill-');
    app = new AppProcess({
      main: compiled.main,
      dataDir: dir.path,
      port: await freePort(),
      env: { RATE_LIMIT_WRITES_PER_MINUTE: '600000', RATE_LIMIT_WRITE_BURST: '100000' },
    });
  });
  afterAll(async () => {
    await app.stop();
    compiled.remove();
    dir.remove();
  });

  it(`keeps every acknowledged command through ${KILLS} kills in ${COMMANDS} commands`, async () => {
    const started = Date.now();
    await app.start();
    const load = new ReferralLoad(app, {
      commands: COMMANDS,
      clients: CLIENTS,
      retryUnanswered: true,
      deadline: started + BUDGET_MS,
      seed: 20261121,
    });
    const loading = load.run();
    for (let kill = 1; kill <= KILLS; kill += 1) {
      // Kills spread evenly over the load, each shifted a little so they land at different moments of a request.
      const at = Math.floor((kill * COMMANDS) / (KILLS + 1)) + Math.floor(Math.random() * 100) - 50;
      while (load.issued < at) {
        if (Date.now() - started > BUDGET_MS) throw new Error(`Load stalled at ${load.issued} commands`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await app.kill('SIGKILL');
      await app.start();
    }
    await loading;
    await waitForProjections(app, started + BUDGET_MS);
    await app.kill('SIGTERM');

    const events = readSqliteEvents(join(dir.path, 'events.sqlite'));
    const streams = auditStreams(events);
    const commands = commandsInStore(events);
    const lost = lostAcks(load.acks, commands, events);
    const convergence = await compareWithRebuild(dir.path);
    const acknowledged = new Set(load.acks.map((a) => a.correlationId));
    const storedUnacknowledged = [...commands.byCorrelation.keys()].filter(
      (id) => id.startsWith('load-') && !acknowledged.has(id),
    );
    const seconds = (Date.now() - started) / 1000;
    recordFaultResult({
      scenario: 'SIGKILL the single-process app (SQLite)',
      load: `${COMMANDS.toLocaleString('en-GB')} commands from ${CLIENTS} clients; ${load.acks.length.toLocaleString('en-GB')} acknowledged`,
      faults: `${KILLS} × SIGKILL; ${load.unanswered} requests unanswered`,
      lost: lost.length,
      duplicated: commands.appliedTwice.length,
      seconds,
      notes:
        `${streams.streams} streams, ${streams.events} events, no gap/duplicate version: ${streams.gaps.length + streams.duplicateVersions.length === 0}; ` +
        `${storedUnacknowledged.length} commands stored whose answer the kill cut off; refused then re-read: ${JSON.stringify(load.refusals)}; ` +
        `projections equal a rebuild at position ${convergence.headPosition}`,
    });

    expect(app.starts).toBe(KILLS + 1);
    expect(load.issued).toBeGreaterThanOrEqual(COMMANDS);
    expect(load.unexpected).toEqual([]);
    expectIntact({ lost, streams, commands, convergence });
  });
});
