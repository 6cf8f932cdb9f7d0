import Database from 'better-sqlite3';
import { join } from 'node:path';
import { HashChainedEventStore, verifyChain } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import type { EventStore, StoredEvent } from '@app/event-store';
import { tempDir } from '@app/testing';
import type { TempDir } from '@app/testing';
import { describeEventStoreConformance } from '@app/event-store/conformance';
import { openSqliteDataKeyStore } from './data-key.store';
import type { KyselyDataKeyStore } from './data-key.store';
import { EncryptingEventStore, SEALED } from './encrypting-event-store';
import type { PersonalDataProblem } from './encrypting-event-store';
import { parseMasterKey } from './master-key';
import { PLAINTEXT_VALUES, event, referralReceivedData, sessionHeldData } from './personal-data.fixtures';
import { PersonalDataErasedError, PersonalDataSubjectMissingError } from './privacy.errors';

const master = parseMasterKey(Buffer.alloc(32, 5).toString('base64'));

describeEventStoreConformance('encrypting SQLite', async () => {
  const inner = new SqliteEventStore({ filename: ':memory:' });
  const keys = await openSqliteDataKeyStore(':memory:', master);
  const store = new EncryptingEventStore(inner, keys);
  return { store, cleanup: async () => Promise.all([store.close(), keys.close()]).then(() => undefined) };
});

describeEventStoreConformance('encrypting, hash-chained SQLite', async () => {
  const inner = new HashChainedEventStore(new SqliteEventStore({ filename: ':memory:' }));
  const keys = await openSqliteDataKeyStore(':memory:', master);
  const store = new EncryptingEventStore(inner, keys);
  return { store, cleanup: async () => Promise.all([store.close(), keys.close()]).then(() => undefined) };
});

const follow = async (store: EventStore): Promise<StoredEvent[]> => {
  const controller = new AbortController();
  for await (const batch of store.follow(0, controller.signal, 100)) {
    controller.abort();
    return batch;
  }
  return [];
};

