import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { EventStore, NewEvent } from '@app/event-store';
import { REFERRAL_EVENT_SCHEMA_VERSION } from '@app/referral-domain';
import { generateReferralHistories } from '@app/testing';
import type { GeneratedReferral } from '@app/testing';
import { ROOT } from './child';
import { uuidFrom } from './referral-builders';
import { openLayeredForBulkWrite } from './stores';

const CHUNK = 5_000;
// Bump when `withMetadata` changes what it writes.
const METADATA_VERSION = 1;
const STORED_SHAPE = [
  'libs/testing/src/referral-history.generator.ts',
  'libs/event-store/src/adapters/sqlite/sqlite.schema.ts',
  'libs/event-store/src/tamper-evidence/event-hash.ts',
  'libs/privacy/src/personal-data.fields.ts',
  'libs/referral-domain/src/referral/referral.personal-data.ts',
  'libs/privacy/src/personal-envelope.ts',
  'libs/privacy/src/field-cipher.ts',
];

/** Metadata as the API would record it, derived from the event so every run writes the same bytes. */
export function withMetadata(history: GeneratedReferral, sequence: number): NewEvent[] {
  return history.events.map((event, index) => {
    const data = event.data as { at?: string; receivedAt?: string };
    const id = uuidFrom(sequence + index);
    const actor =
      event.type === 'ReferralReceived'
        ? { sub: 'school-system-1', roles: ['referrer'] }
        : { sub: 'lw-bench', roles: ['link_worker'] };
    return {
      type: event.type,
      data: event.data,
      metadata: {
        eventId: id,
        occurredAt: data.at ?? data.receivedAt ?? '2025-01-06T09:00:00.000Z',
        actor,
        correlationId: id,
        causationId: id,
        schemaVersion: REFERRAL_EVENT_SCHEMA_VERSION,
      },
    };
  });
}

export type CachedHistory = {
  dir: string;
  referrals: number;
  events: number;
  generatedNow: boolean;
  generateSeconds?: number;
};

/**
 * The seeded history of `referrals` referrals (about `eventsPerReferral` events each) in a data folder
 * under bench/.data (events.sqlite and data-keys.sqlite), written once through the API's store layers
 * (hash chain, personal data encrypted) and reused while the generator is unchanged.
 */
export async function cachedHistory(
  referrals: number,
  eventsPerReferral: number,
  seed = 42,
): Promise<CachedHistory> {
  const dir = join(ROOT, 'bench', '.data', `history-${referrals}r-${eventsPerReferral}e-seed${seed}`);
  const manifestFile = join(dir, 'manifest.json');
  const fingerprint = generatorFingerprint();
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      fingerprint: string;
      events: number;
    };
    if (manifest.fingerprint === fingerprint)
      return { dir, referrals, events: manifest.events, generatedNow: false };
  }
  const started = Date.now();
  const partial = `${dir}.partial`;
  rmSync(dir, { recursive: true, force: true });
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const store = await openLayeredForBulkWrite(partial);
  const events = await appendGenerated(store.app, referrals, eventsPerReferral, seed);
  await store.close();
  writeFileSync(
    join(partial, 'manifest.json'),
    JSON.stringify({ referrals, eventsPerReferral, seed, events, fingerprint }, null, 2),
  );
  renameSync(partial, dir);
  return { dir, referrals, events, generatedNow: true, generateSeconds: (Date.now() - started) / 1000 };
}

async function appendGenerated(
  store: EventStore,
  referrals: number,
  eventsPerReferral: number,
  seed: number,
): Promise<number> {
  const bar = new SingleBar(
    {
      format: 'generating history [{bar}] {value}/{total} referrals | {events} events',
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    Presets.shades_classic,
  );
  bar.start(referrals, 0, { events: 0 });
  let events = 0;
  for (let from = 0, chunk = 0; from < referrals; from += CHUNK, chunk += 1) {
    const histories = generateReferralHistories(Math.min(CHUNK, referrals - from), seed + chunk, undefined, {
      eventsPerReferral,
    });
    for (const history of histories) {
      await store.append(history.stream, withMetadata(history, events), 'no_stream');
      events += history.events.length;
    }
    bar.update(from + histories.length, { events });
  }
  bar.stop();
  return events;
}

/** Changes when the generator or what decides the stored bytes change, so a stale cache is rebuilt. */
function generatorFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of STORED_SHAPE)
    hash.update(existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file)) : file);
  hash.update(`metadata v${METADATA_VERSION}`);
  return hash.digest('hex').slice(0, 16);
}
