import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DLQ_HEADERS, inboundReferralId } from '@app/contracts';
import { DeadLetters } from '@app/integration';
import type { DeadLetterView } from '@app/integration';
import {
  describeWithKafka,
  eventually,
  kafkaTestBrokers,
  nativeInboundMessage,
  recordTopics,
  signedAs,
} from '@app/testing';
import { bearer } from './support/api-harness';
import type { KafkaApi } from './support/kafka-harness';
import { startApiWithKafka } from './support/kafka-harness';

const run = promisify(execFile);

/** Issue 18, 4: dead letters inspected and replayed once their cause is fixed, idempotently. */
describeWithKafka('Dead letters: list, show and replay', () => {
  let k: KafkaApi;
  let letters: DeadLetters;
  beforeAll(async () => {
    k = await startApiWithKafka('dlq');
    letters = new DeadLetters(k.messaging, k.partner, k.topics);
  }, 60_000);
  afterAll(() => k?.close());

  const manager = () => bearer(k.api.token('service_manager', 'sm-1'));
  const cli = async (...args: string[]) =>
    (
      await run('npm', ['run', '-s', 'dlq', '--', ...args], {
        env: { ...process.env, KAFKA_BROKERS: kafkaTestBrokers(), KAFKA_TOPIC_PREFIX: k.prefix },
      })
    ).stdout;

  it('replays a fixed dead letter into a referral once, and returns one that fails again with both reasons', async () => {
    // A message that breaks a rule for good: the young person is too old.
    const tooOld = nativeInboundMessage({ messageId: 'too-old-dlq' });
    (tooOld.referral as { youngPerson: { dateOfBirth: string } }).youngPerson.dateOfBirth = '2001-01-01';
    await k.send(k.topics.referralsInbound, tooOld, 'too-old-dlq');
    // A valid message dead-lettered while its cause stood (its partner was not yet registered), as the gateway wrote it.
    const fixed = nativeInboundMessage({ messageId: 'fixed-dlq' });
    const original = { topic: k.topics.referralsInbound, key: 'fixed-dlq', value: JSON.stringify(fixed) };
    await k.partner.publish([
      {
        topic: k.topics.referralsInboundDlq,
        key: original.key,
        value: original.value,
        headers: {
          ...signedAs('hub', original),
          [DLQ_HEADERS.reasonCode]: 'MESSAGE.PARTNER_UNKNOWN',
          [DLQ_HEADERS.reason]: 'The message names a partner with no registered Kafka key',
          [DLQ_HEADERS.originalTopic]: k.topics.referralsInbound,
          [DLQ_HEADERS.originalPartition]: '0',
          [DLQ_HEADERS.originalOffset]: '0',
          [DLQ_HEADERS.failedAt]: '2026-11-30T09:00:00.000Z',
        },
      },
    ]);

    const listed = await eventually(
      async () => {
        const found = await letters.list();
        expect(found.map((v) => v.code).sort()).toEqual([
          'MESSAGE.PARTNER_UNKNOWN',
          'REFERRAL.AGE_OUT_OF_RANGE',
        ]);
        return found;
      },
      30_000,
      500,
    );
    const byCode = (code: string) => listed.find((v) => v.code === code)!;
    expect(byCode('REFERRAL.AGE_OUT_OF_RANGE')).toMatchObject({
      originalTopic: k.topics.referralsInbound,
      sourceSystem: tooOld.sourceSystem,
      messageId: 'too-old-dlq',
      attempts: [{ code: 'REFERRAL.AGE_OUT_OF_RANGE' }],
    });
    // The CLI lists the same, without payloads unless asked.
    const printed = JSON.parse(await cli('list', '--json')) as DeadLetterView[];
    expect(printed.map((v) => v.ref).sort()).toEqual(listed.map((v) => v.ref).sort());
    expect(await cli('show', byCode('REFERRAL.AGE_OUT_OF_RANGE').ref)).not.toContain('2001-01-01');

    const status = recordTopics(k.messaging, [k.topics.referralStatus]);
    try {
      const result = JSON.parse(
        await cli('replay', byCode('MESSAGE.PARTNER_UNKNOWN').ref, byCode('REFERRAL.AGE_OUT_OF_RANGE').ref),
      );
      expect(result.replayed).toHaveLength(2);
      const id = inboundReferralId(String(fixed.sourceSystem), 'fixed-dlq');
      await eventually(
        async () => expect((await k.api.http().get(`/v1/referrals/${id}`).set(manager())).status).toBe(200),
        30_000,
        200,
      );

      // Failed again: back in the dead-letter topic with both attempts' reasons.
      const again = await eventually(
        async () => {
          const found = (await letters.list({ code: 'REFERRAL.AGE_OUT_OF_RANGE' })).filter(
            (v) => v.attempts.length === 2,
          );
          expect(found).toHaveLength(1);
          return found[0]!;
        },
        30_000,
        500,
      );
      expect(again.attempts.map((a) => a.code)).toEqual([
        'REFERRAL.AGE_OUT_OF_RANGE',
        'REFERRAL.AGE_OUT_OF_RANGE',
      ]);

      // Replaying the fixed one again changes nothing: a resend, answered as already received.
      await letters.replay({ refs: [byCode('MESSAGE.PARTNER_UNKNOWN').ref] });
      await status.waitFor(
        (m) => m.filter((x) => JSON.parse(x.value!.toString()).referralId === id).length >= 2,
        30_000,
        'two answers for the replayed referral',
      );
      const answers = status.messages
        .map((x) => JSON.parse(x.value!.toString()))
        .filter((a) => a.referralId === id);
      expect(answers.map((a) => [a.status, a.alreadyReceived])).toEqual([
        ['received', false],
        ['received', true],
      ]);
      const history = await k.api.http().get(`/v1/referrals/${id}/history`).set(manager()).expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ReferralReceived']);
    } finally {
      await status.stop();
    }
  }, 120_000);

  it('serves the same list to operators over HTTP, and replays over HTTP only with OPS_TOKEN set', async () => {
    const listed = await k.api.http().get('/admin/dead-letters').expect(200);
    expect(listed.body.deadLetters.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(listed.body)).not.toContain('Taylor');
    const replay = await k.api
      .http()
      .post('/admin/dead-letters/replay')
      .send({ code: 'REFERRAL.AGE_OUT_OF_RANGE' });
    expect(replay.status).toBe(403);
    expect(replay.body.detail).toMatch(/OPS_TOKEN/);
  }, 30_000);

  it('names what it could not replay', async () => {
    const result = await letters.replay({ refs: [`${k.topics.referralsInboundDlq}/0/999999`] });
    expect(result).toEqual({
      replayed: [],
      skipped: [{ ref: `${k.topics.referralsInboundDlq}/0/999999`, why: 'no such dead letter' }],
    });
  }, 30_000);
});