describe('Encrypting event store', () => {
  let dir: TempDir;
  let eventsFile: string;
  let audit: EventStore;
  let keys: KyselyDataKeyStore;
  let store: EncryptingEventStore;
  let problems: PersonalDataProblem[];

  const rawData = (): string[] => {
    const db = new Database(eventsFile, { readonly: true });
    try {
      return db
        .prepare<[], { data: string }>('SELECT data FROM events ORDER BY position')
        .all()
        .map((r) => r.data);
    } finally {
      db.close();
    }
  };
  const updateRaw = (sql: string): void => {
    const db = new Database(eventsFile);
    db.prepare(sql).run();
    db.close();
  };
  const referral = referralReceivedData('r-1');
  const session = sessionHeldData('r-1', 'Said she wants to join the climbing club with her cousin Maisie.');

  beforeEach(async () => {
    dir = tempDir('encrypting-store-');
    eventsFile = join(dir.path, 'events.sqlite');
    audit = new HashChainedEventStore(new SqliteEventStore({ filename: eventsFile, pollIntervalMs: 20 }));
    keys = await openSqliteDataKeyStore(join(dir.path, 'data-keys.sqlite'), master);
    problems = [];
    store = new EncryptingEventStore(audit, keys, { onProblem: (info) => problems.push(info) });
    await store.append(
      'referral-r-1',
      [event('ReferralReceived', referral), event('SessionHeld', session)],
      'no_stream',
    );
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    dir.remove();
  });

  it('reads back every personal field on each read path', async () => {
    const expected = [referral, session];
    expect((await store.readStream('referral-r-1')).map((e) => e.data)).toEqual(expected);
    expect((await store.readAll(0, 10)).map((e) => e.data)).toEqual(expected);
    expect((await follow(store)).map((e) => e.data)).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('reveals through a `revealing` view only the event types it names, the rest reading [sealed]', async () => {
    const view = store.revealing(new Set(['ReferralReceived']));
    for (const events of [
      await view.readStream('referral-r-1'),
      await view.readAll(0, 10),
      await follow(view),
    ]) {
      const [received, held] = events.map((e) => e.data as Record<string, unknown>);
      expect(received).toEqual(referral);
      expect(held).toEqual({ ...session, notes: SEALED, personal: expect.objectContaining({ kid: 'r-1' }) });
      expect(JSON.stringify(held)).not.toContain('climbing');
    }
    // Nothing about the sealed event suggests its key or ciphertext is broken.
    expect(problems).toEqual([]);
    // The store it came from still reveals everything.
    expect((await store.readStream('referral-r-1')).map((e) => e.data)).toEqual([referral, session]);
  });

  it('keeps the sealed envelope beside the opened fields when asked to (a projection that stores it unopened)', async () => {
    const view = store.revealing(new Set(['ReferralReceived']), { keepEnvelope: true });
    const [received, held] = (await view.readAll(0, 10)).map((e) => e.data as Record<string, unknown>);
    expect(received).toEqual({ ...referral, personal: expect.objectContaining({ kid: 'r-1', v: 1 }) });
    expect(held).toEqual({ ...session, notes: SEALED, personal: expect.objectContaining({ kid: 'r-1' }) });
  });

  it('stores none of the personal values in the clear, one sealed envelope per event', () => {
    const rows = rawData();
    for (const value of PLAINTEXT_VALUES) for (const row of rows) expect(row).not.toContain(value);
    expect(rows.map((row) => (JSON.parse(row) as { personal: unknown }).personal)).toEqual([
      {
        v: 1,
        kid: 'r-1',
        fields: expect.arrayContaining(['youngPerson.givenName', 'parentCarer', 'notes']),
        iv: expect.any(String),
        tag: expect.any(String),
        ct: expect.any(String),
      },
      expect.objectContaining({ v: 1, kid: 'r-1', fields: ['notes'] }),
    ]);
    expect(JSON.parse(rows[0] ?? '')).toMatchObject({
      referralId: 'r-1',
      ageAtReferral: 12,
      pcnCode: 'U12345',
    });
  });

  it('stores events without personal fields exactly as given', async () => {
    const accepted = {
      referralId: 'r-1',
      at: '2025-03-02T10:00:00.000Z',
      linkWorkerId: 'lw-1',
      snomedCode: '871731000000106',
    };
    const quietSession = sessionHeldData('r-1');
    await store.append(
      'referral-r-1',
      [event('ReferralAccepted', accepted), event('SessionHeld', quietSession)],
      2,
    );
    expect(
      rawData()
        .slice(2)
        .map((row) => JSON.parse(row) as unknown),
    ).toEqual([accepted, quietSession]);
  });

  it('shows every personal field as [erased] once the key is erased, and everything else intact', async () => {
    await keys.erase('r-1');
    const erasedReferral = {
      ...referral,
      youngPerson: {
        givenName: '[erased]',
        familyName: '[erased]',
        dateOfBirth: '[erased]',
        nhsNumber: '[erased]',
        postcode: '[erased]',
        gender: '[erased]',
        ethnicity: '[erased]',
      },
      parentCarer: '[erased]',
      notes: '[erased]',
    };
    const expected = [erasedReferral, { ...session, notes: '[erased]' }];
    expect((await store.readStream('referral-r-1')).map((e) => e.data)).toEqual(expected);
    expect((await store.readAll(0, 10)).map((e) => e.data)).toEqual(expected);
    expect((await follow(store)).map((e) => e.data)).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('keeps the hash chain valid after an erasure', async () => {
    await keys.erase('r-1');
    expect(verifyChain(await audit.readStream('referral-r-1'))).toEqual({ valid: true, checkedEvents: 2 });
  });

  it('refuses new personal data for an erased subject and writes nothing', async () => {
    await keys.erase('r-1');
    await expect(store.append('referral-r-1', [event('SessionHeld', session)], 2)).rejects.toThrow(
      PersonalDataErasedError,
    );
    expect(await store.headPosition()).toBe(2);
  });

  it('refuses personal data with no referral to key it by', async () => {
    const { referralId: _, ...orphan } = session;
    await expect(store.append('orphans', [event('SessionHeld', orphan)], 'any')).rejects.toThrow(
      PersonalDataSubjectMissingError,
    );
  });

  it('shows [unreadable] for a corrupt key, reports it without personal data, and still reads', async () => {
    const keysDb = new Database(join(dir.path, 'data-keys.sqlite'));
    keysDb.prepare(`UPDATE data_keys SET wrapped_key = 'k1.x.y.z.w'`).run();
    keysDb.close();
    const reopened = await openSqliteDataKeyStore(join(dir.path, 'data-keys.sqlite'), master);
    const reader = new EncryptingEventStore(audit, reopened, { onProblem: (info) => problems.push(info) });
    try {
      const [received, held] = await reader.readStream('referral-r-1');
      expect(received?.data).toMatchObject({
        referralId: 'r-1',
        parentCarer: '[unreadable]',
        youngPerson: { givenName: '[unreadable]' },
      });
      expect(held?.data).toMatchObject({ notes: '[unreadable]', attended: true });
    } finally {
      await reopened.close();
    }
    expect(problems).toEqual([
      {
        problem: 'key-unreadable',
        subjectId: 'r-1',
        stream: 'referral-r-1',
        version: 1,
        position: 1,
        eventType: 'ReferralReceived',
      },
      {
        problem: 'key-unreadable',
        subjectId: 'r-1',
        stream: 'referral-r-1',
        version: 2,
        position: 2,
        eventType: 'SessionHeld',
      },
    ]);
  });

  it('shows [unreadable] for a ciphertext altered in the database, and reports it', async () => {
    const [, row] = rawData();
    const data = JSON.parse(row ?? '') as { personal: { ct: string } };
    data.personal.ct = Buffer.from('{"notes":"forged"}').toString('base64');
    updateRaw(`UPDATE events SET data = '${JSON.stringify(data)}' WHERE position = 2`);
    const events = await store.readAll(0, 10);
    expect(events.map((e) => (e.data as { notes?: string }).notes)).toEqual([referral.notes, '[unreadable]']);
    expect(problems).toEqual([expect.objectContaining({ problem: 'ciphertext-rejected', position: 2 })]);
  });

  it('shows [unreadable] for an envelope it cannot interpret, and reports it', async () => {
    updateRaw(`UPDATE events SET data = json_set(data, '$.personal.v', 9) WHERE position = 2`);
    const [, held] = await store.readStream('referral-r-1');
    expect(held?.data).toMatchObject({ notes: '[unreadable]', sessionId: session.sessionId });
    expect(held?.data).not.toHaveProperty('personal');
    expect(problems).toEqual([expect.objectContaining({ problem: 'envelope-malformed', version: 2 })]);
  });

  it('shows [unreadable] when the key row is gone, and a failing reporter does not fail the read', async () => {
    const keysDb = new Database(join(dir.path, 'data-keys.sqlite'));
    keysDb.prepare('DELETE FROM data_keys').run();
    keysDb.close();
    const reopened = await openSqliteDataKeyStore(join(dir.path, 'data-keys.sqlite'), master);
    const reader = new EncryptingEventStore(audit, reopened, {
      onProblem: () => {
        throw new Error('logger down');
      },
    });
    try {
      const events = await reader.readStream('referral-r-1');
      expect(events.map((e) => (e.data as { notes?: string }).notes)).toEqual([
        '[unreadable]',
        '[unreadable]',
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('keeps subjects independent: erasing one leaves the other readable', async () => {
    const other = referralReceivedData('r-2', { notes: 'Brother also referred last year.' });
    await store.append('referral-r-2', [event('ReferralReceived', other)], 'no_stream');
    expect(await keys.get('r-1')).not.toEqual(await keys.get('r-2'));
    await keys.erase('r-1');
    const [first, , second] = await store.readAll(0, 10);
    expect(first?.data).toMatchObject({ notes: '[erased]' });
    expect(second?.data).toEqual(other);
  });
});
