import { ConfigError, loadConfig } from './config';

const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });
const failure = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a configuration error');
};

describe('store configuration', () => {
  describe('given no settings', () => {
    it('uses the embedded SQLite store for events and read models', () => {
      expect(load({})).toMatchObject({ eventStore: { kind: 'sqlite' }, readModelStore: { kind: 'sqlite' } });
    });
  });

  describe('given PostgreSQL', () => {
    it('reads the connection settings, with defaults for the rest', () => {
      const config = load({
        EVENT_STORE: 'postgres',
        READ_MODEL_STORE: 'postgres',
        DATABASE_URL: 'postgres://app:pw@db:5432/referrals',
      });
      const postgres = {
        url: 'postgres://app:pw@db:5432/referrals',
        schema: 'public',
        poolSize: 10,
        connectTimeoutMs: 5000,
      };
      expect(config.eventStore).toEqual({ kind: 'postgres', postgres });
      expect(config.readModelStore).toEqual({ kind: 'postgres', postgres });
    });

    it('puts the read models on their own server when READ_MODEL_DATABASE_URL is set', () => {
      const config = load({
        EVENT_STORE: 'postgres',
        READ_MODEL_STORE: 'postgres',
        DATABASE_URL: 'postgres://db-1/events',
        READ_MODEL_DATABASE_URL: 'postgresql://db-2/reports',
        DATABASE_SCHEMA: 'referrals',
        DATABASE_POOL_SIZE: '25',
      });
      expect(config.readModelStore).toMatchObject({
        postgres: { url: 'postgresql://db-2/reports', schema: 'referrals', poolSize: 25 },
      });
      expect(config.eventStore).toMatchObject({ postgres: { url: 'postgres://db-1/events' } });
    });

    it.each([
      [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL', /is required when EVENT_STORE=postgres/],
      [{ READ_MODEL_STORE: 'postgres' }, 'DATABASE_URL', /is required when READ_MODEL_STORE=postgres/],
      [
        { EVENT_STORE: 'postgres', DATABASE_URL: 'not a url' },
        'DATABASE_URL',
        /must be a URL like postgres:\/\//,
      ],
      [
        { EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://db/x' },
        'DATABASE_URL',
        /must start with postgres:\/\//,
      ],
      [
        { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db:5432' },
        'DATABASE_URL',
        /must name a database/,
      ],
      [{ DATABASE_SCHEMA: 'Bad-Name' }, 'DATABASE_SCHEMA', /lower-case SQL name/],
      [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE', /between 1 and 200/],
      [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE', /one of sqlite, postgres, kurrentdb/],
      [{ READ_MODEL_STORE: 'kurrentdb' }, 'READ_MODEL_STORE', /one of sqlite, postgres/],
    ])('refuses %p, naming %s', (env, setting, message) => {
      const error = failure(env);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.setting).toBe(setting);
      expect(error.message).toMatch(message);
    });

    it('never repeats a connection string, which may hold a password, in its messages', () => {
      expect(
        failure({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://user:hunter2@db/x' }).message,
      ).not.toContain('hunter2');
    });
  });

  describe('given KurrentDB', () => {
    it('reads the connection string', () => {
      const connectionString = 'kurrentdb+discover://admin:changeit@cluster.internal:2113?tls=true';
      expect(
        load({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: connectionString }).eventStore,
      ).toEqual({ kind: 'kurrentdb', connectionString });
    });

    it.each([
      [{ EVENT_STORE: 'kurrentdb' }, /is required when EVENT_STORE=kurrentdb/],
      [
        { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'http://localhost:2113' },
        /must start with kurrentdb:\/\//,
      ],
    ])('refuses %p, naming KURRENTDB_CONNECTION_STRING', (env, message) => {
      const error = failure(env);
      expect(error.setting).toBe('KURRENTDB_CONNECTION_STRING');
      expect(error.message).toMatch(message);
    });
  });
});
