import { HEADERS, SCHEMA_VERSION, canonicalJson, sha256, waitingTimeRowKey } from '@app/contracts';
import type { WaitingTimeRowMessageV1 } from '@app/contracts';
import { backoffMs, errorText, pause } from '@app/messaging';
import type { MessagePublisher, MessagingLog, OutboundMessage } from '@app/messaging';
import { GROUP_BYS, WAIT_MEASURES, measuredAt, publishedPeriods, waitingTimeRows } from '@app/read-models';
import type { ReferralSummary, SuppressionPolicy } from '@app/read-models';
import type { RelayState } from './relay-state.store';

export type WaitingTimesDeps = {
  /** Summaries of referrals received on the UTC dates from..to inclusive (the read model). */
  referralsReceivedBetween: (from: string, to: string) => Promise<ReferralSummary[]>;
  state: RelayState;
  publisher: MessagePublisher;
  topic: string;
  /** The commissioners' disclosure-control policy: only suppressed figures leave the service. */
  policy: SuppressionPolicy;
  clock: () => string;
  log: MessagingLog;
};

/**
 * Publishes the commissioner waiting-time rows (every clock, every grouping, for fixed reporting
 * periods: the last complete month and the month, quarter and financial year under way) to a
 * compacted topic keyed by period and group: a row is sent when its figures changed since the last
 * acknowledged send, and a tombstone when its period or group is no longer published, so the topic
 * holds the latest. Fixed periods, never rolling day windows: two windows a day apart would differ by
 * one day's referrals and disclose them.
 */
export class WaitingTimesPublisher {
  private lastRun: { at: string; published: number } | undefined;

  constructor(private readonly deps: WaitingTimesDeps) {}

  status(): { lastRunAt?: string; published?: number } {
    return { lastRunAt: this.lastRun?.at, published: this.lastRun?.published };
  }

  /** Recomputes every row and publishes those that changed; returns how many messages were acknowledged. */
  async publishChanges(): Promise<number> {
    const { state, topic, policy, clock } = this.deps;
    const now = clock();
    const today = now.slice(0, 10);
    const published = await state.publishedRows(topic);
    const changes = new Map<string, string | null>();
    const messages: OutboundMessage[] = [];
    for (const period of publishedPeriods(today)) {
      const asOf = measuredAt(period, today);
      const referrals = await this.deps.referralsReceivedBetween(period.from, period.to);
      for (const measure of WAIT_MEASURES) {
        for (const groupBy of GROUP_BYS) {
          for (const row of waitingTimeRows(referrals, measure, groupBy, asOf, policy)) {
            const { group, ...figures } = row;
            const key = waitingTimeRowKey({ period: period.id, measure, groupBy, group });
            const hash = sha256(canonicalJson({ suppression: policy.name, asOf, ...figures }));
            if (published.get(key) !== hash) {
              const value: WaitingTimeRowMessageV1 = {
                period: period.id,
                measure,
                groupBy,
                group,
                from: period.from,
                to: period.to,
                asOf,
                suppression: policy.name,
                ...figures,
              };
              messages.push(this.message(key, JSON.stringify(value), now));
              changes.set(key, hash);
            }
            published.delete(key);
          }
        }
      }
    }
    for (const gone of published.keys()) {
      messages.push(this.message(gone, null, now));
      changes.set(gone, null);
    }
    await this.deps.publisher.publish(messages);
    await state.savePublishedRows(topic, changes);
    this.lastRun = { at: now, published: messages.length };
    return messages.length;
  }

  /** Publishes changes every `intervalMs` until aborted; a failed round is retried sooner, with backoff. */
  async run(signal: AbortSignal, intervalMs: number): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.publishChanges();
        failures = 0;
        await pause(intervalMs, signal);
      } catch (error) {
        this.deps.log('warn', 'Waiting-time rows not published; retrying', {
          error: errorText(error),
          attempt: failures,
        });
        await pause(Math.min(intervalMs, backoffMs(failures++, 500, 10_000)), signal);
      }
    }
  }

  private message(key: string, value: string | null, now: string): OutboundMessage {
    return {
      topic: this.deps.topic,
      key,
      value,
      headers: {
        [HEADERS.eventId]: sha256(`${key}\n${value ?? ''}`).slice(0, 32),
        [HEADERS.correlationId]: `waiting-times:${now}`,
        [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
        [HEADERS.messageType]: value === null ? 'WaitingTimeRowRemoved' : 'WaitingTimeRow',
        [HEADERS.contentType]: 'application/json',
      },
    };
  }
}
