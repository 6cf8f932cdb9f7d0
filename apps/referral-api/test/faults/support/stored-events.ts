import Database from 'better-sqlite3';
import { queryDatabase } from '@app/testing';
import { verifyChain } from '@app/event-store';
import type { StoredEvent } from '@app/event-store';
import type { Ack } from './referral-load';

/** An event as the storage engine holds it: personal data still encrypted, metadata in the clear. */
export type RawEvent = StoredEvent;

/** Every event in the SQLite file, read with SQL rather than through the adapter under test; the checks below take any loader's. */
export function readSqliteEvents(file: string): RawEvent[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    type Row = {
      position: number;
      stream: string;
      version: number;
      type: string;
      data: string;
      metadata: string;
    };
    const rows = db
      .prepare('SELECT position, stream, version, type, data, metadata FROM events ORDER BY position')
      .all() as Row[];
    return rows.map((r) => ({
      ...r,
      data: JSON.parse(r.data) as unknown,
      metadata: JSON.parse(r.metadata) as RawEvent['metadata'],
    }));
  } finally {
    db.close();
  }
}

/** Every event in a PostgreSQL database's `events` table (schema `public`), read with SQL. */
export async function readPostgresEvents(url: string): Promise<RawEvent[]> {
  type Row = {
    position: string;
    stream: string;
    version: number;
    type: string;
    data: unknown;
    metadata: RawEvent['metadata'];
  };
  const rows = await queryDatabase<Row>(
    url,
    'SELECT position, stream, version, type, data, metadata FROM public.events ORDER BY position',
  );
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

export type StreamAudit = {
  streams: number;
  events: number;
  /** Streams whose versions are not exactly 1..n (a gap, or a version held twice). */
  gaps: string[];
  duplicateVersions: string[];
  /** Streams whose hash chain no longer verifies (a torn or reordered write). */
  brokenChains: string[];
};

/** Checks every stream for gaps and duplicate versions, and its hash chain. */
export function auditStreams(events: RawEvent[]): StreamAudit {
  const byStream = new Map<string, RawEvent[]>();
  for (const e of events)
    byStream
      .set(e.stream, byStream.get(e.stream) ?? [])
      .get(e.stream)!
      .push(e);
  const audit: StreamAudit = {
    streams: byStream.size,
    events: events.length,
    gaps: [],
    duplicateVersions: [],
    brokenChains: [],
  };
  for (const [stream, list] of byStream) {
    const versions = list.map((e) => e.version).sort((a, b) => a - b);
    if (new Set(versions).size !== versions.length) audit.duplicateVersions.push(stream);
    if (versions.some((v, i) => v !== i + 1)) audit.gaps.push(stream);
    if (!verifyChain([...list].sort((a, b) => a.version - b.version)).valid) audit.brokenChains.push(stream);
  }
  return audit;
}

export type CommandsInStore = {
  /** Events of each request, by the X-Correlation-Id the client sent. */
  byCorrelation: Map<string, RawEvent[]>;
  /** Requests whose events were written by more than one append: a command applied twice. */
  appliedTwice: string[];
};

/** Groups the events of referral streams by the request that wrote them. */
export function commandsInStore(events: RawEvent[]): CommandsInStore {
  const byCorrelation = new Map<string, RawEvent[]>();
  for (const e of events) {
    if (!e.stream.startsWith('referral-')) continue;
    const id = e.metadata.correlationId;
    byCorrelation
      .set(id, byCorrelation.get(id) ?? [])
      .get(id)!
      .push(e);
  }
  // One append stamps one recordedAt on consecutive versions of one stream.
  const appliedTwice = [...byCorrelation]
    .filter(([, list]) => {
      const streams = new Set(list.map((e) => e.stream));
      const appends = new Set(list.map((e) => e.metadata.recordedAt));
      const versions = list.map((e) => e.version).sort((a, b) => a - b);
      const contiguous = versions.every((v, i) => i === 0 || v === versions[i - 1]! + 1);
      return streams.size > 1 || appends.size > 1 || !contiguous;
    })
    .map(([id]) => id);
  return { byCorrelation, appliedTwice };
}

/** Acknowledged commands whose events are not in the store: what a crash must never lose. */
export function lostAcks(acks: Ack[], store: CommandsInStore, events: RawEvent[]): Ack[] {
  const versionOf = new Map<string, number>();
  for (const e of events) versionOf.set(e.stream, Math.max(versionOf.get(e.stream) ?? 0, e.version));
  return acks.filter((ack) => {
    const stream = `referral-${ack.referralId}`;
    if ((versionOf.get(stream) ?? 0) < ack.version) return true;
    // A 2xx that changed nothing (no events decided) has nothing of its own to find.
    if (ack.version === ack.fromVersion) return false;
    return !(store.byCorrelation.get(ack.correlationId) ?? []).some(
      (e) => e.stream === stream && e.version === ack.version,
    );
  });
}
