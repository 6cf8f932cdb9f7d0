import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore, ExpectedVersion, NewEvent } from '@app/event-store';
import { generateReferralHistories } from '@app/testing';
import { profileInProcess, summariseProfile } from '../lib/cpu-profile';
import type { Figure, ScenarioResult } from '../lib/figures';
import { targetsMet } from '../lib/figures';
import { withMetadata } from '../lib/history';
import type { Plan } from '../lib/plan';
import { openLayered } from '../lib/stores';
import { median, msSince } from '../lib/stats';
import { appendNotes } from './append.notes';

/** One single-event append: the stream, its event, and the version the stream must be at. */
export type AppendRow = { stream: string; version: number; expected: ExpectedVersion; event: NewEvent };

// The adapter's table, repeated so the baseline writes the same rows into the same shape.
const PLAIN_SCHEMA = `CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, version INTEGER NOT NULL,
  type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream, version))`;

type Sync = 'FULL' | 'NORMAL';

/**
 * Appends generated referral events one at a time, 64 referrals in flight, as commands would:
 * a new stream expects no stream, every later event the version before it.
 */
export function appendRows(referrals: number, seed = 7, eventsPerReferral?: number): AppendRow[] {
  const histories = generateReferralHistories(
    referrals,
    seed,
    undefined,
    eventsPerReferral === undefined ? undefined : { eventsPerReferral },
  );
  const rows: AppendRow[] = [];
  let sequence = 0;
  for (let w = 0; w < histories.length; w += 64) {
    const window = histories.slice(w, w + 64).map((h) => {
      const events = withMetadata(h, sequence);
      sequence += events.length;
      return { stream: h.stream, events };
    });
    const longest = Math.max(...window.map((h) => h.events.length));
    for (let k = 0; k < longest; k++) {
      for (const h of window) {
        const event = h.events[k];
        if (event)
          rows.push({ stream: h.stream, version: k + 1, expected: k === 0 ? 'no_stream' : k, event });
      }
    }
  }
  return rows;
}

/** How many callers append at once in the concurrent rows (like the HTTP scenario's 64 connections). */
export const CALLERS = 64;

/** Splits `rows` into `callers` lanes, each owning its streams' rows in order. */
export function lanesOf(rows: AppendRow[], callers: number): AppendRow[][] {
  const lanes = Array.from({ length: callers }, () => [] as AppendRow[]);
  const laneOf = new Map<string, number>();
  for (const row of rows) {
    if (!laneOf.has(row.stream)) laneOf.set(row.stream, laneOf.size % callers);
    lanes[laneOf.get(row.stream)!]!.push(row);
  }
  return lanes;
}

/**
 * `callers` loops at once, each appending its own lane one row at a time (waiting for each
 * answer), until the rows run out or `seconds` pass; returns appends/s.
 */
export async function concurrently(
  rows: AppendRow[],
  callers: number,
  seconds: number,
  append: (row: AppendRow) => Promise<unknown>,
): Promise<number> {
  const start = process.hrtime.bigint();
  const counts = await Promise.all(
    lanesOf(rows, callers).map(async (lane) => {
      let n = 0;
      for (; n < lane.length && msSince(start) < seconds * 1000; n++) await append(lane[n]!);
      return n;
    }),
  );
  return counts.reduce((a, b) => a + b, 0) / (msSince(start) / 1000);
}

type Measured = { app: EventStore; close: () => Promise<void> };

/** Appends through `store` with `callers` concurrent callers (1: strictly one at a time); closes it; appends/s. */
async function appendRate(
  store: Measured,
  rows: AppendRow[],
  callers: number,
  seconds: number,
): Promise<number> {
  try {
    return await concurrently(rows, callers, seconds, (row) =>
      store.app.append(row.stream, [row.event], row.expected),
    );
  } finally {
    await store.close();
  }
}

function storeRate(file: string, sync: Sync, rows: AppendRow[], callers: number, seconds: number) {
  const store = openSqliteEventStore(file, { synchronous: sync });
  return appendRate({ app: store, close: () => store.close() }, rows, callers, seconds);
}

/** Through the layers the API puts on the adapter: hash chain, and personal data encrypted with a key per referral. */
async function layeredRate(dataDir: string, sync: Sync, rows: AppendRow[], callers: number, seconds: number) {
  return appendRate(await openLayered(dataDir, sync), rows, callers, seconds);
}

/**
 * Plain better-sqlite3: the same rows, serialised the same way, `perCommit` rows per transaction,
 * taken in the order the store's callers send them (a lane's row, then the next lane's).
 */
