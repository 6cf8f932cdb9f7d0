import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { openEventStore } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { openEventStoreLayers } from '@app/privacy';
import { PROJECTIONS_PERSONAL_DATA, ReadModels, openSharedState } from '@app/read-models';
import { FAULT_SECRET } from './app-process';

export type Convergence = {
  headPosition: number;
  /** Each projection's checkpoint in the live read models. */
  checkpoints: Record<string, number>;
  referralRows: number;
  accessRows: number;
  /** Rows that differ between the live read models and a rebuild from position 0. */
  differingReferralRows: string[];
  differingAccessRows: number[];
};

type ReadModelRows = Awaited<ReturnType<typeof rows>>;

/**
 * Both read models' rows, in one shape whatever the database (`ReadModels.rows` gives positions as
 * numbers on PostgreSQL, which returns a bigint column as text, as on SQLite).
 */
async function rows(readModels: ReadModels) {
  const { referralSummary, accessLog } = await readModels.rows();
  return { referrals: referralSummary, access: accessLog };
}

function differing<K>(
  live: Record<string, unknown>[],
  rebuilt: Record<string, unknown>[],
  key: (r: Record<string, unknown>) => K,
): K[] {
  const expected = new Map(rebuilt.map((r) => [key(r), JSON.stringify(r)]));
  const seen = new Set<K>();
  const diff = live
    .filter((r) => {
      seen.add(key(r));
      return expected.get(key(r)) !== JSON.stringify(r);
    })
    .map(key);
  return [...diff, ...[...expected.keys()].filter((k) => !seen.has(k))];
}

/**
 * When live and rebuilt read models differ, prints both versions of each differing row and the stored
 * events around it (positions, streams, versions, types, times; for a referral row, which fields), so a failure that
 * happens once in many runs explains itself from the CI log.
 */
async function explainDifferences(
  store: EventStore,
  mine: ReadModelRows,
  expected: ReadModelRows,
): Promise<void> {
  const byPosition = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [Number(r.position), r]));
  const [live, rebuilt] = [byPosition(mine.access), byPosition(expected.access)];
  for (const position of differing(mine.access, expected.access, (r) => Number(r.position))) {
    const around = (await store.readAll(Math.max(0, position - 4), 8)).map((e) => [
      e.position,
      e.stream,
      e.version,
      e.type,
      e.metadata.recordedAt,
    ]);
    process.stderr.write(
      `[faults] access row ${position} differs: live ${JSON.stringify(live.get(position) ?? null)}, rebuilt ${JSON.stringify(rebuilt.get(position) ?? null)}; stored around it ${JSON.stringify(around)}\n`,
    );
  }
  const [liveRefs, rebuiltRefs] = [mine.referrals, expected.referrals].map(
    (rows) => new Map(rows.map((r) => [String(r.referral_id), r])),
  );
  for (const id of differing(mine.referrals, expected.referrals, (r) => String(r.referral_id))) {
    const [a, b] = [liveRefs!.get(id), rebuiltRefs!.get(id)];
    const fields =
      a && b
        ? Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
        : [a ? 'missing from the rebuild' : 'missing from the live read model'];
    const detail =
      fields.length === 1 && a && b
        ? `: live ${String(a[fields[0]!])}, rebuilt ${String(b[fields[0]!])}`
        : '';
    process.stderr.write(`[faults] referral row ${id} differs: ${fields.join(', ')}${detail}\n`);
  }
}

/**
 * Compares the app's read models with a rebuild from position 0 over the same store (through the same
 * view as the app's projections and the projector). Run it with the app stopped.
 */
export async function compareWithRebuild(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Convergence> {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, AUTH_JWT_SECRET: FAULT_SECRET, ...env });
  const engine = await openEventStore(config.eventStore, { dataDir, applicationName: 'fault-check' });
  const shared = await openSharedState(config.sharedState, 'fault-check');
  const layers = await openEventStoreLayers(engine, { ...config, keyDatabase: shared.database });
  const scratch = mkdtempSync(join(tmpdir(), 'fault-rebuild-'));
  const rebuilt = await ReadModels.openSqlite(join(scratch, 'read-models.sqlite'), layers.blindIndex);
  const live = await ReadModels.open(config.readModelStore, { ...config, blindIndex: layers.blindIndex });
  try {
    // The view the app's projections read: only the personal data a projection declares is opened.
    const view = layers.app.revealing(PROJECTIONS_PERSONAL_DATA, { keepEnvelope: true });
    for (const runner of rebuilt.runners(view, { batchSize: 5000 })) await runner.catchUp();
    const [mine, expected] = await Promise.all([rows(live), rows(rebuilt)]);
    await explainDifferences(layers.audit, mine, expected);
    const checkpoints = await live.checkpoints();
    return {
      headPosition: await layers.app.headPosition(),
      checkpoints,
      referralRows: mine.referrals.length,
      accessRows: mine.access.length,
      differingReferralRows: differing(mine.referrals, expected.referrals, (r) => String(r.referral_id)),
      differingAccessRows: differing(mine.access, expected.access, (r) => Number(r.position)),
    };
  } finally {
    await Promise.all([live.close(), rebuilt.close()]);
    await layers.close();
    await shared.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Waits until /health says every projection has applied every stored event (the app keeps running). */
export async function waitForProjections(app: { baseUrl: string }, deadline: number): Promise<void> {
  for (;;) {
    const res = await fetch(`${app.baseUrl}/health`);
    const health = (await res.json()) as { projections?: { eventsBehind: number }[] };
    if (health.projections?.every((p) => p.eventsBehind === 0)) return;
    if (Date.now() > deadline) throw new Error(`Projections did not catch up: ${JSON.stringify(health)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
