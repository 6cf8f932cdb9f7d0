import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadConfig } from './config';

/** A fresh Ed25519 private key as PEM, as AUDIT_SIGNING_KEY takes it. */
export const testSigningKey = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

const signingKey = testSigningKey();

/** The settings production requires, with fresh secrets (for specs of what production refuses). */
export const productionEnv = (): Record<string, string> => ({
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: randomBytes(36).toString('base64'),
  DATA_KEY_MASTER: randomBytes(32).toString('base64'),
  AUDIT_SIGNING_KEY: signingKey,
});

/** The configuration production would load with these settings over the required ones. */
export const productionConfig = (env: Record<string, string> = {}) =>
  loadConfig({ ...productionEnv(), ...env });