function plainRate(file: string, sync: Sync, rows: AppendRow[], perCommit: number, seconds: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.exec(PLAIN_SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (stream, version, type, data, metadata) VALUES (?, ?, ?, ?, ?)',
  );
  const insertRow = ({ stream, version, event }: AppendRow): void => {
    const metadata = JSON.stringify({ ...event.metadata, recordedAt: new Date().toISOString() });
    insert.run(stream, version, event.type, JSON.stringify(event.data), metadata);
  };
  const commit = db.transaction((group: AppendRow[]) => group.forEach(insertRow));
  const ordered = interleave(lanesOf(rows, perCommit));
  const start = process.hrtime.bigint();
  let n = 0;
  for (; n < ordered.length && msSince(start) < seconds * 1000; n += perCommit) {
    const group = ordered.slice(n, n + perCommit);
    if (perCommit === 1) insertRow(group[0]!);
    else commit(group);
  }
  const rate = Math.min(n, ordered.length) / (msSince(start) / 1000);
  db.close();
  return rate;
}

function interleave(lanes: AppendRow[][]): AppendRow[] {
  const longest = Math.max(...lanes.map((lane) => lane.length));
  const out: AppendRow[] = [];
  for (let k = 0; k < longest; k++) for (const lane of lanes) if (lane[k]) out.push(lane[k]!);
  return out;
}

type Rates = {
  store: number[];
  plain: number[];
  sequential: number[];
  plainOne: number[];
  layered: number[];
};

/** One round: every measurement on a fresh file, plain and store alternating which goes first. */
async function round(plan: Plan, workDir: string, sync: Sync, rows: AppendRow[], r: number, rates: Rates) {
  const file = (kind: string) => join(workDir, `append-${sync}-${kind}-${r}.sqlite`);
  const seconds = plan.append.seconds;
  const plainPair = () => {
    rates.plain.push(plainRate(file('plain'), sync, rows, CALLERS, seconds));
    rates.plainOne.push(plainRate(file('plain-one'), sync, rows, 1, seconds));
  };
  if (r % 2 === 0) plainPair();
  rates.store.push(await storeRate(file('store'), sync, rows, CALLERS, seconds));
  rates.sequential.push(await storeRate(file('sequential'), sync, rows, 1, seconds));
  if (r % 2 === 1) plainPair();
  rates.layered.push(
    await layeredRate(join(workDir, `append-${sync}-layered-${r}`), sync, rows, CALLERS, seconds),
  );
}

/** Embedded append throughput with synchronous FULL (the default) and NORMAL, each beside plain better-sqlite3 inserts. */
export async function appendScenario(
  plan: Plan,
  workDir: string,
  profileDir: string,
): Promise<ScenarioResult[]> {
  const rows = appendRows(plan.append.referrals);
  const results: ScenarioResult[] = [];
  for (const sync of ['FULL', 'NORMAL'] as const) {
    const rates: Rates = { store: [], plain: [], sequential: [], plainOne: [], layered: [] };
    for (let r = 0; r < plan.append.rounds; r++) await round(plan, workDir, sync, rows, r, rates);
    const batched = {
      label: `plain better-sqlite3 INSERT, ${CALLERS} rows per transaction, synchronous=${sync}`,
      value: median(rates.plain),
    };
    const figure: Figure = {
      name: `single-event appends with expected version, ${CALLERS} concurrent callers (group commit)`,
      unit: 'appends/s',
      value: median(rates.store),
      better: 'higher',
      baseline: batched,
      targets: [
        { kind: 'atLeast', value: 25_000 },
        { kind: 'ratioAtLeast', value: 0.8 },
      ],
    };
    const sequential: Figure = {
      name: 'the same, one caller, one append at a time',
      unit: 'appends/s',
      value: median(rates.sequential),
      better: 'higher',
      baseline: {
        label: `plain better-sqlite3 INSERT, one per transaction, synchronous=${sync}`,
        value: median(rates.plainOne),
      },
    };
    const layered: Figure = {
      name: `${CALLERS} concurrent callers through the API's store layers (hash chain, encryption)`,
      unit: 'appends/s',
      value: median(rates.layered),
      better: 'higher',
      baseline: batched,
    };
    const result: ScenarioResult = {
      id: `append-${sync.toLowerCase()}`,
      title: `1. Append, embedded SQLite, synchronous=${sync}${sync === 'FULL' ? ' (default)' : ''}`,
      figures: [figure, sequential, layered],
      notes: appendNotes(sync, CALLERS, { grouped: figure, sequential }, rows.length, plan),
    };
    if (plan.profile === 'all' || (plan.profile === 'missed' && targetsMet(figure) === false)) {
      const file = await profileInProcess(profileDir, `append-${sync}`, async () => {
        await storeRate(
          join(workDir, `append-${sync}-profiled.sqlite`),
          sync,
          rows,
          CALLERS,
          plan.append.seconds,
        );
      });
      result.profiles = [
        summariseProfile(`SqliteEventStore.append, ${CALLERS} concurrent callers, synchronous=${sync}`, file),
      ];
    }
    results.push(result);
  }
  return results;
}
