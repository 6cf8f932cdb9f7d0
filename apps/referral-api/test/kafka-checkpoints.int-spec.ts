import { createPublicKey, verify } from 'node:crypto';
import { checkpointText } from '@app/event-store';
import { KafkaMessaging } from '@app/messaging';
import {
  deleteKafkaTopics,
  describeWithKafka,
  kafkaTestBrokers,
  recordTopics,
  uniqueKafkaPrefix,
} from '@app/testing';
import type { TopicRecorder } from '@app/testing';
import { Api, bearer, startApi } from './support/api-harness';
import { kafkaEnv } from './support/kafka-harness';
import { referralAt } from './support/referral-flow';

describeWithKafka('Signed checkpoints published to Kafka, a witness outside the database', () => {
  const prefix = uniqueKafkaPrefix('checkpoints');
  let api: Api;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    api = await startApi({
      ...kafkaEnv(prefix),
      RUN_INTEGRATION: 'false',
      AUDIT_CHECKPOINT_EVERY_EVENTS: '3',
      AUDIT_CHECKPOINT_EVERY_SECONDS: '0',
    });
    const messaging = new KafkaMessaging({
      brokers: kafkaTestBrokers().split(','),
      clientId: 'checkpoint-witness',
    });
    await messaging.ensureTopics([{ name: `${prefix}audit.checkpoints.v1` }]);
    recorder = recordTopics(messaging, [`${prefix}audit.checkpoints.v1`]);
  }, 60_000);

  afterAll(async () => {
    await recorder.stop();
    await api.close();
    await deleteKafkaTopics(prefix);
  });

  it('signs by itself every N events and publishes the signed head, which checks against the public key', async () => {
    await referralAt(api, 'active');
    const [message] = await recorder.waitFor((m) => m.length > 0, 30_000, 'a checkpoint');
    expect(message!.headers['message-type']).toBe('AuditCheckpoint.v1');
    const head = JSON.parse(message!.value!.toString('utf8')) as Parameters<typeof checkpointText>[0] & {
      signature: string;
      streams?: unknown;
    };
    expect(head.treeSize).toBeGreaterThanOrEqual(3);
    expect(head.streams).toBeUndefined();
    const key = createPublicKey((await api.http().get('/v1/audit/public-key').expect(200)).body.publicKeyPem);
    expect(verify(null, Buffer.from(checkpointText(head)), key, Buffer.from(head.signature, 'base64'))).toBe(
      true,
    );
    // The same checkpoint, with its stream list, is in the checkpoint directory.
    const kept = await api
      .http()
      .get(`/v1/audit/checkpoints/${head.treeSize}`)
      .set(bearer(api.token('auditor')))
      .expect(200);
    expect(kept.body).toMatchObject({ rootHash: head.rootHash, signature: head.signature });
  }, 60_000);
});
