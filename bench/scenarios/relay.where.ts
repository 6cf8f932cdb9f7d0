import { join } from 'node:path';
import type { KafkaMessaging } from '@app/messaging';
import type { Figure } from '../lib/figures';
import { formatNumber } from '../lib/figures';
import { inclusiveShare, summariseProfile } from '../lib/cpu-profile';
import type { ProfileSummary } from '../lib/cpu-profile';
import { throughTheRelay, throughTheRelayApart } from '../lib/relay-drive';

/** Where a relay run took place: a broker, a work folder, the run's attempt number (for fresh names). */
export type RelaySetting = { workDir: string; messaging: KafkaMessaging; brokers: string; attempt: number };

/**
 * The relay as its own process beside an API whose projections are already at the head, `runs`
 * times: the relay's own pipeline, with nothing else of the service sharing its thread.
 */
export async function relayApart(
  at: RelaySetting,
  backlog: number,
  runs: number,
  bareRate: number,
): Promise<{ figures: Figure[]; rates: number[] }> {
  const rates: number[] = [];
  for (let i = 0; i < runs; i++)
    rates.push(
      await throughTheRelayApart(at.workDir, at.messaging, at.brokers, {
        backlog,
        name: `relay-apart-${at.attempt}-${i}`,
      }),
    );
  const sorted = [...rates].sort((a, b) => a - b);
  const figure = (which: string, value: number): Figure => ({
    name: `relay as its own process beside a caught-up API: messages/s draining a backlog, ${which} of ${runs} runs`,
    unit: 'messages/s',
    value,
    better: 'higher',
    baseline: { label: 'the same client publishing batches of 100 directly', value: bareRate },
    targets: [{ kind: 'atLeast', value: 10_000 }],
  });
  return {
    rates,
    figures: [figure('median', sorted[Math.floor(sorted.length / 2)]!), figure('slowest', sorted[0]!)],
  };
}

/** A share of a profile's busy time, formatted, for frames whose file matches `test`. */
function shareOf(file: string, test: (url: string) => boolean): string {
  return formatNumber(inclusiveShare(file, (f) => test(f.url)));
}

const inRelay = (url: string) => url.includes('libs/integration/src/relay/');
const inStore = (url: string) => url.includes('libs/event-store/src/') || url.includes('libs/privacy/src/');
const inKafkajs = (url: string) => url.includes('/kafkajs/');

/** Profiles of a quarter-size drain, in the API and with the relay apart, and what they say. */
export async function relayProfiles(
  at: RelaySetting,
  backlog: number,
  profileDir: string,
): Promise<{ profiles: ProfileSummary[]; notes: string[] }> {
  const quarter = Math.max(100, Math.round(backlog / 4));
  const inApiFile = join(profileDir, 'relay-api.cpuprofile');
  await throughTheRelay(at.workDir, at.messaging, at.brokers, {
    backlog: quarter,
    live: 0,
    name: `relay-api-profiled-${at.attempt}`,
    profileFile: inApiFile,
  });
  const inApi = summariseProfile(
    `API process while the relay drains a backlog of ${formatNumber(quarter)} handoffs`,
    inApiFile,
  );
  const apartFile = join(profileDir, 'relay-apart.cpuprofile');
  await throughTheRelayApart(at.workDir, at.messaging, at.brokers, {
    backlog,
    name: `relay-apart-profiled-${at.attempt}`,
    profileFile: apartFile,
  });
  const apart = summariseProfile(
    `the relay's own process, from its first acknowledged publish to its last, draining a backlog of ${formatNumber(backlog)} handoffs`,
    apartFile,
  );
  const projections = shareOf(inApiFile, (url) => url.includes('libs/read-models/src/'));
  const tamperEvidence = shareOf(inApiFile, (url) => url.includes('libs/event-store/src/tamper-evidence/'));
  return {
    profiles: [inApi, apart],
    notes: [
      `In the API, while draining, its thread was idle ${formatNumber(inApi.idlePct)}% of the time. By inclusive share of the busy time (the parts overlap where one calls another): the relay's own code (folding referrals, building messages) ${shareOf(inApiFile, inRelay)}%; the event store with its hash-chain and decryption layers (every follower reads and decrypts every event) ${shareOf(inApiFile, inStore)}%, of which the tamper-evidence log hashing the events it had not seen ${tamperEvidence}%; kafkajs (encoding each record with its five headers, sending) ${shareOf(inApiFile, inKafkajs)}%; the projections catching up in the same process ${projections}%.`,
      `The relay apart, from its first acknowledged publish to its last: idle ${formatNumber(apart.idlePct)}%; kafkajs ${shareOf(apartFile, inKafkajs)}%; reading and decrypting the events ${shareOf(apartFile, inStore)}%; the relay's own code ${shareOf(apartFile, inRelay)}%.`,
    ],
  };
}
