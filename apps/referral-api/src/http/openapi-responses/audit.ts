import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  arrayOf,
  boolean,
  count,
  dateTime,
  hex64,
  json,
  nullable,
  objectOf,
  oneOfValues,
  text,
  uuid,
} from './primitives';
import type { ResponseSpec } from './primitives';
import { IDS } from './referral-examples';

const treeSize: SchemaObject = {
  type: 'integer',
  minimum: 0,
  description: 'Events covered, in position order',
};
const base64: SchemaObject = { type: 'string', pattern: '^[A-Za-z0-9+/]+={0,2}$' };

const HEAD_FIELDS: Record<string, SchemaObject> = {
  version: { type: 'integer', enum: [1] },
  treeSize,
  rootHash: { ...hex64, description: 'Merkle root over every event in position order' },
  timestamp: dateTime,
  streamsHash: { ...hex64, description: 'SHA-256 of the canonical JSON of `streams`' },
  signature: { ...base64, description: 'Ed25519 over the checkpoint text, base64' },
};
const STREAMS: SchemaObject = {
  type: 'object',
  description: 'Per stream (`referral-<id>`, access streams): its version and the digest of its leaves',
  additionalProperties: objectOf(
    { version: { type: 'integer', minimum: 1 }, digest: hex64 },
    { closed: true },
  ),
};

/** A signed tree head without its stream list, as proofs cite it. */
const CHECKPOINT_HEAD = objectOf(HEAD_FIELDS, { closed: true });
const CHECKPOINT = objectOf({ ...HEAD_FIELDS, streams: STREAMS }, { closed: true });
/** A checkpoint as kept: older ones keep only their signed head. */
const STORED_CHECKPOINT = objectOf(
  { ...HEAD_FIELDS, streams: STREAMS },
  { optional: ['streams'], closed: true },
);

const head = {
  version: 1,
  treeSize: 4230,
  rootHash: '9e4b1d7a3c6f0e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a7c0f3e6b9d2a5c8f1e4b',
  timestamp: '2026-09-03T10:06:00.000Z',
  streamsHash: '1a4d7f0c3e6b9d2a5c8f1e4b7d0a3c6f9e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a',
  signature: '+X51lCpUuzogZE/x3L6r7uCzGMsWCEVGY/NeVfJg1Y0KZ7LG/YZd8qxgr5b03Ed8hyss8A3x8StFfx5V25QJAA==',
};
const checkpoint = {
  ...head,
  streams: {
    [`referral-${IDS.referral}`]: {
      version: 2,
      digest: '7c0f3e6b9d2a5c8f1e4b7d0a3c6f9e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a7c0f',
    },
    'access-2026-09-03-api-1': {
      version: 17,
      digest: '2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a7c0f3e6b9d2a5c8f1e4b7d0a3c6f9e2b5d',
    },
  },
};

const VERIFICATION = objectOf(
  {
    id: uuid,
    valid: {
      type: 'boolean',
      description: 'The chain holds, the newest checkpoint agrees, and there are events',
    },
    checkedEvents: count,
    firstBrokenVersion: { type: 'integer', minimum: 1, description: 'Where the chain first breaks' },
    chainValid: boolean,
    checkpoint: nullable(
      objectOf(
        {
          treeSize,
          timestamp: dateTime,
          status: oneOfValues(['matches', 'not-covered', 'removed', 'truncated', 'changed']),
          signedVersion: { type: 'integer', minimum: 1 },
        },
        { optional: ['signedVersion'], closed: true },
      ),
      'Against the newest signed checkpoint; null when none is signed yet',
    ),
  },
  { optional: ['firstBrokenVersion'], closed: true },
);

const ACCESS_LOG = objectOf(
  {
    accesses: arrayOf(
      objectOf(
        {
          position: { type: 'integer', minimum: 1 },
          at: dateTime,
          actor: objectOf({ sub: text, roles: arrayOf(text) }, { closed: true }),
          referralId: nullable(uuid),
          linkWorkerId: nullable(text),
          endpoint: {
            type: 'string',
            description: 'Method and route template, e.g. `GET /v1/referrals/:id`',
          },
          purpose: nullable(text, 'X-Purpose as given, null when none'),
        },
        { closed: true },
      ),
      'Newest first',
    ),
  },
  { closed: true },
);

const PUBLIC_KEY = objectOf(
  {
    algorithm: oneOfValues(['Ed25519']),
    publicKeyPem: { type: 'string', pattern: '^-----BEGIN PUBLIC KEY-----' },
    keyId: { ...hex64, description: 'SHA-256 of the DER public key' },
  },
  { closed: true },
);

