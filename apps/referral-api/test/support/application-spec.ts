import { HttpException } from '@nestjs/common';
import { ReferralApplication, problemOf, referralDeciderStore } from '@app/application';
import type { Actor } from '@app/application';
import { loadConfig } from '@app/config';
import { PARTNER_ID_HEADER, topicNames } from '@app/contracts';
import { HashChainedEventStore } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { InboundMessages } from '@app/integration';
import type { InboundResult } from '@app/integration';
import type { InboundMessage } from '@app/messaging';
import { signedAs, testPartnersEnv } from '@app/testing';
import { EncryptingEventStore, openSqliteDataKeyStore, parseMasterKey } from '@app/privacy';
import { REFERRAL_EVENT_SCHEMA_VERSION, referralStreamName } from '@app/referral-domain';
import type { ReferralEvent } from '@app/referral-domain';
import { DEFAULT_POLICY } from '@app/referral-domain/testing';
import { RequestValidationPipe } from '../../src/http/validation.pipe';
import { runCommand } from '../../src/referrals/commands/command-routes';
import { REFERRAL_COMMANDS } from '../../src/referrals/commands/referral-commands';
import type { CommandContext } from '../../src/referrals/shared/command-context';
import { uuidParam } from '../../src/referrals/shared/timed.request';

/** An HTTP command as a caller sends it: the descriptor's operationId, path parameters, body and caller. */
export type HttpInput = {
  command: string;
  params?: Record<string, string>;
  body?: unknown;
  as: Actor;
  ifMatch?: number;
};

/** What the input caused: the events it appended (type and data), and the answer or the problem. */
export type Then = {
  events: { type: string; data: unknown }[];
  response?: { status: number; body: Record<string, unknown> };
  problem?: { status: number; code?: string; detail: string; errors?: { field: string }[] };
  inbound?: InboundResult;
};

export const NOW = '2026-11-02T12:00:00.000Z';
const MASTER = parseMasterKey(Buffer.alloc(32, 7).toString('base64'));
const TOPICS = topicNames('');

/**
 * Application-level specifications in the style of Emmett's API specifications: given stored events,
 * when an HTTP or Kafka input arrives (through the same adapter code the API and the gateway run:
 * parameter and body validation, mapping, the application layer, the production store layers), then
 * these events or this problem. Runs on an in-memory SQLite store with a fixed clock, in milliseconds.
 */
export async function applicationSpec(referralId: string) {
  const engine = new SqliteEventStore({ filename: ':memory:' });
  const keys = await openSqliteDataKeyStore(':memory:', MASTER);
  const store = new EncryptingEventStore(new HashChainedEventStore(engine), keys);
  let sequence = 0;
  const ids = { uuid: () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}` };
  const clock = { now: () => NOW };
  const app = new ReferralApplication({
    deciderStore: referralDeciderStore(store, keys),
    clock,
    ids,
    personalDataKeys: keys,
  });
  const stream = referralStreamName(referralId);
  const partners = loadConfig({ NODE_ENV: 'test', INTEGRATION_PARTNERS: testPartnersEnv() }).auth.partners;
  const inbound = new InboundMessages(TOPICS, app, () => DEFAULT_POLICY, partners);

  async function newEvents(before: number): Promise<Then['events']> {
    return (await store.readStream(stream)).slice(before).map((e) => ({ type: e.type, data: e.data }));
  }

  async function whenHttp(input: HttpInput): Promise<Then> {
    const before = (await store.readStream(stream)).length;
    const d = REFERRAL_COMMANDS.find((c) => c.operationId === input.command);
    if (!d) throw new Error(`No command ${input.command} in the descriptor table`);
    const status: { code?: number } = {};
    const res = {
      status: (code: number) => ((status.code = code), res),
      header: () => res,
    };
    try {
      const params: Record<string, string> = { id: referralId, ...input.params };
      for (const [name, value] of Object.entries(params))
        await uuidParam(name).transform(value, { type: 'param', data: name });
      const body = await new RequestValidationPipe().transform(input.body ?? {}, {
        type: 'body',
        metatype: d.request,
      });
      const ctx: CommandContext = { actor: input.as, correlationId: 'spec', expectedVersion: input.ifMatch };
      const answer = await runCommand(
        { app, ids, config: { intake: DEFAULT_POLICY } },
        d,
        params,
        body,
        ctx,
        res as never,
      );
      const fallback = d.kind === 'create' ? 201 : d.status;
      return { events: await newEvents(before), response: { status: status.code ?? fallback, body: answer } };
    } catch (error) {
      const known = problemOf(error);
      if (known) {
        const { code, errors } = known.extras;
        return {
          events: await newEvents(before),
          problem: { status: known.status, code, detail: known.detail, errors },
        };
      }
      if (!(error instanceof HttpException)) throw error;
      return {
        events: await newEvents(before),
        problem: { status: error.getStatus(), detail: error.message },
      };
    }
  }

  async function whenMessage(message: InboundMessage): Promise<Then> {
    const before = (await store.readStream(stream)).length;
    // Signed by the test hub unless the message carries a partner's headers already.
    const signed =
      message.headers[PARTNER_ID_HEADER] === undefined
        ? { ...message, headers: { ...message.headers, ...signedAs('hub', message) } }
        : message;
    const result = await inbound.apply(signed);
    return { events: await newEvents(before), inbound: result };
  }

  return {
    /** Stores a history as the referral's stream, created by `by` (the referrer, for access rules). */
    async given(history: ReferralEvent[], by: Actor = { sub: 'ref-1', roles: ['referrer'] }) {
      if (history.length > 0) {
        await store.append(
          stream,
          history.map((e) => ({
            type: e.type,
            data: { ...e.data, referralId },
            metadata: {
              eventId: ids.uuid(),
              occurredAt: NOW,
              actor: { sub: by.sub, roles: [...by.roles] },
              correlationId: 'given',
              causationId: 'given',
              schemaVersion: REFERRAL_EVENT_SCHEMA_VERSION,
            },
          })),
          'no_stream',
        );
      }
      return { whenHttp, whenMessage, history: () => newEvents(0) };
    },
    close: async () => {
      await store.close();
      await keys.close();
    },
  };
}

/** A Kafka message as the consumer receives it. */
export function kafkaMessage(
  topic: 'referralsInbound' | 'handoffResponses',
  value: unknown,
  headers: Record<string, string> = {},
): InboundMessage {
  return {
    topic: TOPICS[topic],
    partition: 0,
    offset: '42',
    key: null,
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers,
    timestamp: String(Date.parse('2026-05-31T09:00:00Z')),
  };
}
