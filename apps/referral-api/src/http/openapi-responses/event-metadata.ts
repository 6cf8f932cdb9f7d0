import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { arrayOf, dateTime, integer, objectOf, text, uuid } from './primitives';

/** Event metadata as recorded: the fields every event has; HTTP and Kafka origins add their own. */
export const EVENT_METADATA: SchemaObject = objectOf(
  {
    eventId: uuid,
    occurredAt: dateTime,
    recordedAt: dateTime,
    actor: objectOf({ sub: text, roles: arrayOf(text) }),
    correlationId: text,
    causationId: text,
    schemaVersion: integer,
    hash: { type: 'string', description: 'The hash chain: SHA-256 of the previous hash and this event' },
    requestHash: {
      type: 'string',
      description: 'SHA-256 of the HTTP request body that created the referral',
    },
    correction: { type: 'object', description: 'A back-dated record: the coded reason' },
    channel: { type: 'string', enum: ['kafka'] },
    sourceSystem: text,
    messageId: text,
    contentHash: text,
    kafka: objectOf({ topic: text, partition: integer, offset: text }),
  },
  {
    optional: [
      'hash',
      'requestHash',
      'correction',
      'channel',
      'sourceSystem',
      'messageId',
      'contentHash',
      'kafka',
    ],
    description: 'Every event has the first fields; HTTP and Kafka origins add theirs',
  },
);