const INCLUSION = objectOf(
  {
    checkpoint: CHECKPOINT_HEAD,
    event: objectOf(
      {
        position: count,
        stream: text,
        version: { type: 'integer', minimum: 1 },
        type: text,
        recordedAt: dateTime,
      },
      { closed: true },
    ),
    leaf: {
      type: 'string',
      description: 'The canonical JSON of the event as stored, which the leaf hash is over',
    },
    leafIndex: count,
    treeSize,
    leafHash: hex64,
    path: arrayOf(hex64, 'The audit path to the root'),
  },
  { closed: true },
);

const CONSISTENCY = objectOf(
  { from: CHECKPOINT_HEAD, to: CHECKPOINT_HEAD, proof: arrayOf(hex64) },
  { closed: true },
);

const leafOf =
  `{"data":{"at":"2026-09-03T10:05:00.000Z","linkWorkerId":"lw-ada","referralId":"${IDS.referral}","snomedCode":"871731000000106"},` +
  '"metadata":{"actor":{"roles":["link_worker"],"sub":"lw-ada"},"causationId":"b7e4d2a9-3c61-4f08-9a5e-2d8c6f1b4e02",' +
  '"correlationId":"b7e4d2a9-3c61-4f08-9a5e-2d8c6f1b4e02","eventId":"6e2c9a4f-1d87-4b3e-a5c0-4f9e2b7d1a62",' +
  '"hash":"d2a5f8c1e4b7a0d3f6c9e2b5a8d1f4c7e0b3a6d9f2c5e8b1a4d7f0c3e6b9a2d5","occurredAt":"2026-09-03T10:05:00.000Z",' +
  '"recordedAt":"2026-09-03T10:05:00.000Z","schemaVersion":1},' +
  `"position":4230,"stream":"referral-${IDS.referral}","type":"ReferralAccepted","version":2}`;

/** Success responses of the audit routes (access log, tamper evidence). */
export const AUDIT_RESPONSES: Record<string, ResponseSpec[]> = {
  verifyReferral: [
    json(200, "Whether the referral's history is unaltered", VERIFICATION, {
      id: IDS.referral,
      valid: true,
      checkedEvents: 2,
      chainValid: true,
      checkpoint: {
        treeSize: 4230,
        timestamp: '2026-09-03T10:06:00.000Z',
        status: 'matches',
        signedVersion: 2,
      },
    }),
  ],
  listAccessLog: [
    json(200, 'Recorded accesses to personal data, newest first', ACCESS_LOG, {
      accesses: [
        {
          position: 4231,
          at: '2026-09-03T10:07:12.084Z',
          actor: { sub: 'lw-ada', roles: ['link_worker'] },
          referralId: IDS.referral,
          linkWorkerId: null,
          endpoint: 'GET /v1/referrals/:id',
          purpose: 'Preparing first session',
        },
      ],
    }),
  ],
  getAuditPublicKey: [
    json(200, 'The Ed25519 key that verifies checkpoints', PUBLIC_KEY, {
      algorithm: 'Ed25519',
      publicKeyPem:
        '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAkWrhm/fKZz3esLTkAEZFN6zbS9owxTUaPGU3FkZs3pQ=\n-----END PUBLIC KEY-----\n',
      keyId: 'a1c5c52efdc7cc789b42442b5ba539c12f6df2043d1c1ba116797ad7fa1813de',
    }),
  ],
  signCheckpoint: [json(201, 'Signed: a checkpoint of every event stored so far', CHECKPOINT, checkpoint)],
  getLatestCheckpoint: [json(200, 'The newest signed checkpoint, with its streams', CHECKPOINT, checkpoint)],
  getCheckpoint: [
    json(200, 'The checkpoint of that size (older ones without their streams)', STORED_CHECKPOINT, head),
  ],
  getCheckpointConsistency: [
    json(200, 'The tree of `from` is the start of the tree of `to`', CONSISTENCY, {
      from: { ...head, treeSize: 4100, timestamp: '2026-09-02T23:00:00.000Z' },
      to: head,
      proof: [
        'b1d4a7c0f3e6b9d2a5c8f1e4b7d0a3c6f9e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4',
        'f0c3e6b9d2a5c8f1e4b7d0a3c6f9e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a7c0f3',
      ],
    }),
  ],
  getEventInclusionProof: [
    json(200, 'The event is leaf `leafIndex` of the checkpoint', INCLUSION, {
      checkpoint: head,
      event: {
        position: 4230,
        stream: `referral-${IDS.referral}`,
        version: 2,
        type: 'ReferralAccepted',
        recordedAt: '2026-09-03T10:05:00.000Z',
      },
      leaf: leafOf,
      leafIndex: 4229,
      treeSize: 4230,
      leafHash: 'c8f1e4b7d0a3c6f9e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a7c0f3e6b9d2a5c8f1',
      path: [
        'e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a7c0f3e6b9d2a5c8f1e4b7d0a3c6f9e2b5',
        '5c8f1e4b7d0a3c6f9e2b5d8a1c4f7e0b3d6a9c2f5e8b1d4a7c0f3e6b9d2a5c8f',
      ],
    }),
  ],
};
