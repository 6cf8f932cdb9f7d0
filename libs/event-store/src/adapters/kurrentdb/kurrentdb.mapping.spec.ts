import {
  ANY,
  NO_STREAM,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersion,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../event-store.errors';
import { describeKurrentDbTarget, rethrowKurrentDb, toStreamState, toVersion } from './kurrentdb.mapping';

describe('KurrentDB version rules', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    [0, NO_STREAM],
    [1, BigInt(0)],
    [7, BigInt(6)],
  ] as const)('expected version %p is stream state %p', (expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it.each([
    [NO_STREAM, 0],
    [BigInt(0), 1],
    [BigInt(41), 42],
  ] as const)('revision %p is version %p', (revision, version) => {
    expect(toVersion(revision)).toBe(version);
  });

  it("turns the client's wrong expected version into the port's, telling the stream's version", () => {
    const clientError = new ClientWrongExpectedVersion(undefined, {
      streamName: 'p-s-1',
      expected: BigInt(0),
      current: BigInt(2),
    });
    const error = (() => {
      try {
        return rethrowKurrentDb(clientError, 's-1', 1, 'localhost:2113');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ stream: 's-1', expected: 1, actual: 3 });
  });

  it('turns an unreachable server into unavailable, naming it', () => {
    const unavailable = () =>
      rethrowKurrentDb(new UnavailableError(undefined), undefined, undefined, 'kdb-1:2113');
    expect(unavailable).toThrow(EventStoreUnavailableError);
    expect(unavailable).toThrow(
      'KurrentDB event store kdb-1:2113 is unavailable: no server answered (unreachable, starting or stopped)',
    );
  });

  it('names hosts without credentials', () => {
    expect(
      describeKurrentDbTarget('kurrentdb+discover://admin:changeit@node1:2113,node2:2113?tls=true'),
    ).toBe('node1:2113,node2:2113');
  });
});
