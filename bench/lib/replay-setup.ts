import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DeciderStore } from '@app/event-store';
import { referralDecider } from '@app/referral-domain';
import { generateReferralHistories } from '@app/testing';
import { withMetadata } from './history';
import type { Plan } from './plan';
import { longReferral } from './referral-builders';
import { openLayered, openLayeredForBulkWrite } from './stores';

/** The referral the replay scenario reads: exactly `plan.replay.events` events. */
export const REFERRAL_ID = '6a1f7c52-0d3e-4b8a-9c21-5e7f00b2d100';

/** Given: other generated referrals and one referral of `events` events, in the store file under `dataDir`. */
export async function given(dataDir: string, plan: Plan): Promise<string> {
  const store = await openLayeredForBulkWrite(dataDir);
  let sequence = 0;
  for (const h of generateReferralHistories(plan.replay.otherReferrals, 99)) {
    await store.app.append(h.stream, withMetadata(h, sequence), 'no_stream');
    sequence += h.events.length;
  }
  const long = longReferral(REFERRAL_ID, plan.replay.events);
  await store.app.append(long.stream, withMetadata(long, 1_000_000_000), 'no_stream');
  await store.close();
  return long.stream;
}

export async function timed(warmup: number, samples: number, work: () => unknown): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    const start = process.hrtime.bigint();
    await work();
    if (i >= warmup) ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms;
}

export type InProcess = {
  layered: number[];
  engine: number[];
  plain: number[];
  load: () => Promise<unknown>;
  close: () => Promise<void>;
};

/** DeciderStore.load of the stream through the API's layers and on the adapter alone, beside a plain SELECT of its rows. */
export async function inProcess(dataDir: string, stream: string, plan: Plan): Promise<InProcess> {
  const store = await openLayered(dataDir);
  // Every load folds the whole stream, as an auditor's first replay does: no fold is kept between loads.
  const layered = new DeciderStore(store.app, { keptStreams: 0 });
  const engine = new DeciderStore(store.engine, { keptStreams: 0 });
  const load = () => layered.load(referralDecider, stream);
  const loaded = await load();
  if (loaded.version !== plan.replay.events)
    throw new Error(`the long referral loaded at version ${loaded.version}`);
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  const select = db.prepare(
    'SELECT position, stream, version, type, data, metadata FROM events WHERE stream = ? ORDER BY version',
  );
  const { warmup, samples } = plan.replay;
  const plain = await timed(warmup, samples, () => select.all(stream));
  const engineMs = await timed(warmup, samples, () => engine.load(referralDecider, stream));
  const layeredMs = await timed(warmup, samples, load);
  db.close();
  return {
    layered: layeredMs,
    engine: engineMs,
    plain,
    load: () => timed(0, samples, load),
    close: () => store.close(),
  };
}
