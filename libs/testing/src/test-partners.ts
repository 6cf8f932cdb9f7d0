import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { partnerSignatureHeaders } from '@app/contracts';

type Registered = {
  id: string;
  organisationCodes: string[];
  handoffTargets: string[];
  sourceSystems: string[];
};

/**
 * Partners for tests, each with a fresh Ed25519 key pair: `hub` is an integration engine that relays
 * for any source system and organisation and answers every handoff (so older tests need not care who
 * signs); the others are single systems with the narrow rights a real one would have.
 */
const REGISTERED = {
  hub: {
    id: 'test-hub',
    organisationCodes: ['*'],
    handoffTargets: ['camhs', 'mhst', 'school'],
    sourceSystems: ['*'],
  },
  camhs: {
    id: 'camhs-north',
    organisationCodes: ['RGD'],
    handoffTargets: ['camhs'],
    sourceSystems: ['camhs-north'],
  },
  school: {
    id: 'school-mis-lancs',
    organisationCodes: ['A81001'],
    handoffTargets: ['school'],
    sourceSystems: ['school-mis-lancs'],
  },
  gp: {
    id: 'gp-lancaster',
    organisationCodes: ['A81002'],
    handoffTargets: [],
    sourceSystems: ['gp-lancaster'],
  },
} satisfies Record<string, Registered>;

export type TestPartnerName = keyof typeof REGISTERED;

const KEYS = Object.fromEntries(
  Object.keys(REGISTERED).map((name) => [name, generateKeyPairSync('ed25519')]),
) as Record<TestPartnerName, { publicKey: KeyObject; privateKey: KeyObject }>;

export const TEST_PARTNERS: Readonly<Record<TestPartnerName, Registered>> = REGISTERED;

/** `INTEGRATION_PARTNERS` for an app under test: every test partner with its public key. */
export function testPartnersEnv(): string {
  return JSON.stringify(
    (Object.keys(REGISTERED) as TestPartnerName[]).map((name) => ({
      ...REGISTERED[name],
      kafkaPublicKey: KEYS[name].publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    })),
  );
}

/** The headers partner `name` adds to a message it signs. */
export function signedAs(
  name: TestPartnerName,
  message: { topic: string; key: Buffer | string | null; value: Buffer | string | null },
): Record<string, string> {
  return partnerSignatureHeaders(REGISTERED[name].id, KEYS[name].privateKey, message);
}
