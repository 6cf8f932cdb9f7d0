import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadConfig } from './config';

const pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const production = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: randomBytes(32).toString('base64'),
  DATA_KEY_MASTER: randomBytes(32).toString('base64'),
};

describe('Audit checkpoint settings', () => {
  it('require AUDIT_SIGNING_KEY in production, naming it', () => {
    expect(() => loadConfig(production)).toThrow(/AUDIT_SIGNING_KEY is required when NODE_ENV=production/);
    expect(loadConfig({ ...production, AUDIT_SIGNING_KEY: pem }).audit.signingKey).toBe(pem);
  });

  it('take the key as PEM, as PEM with escaped line breaks, or as base64 of the PEM', () => {
    for (const value of [pem, pem.replace(/\n/g, '\\n'), Buffer.from(pem).toString('base64')])
      expect(loadConfig({ AUDIT_SIGNING_KEY: value }).audit.signingKey).toBe(pem);
  });

  it('refuse a key that is not an Ed25519 private key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    for (const value of ['nonsense', rsa])
      expect(() => loadConfig({ AUDIT_SIGNING_KEY: value })).toThrow(
        /AUDIT_SIGNING_KEY must be an Ed25519 private key/,
      );
  });

  it('write checkpoints into DATA_DIR by default, every 1,000 events or minute, the newest 100 with stream lists', () => {
    const { audit, dataDir } = loadConfig({ DATA_DIR: '/tmp/somewhere' });
    expect(audit).toEqual({
      checkpointDir: `${dataDir}/checkpoints`,
      checkpointEveryEvents: 1_000,
      checkpointEverySeconds: 60,
      checkpointKeepStreams: 100,
    });
    expect(() => loadConfig({ AUDIT_CHECKPOINT_EVERY_SECONDS: 'often' })).toThrow(
      /AUDIT_CHECKPOINT_EVERY_SECONDS must be a whole number/,
    );
  });
});

describe('The operator token', () => {
  it('is optional, and refused when short or not visible ASCII, naming OPS_TOKEN', () => {
    expect(loadConfig({}).opsToken).toBeUndefined();
    expect(loadConfig({ OPS_TOKEN: 'a'.repeat(40) }).opsToken).toBe('a'.repeat(40));
    for (const value of ['short', `${'a'.repeat(40)} b`])
      expect(() => loadConfig({ OPS_TOKEN: value })).toThrow(/OPS_TOKEN must be 32 to 200 visible ASCII/);
  });
});
