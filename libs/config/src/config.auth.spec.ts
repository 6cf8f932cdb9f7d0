import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadConfig } from './config';
import { productionConfig } from './config.test-support';
import { lowEntropy } from './config.auth';

const production = productionConfig;

describe('Authentication settings', () => {
  it('refuse placeholder secrets in production, naming the setting', () => {
    for (const secret of [
      'a'.repeat(40),
      'changeme'.repeat(5),
      '0123456789'.repeat(4),
      'abcabcabcabcabcabcabcabcabcabcabcabc',
    ])
      expect(() => production({ AUTH_JWT_SECRET: secret })).toThrow(
        /AUTH_JWT_SECRET looks like a placeholder/,
      );
    for (const master of [Buffer.alloc(32, 0), Buffer.alloc(32, 0xff), Buffer.from('ab'.repeat(16))])
      expect(() => production({ DATA_KEY_MASTER: master.toString('base64') })).toThrow(
        /DATA_KEY_MASTER is not random/,
      );
    expect(production().auth.jwtSecret).toBeDefined();
  });

  it('judges random secrets random, whatever their encoding', () => {
    for (let i = 0; i < 200; i++) {
      expect(lowEntropy(randomBytes(32))).toBe(false);
      expect(lowEntropy(Buffer.from(randomBytes(16).toString('hex')))).toBe(false);
    }
  });

  it('take an identity provider instead of a shared secret in production, with issuer and audience required', () => {
    const oidc = {
      AUTH_JWKS_URL: 'https://login.example.nhs.uk/jwks',
      AUTH_ISSUER: 'https://login.example.nhs.uk',
      AUTH_AUDIENCE: 'cyp',
    };
    expect(production({ AUTH_JWT_SECRET: '', ...oidc }).auth).toMatchObject({
      oidc: { issuer: 'https://login.example.nhs.uk', rolesClaim: 'roles' },
      maxTokenLifetimeSeconds: 43_200,
    });
    expect(() => production({ ...oidc, AUTH_ISSUER: '' })).toThrow(/AUTH_ISSUER is required/);
    expect(() => production({ ...oidc, AUTH_AUDIENCE: '' })).toThrow(/AUTH_AUDIENCE is required/);
    expect(() => production({ ...oidc, AUTH_JWKS_URL: 'http://idp.example/jwks' })).toThrow(/must use https/);
    expect(() => production({ AUTH_JWT_SECRET: '' })).toThrow(/AUTH_JWT_SECRET is required/);
  });

  it('read partners, teams and the back-dating window, refusing what they cannot mean', () => {
    const publicKey = generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'pem', type: 'spki' })
      .toString();
    const config = loadConfig({
      INTEGRATION_PARTNERS: JSON.stringify([
        { id: 'camhs-north', handoffTargets: ['camhs'], kafkaPublicKey: publicKey },
      ]),
      TEAM_BY_PCN: 'U11111=north, U22222=south',
    });
    expect(config.auth.partners).toEqual([
      {
        id: 'camhs-north',
        organisationCodes: [],
        handoffTargets: ['camhs'],
        sourceSystems: ['camhs-north'],
        kafkaPublicKey: publicKey,
      },
    ]);
    expect(config.auth.teamByPcn).toEqual({ U11111: 'north', U22222: 'south' });
    expect(config.backdateWindowDays).toBe(7);
    expect(loadConfig({}).auth.partners.map((p) => p.id)).toEqual(['camhs', 'mhst', 'school']);
    const partners = (value: unknown) => () => loadConfig({ INTEGRATION_PARTNERS: JSON.stringify(value) });
    expect(partners([{ id: 'x', handoffTargets: ['gp'] }])).toThrow(
      /handoffTargets must be from camhs, mhst, school/,
    );
    expect(partners([{ id: 'x', secret: 'y' }])).toThrow(/unknown fields: secret/);
    expect(partners([{ id: 'x' }, { id: 'x' }])).toThrow(/names partner x twice/);
    expect(partners([{ id: 'x', kafkaPublicKey: 'not a key' }])).toThrow(/Ed25519 public key/);
    // As `npm run partner -- keygen` prints it: base64 of the DER.
    const der = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    expect(
      partners([{ id: 'x', kafkaPublicKey: der.toString('base64') }])().auth.partners[0]!.kafkaPublicKey,
    ).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(() => production({ BACKDATE_WINDOW_DAYS: 'unlimited' })).toThrow(/may not be unlimited/);
  });
});
