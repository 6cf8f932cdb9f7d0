import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError, integer } from './config.values';
import type { Env } from './config.values';

/** How checkpoints of the event log are signed, how often, and where they are written. */
export type AuditConfig = {
  /**
   * The Ed25519 private key (PKCS#8 PEM) that signs checkpoints, kept out of the database. Generated
   * into DATA_DIR (`audit-signing.key`, owner-only) outside production when unset.
   */
  signingKey?: string;
  /** Where each signed checkpoint is written, for auditors to copy. */
  checkpointDir: string;
  /** Sign a checkpoint once this many events are past the last one; 0: not by count. */
  checkpointEveryEvents: number;
  /** Sign a checkpoint this often when there are new events; 0: not by time. */
  checkpointEverySeconds: number;
  /** How many of the newest checkpoint files keep their stream list (older ones keep the signed head). */
  checkpointKeepStreams: number;
};

/** `AUDIT_SIGNING_KEY` as PEM: PEM text (real or `\n`-escaped line breaks) or base64 of the PEM or DER. */
function signingKeyPem(raw: string): string {
  const text = raw.includes('-----BEGIN') ? raw.replace(/\\n/g, '\n') : undefined;
  const candidates = text
    ? [text]
    : [Buffer.from(raw, 'base64').toString('utf8'), derToPem(Buffer.from(raw, 'base64'))];
  for (const pem of candidates) {
    try {
      const key = createPrivateKey(pem);
      if (key.asymmetricKeyType === 'ed25519') return key.export({ format: 'pem', type: 'pkcs8' }).toString();
    } catch {
      // Try the next reading.
    }
  }
  throw new ConfigError(
    'AUDIT_SIGNING_KEY',
    'must be an Ed25519 private key as PKCS#8 PEM, or base64 of one (e.g. `openssl genpkey -algorithm ed25519`)',
  );
}

const derToPem = (der: Buffer): string =>
  `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`;

export function auditConfig(env: Env, dataDir: string, production: boolean): AuditConfig {
  const raw = env.AUDIT_SIGNING_KEY?.trim();
  if (production && !raw)
    throw new ConfigError(
      'AUDIT_SIGNING_KEY',
      'is required when NODE_ENV=production (an Ed25519 private key, e.g. `openssl genpkey -algorithm ed25519`)',
    );
  return {
    ...(raw ? { signingKey: signingKeyPem(raw) } : {}),
    checkpointDir: env.AUDIT_CHECKPOINT_DIR ? env.AUDIT_CHECKPOINT_DIR : join(dataDir, 'checkpoints'),
    checkpointEveryEvents: integer(env, 'AUDIT_CHECKPOINT_EVERY_EVENTS', 1_000, 0, 100_000_000),
    checkpointEverySeconds: integer(env, 'AUDIT_CHECKPOINT_EVERY_SECONDS', 60, 0, 31_536_000),
    checkpointKeepStreams: integer(env, 'AUDIT_CHECKPOINT_KEEP_STREAMS', 100, 1, 1_000_000),
  };
}
