import {
  ErrorType,
  NO_STREAM,
  ANY,
  START,
  excludeSystemEvents,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import type {
  AllStreamResolvedEvent,
  AppendStreamState,
  Filter,
  Position,
  ReadPosition,
  ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../../event-store.errors';
import type { EventMetadata, ExpectedVersion, StoredEvent } from '../../event-store.port';

/**
 * The port counts versions from 1 (the number of events in the stream); KurrentDB numbers
 * revisions from 0 and says "no stream" for an empty one. Expected version N is revision N-1.
 */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
}

/** The version (event count) of a stream at KurrentDB's current revision. */
export function toVersion(revision: bigint | 'no_stream' | undefined): number {
  return revision === undefined || revision === NO_STREAM ? 0 : Number(revision) + 1;
}

/**
 * The port's position is the event's commit position in the transaction log. Appends write
 * self-committing records, whose commit and prepare positions are the same, so the number
 * alone names the position to read or subscribe from.
 */
export function toNumber(position: Position | undefined): number {
  if (position === undefined) return 0;
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`KurrentDB position ${position.commit} is beyond what this store can represent`);
  }
  return Number(position.commit);
}

export function toReadPosition(after: number): ReadPosition {
  return after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
}

/** Reads of `$all` see this store's streams only: those under its prefix, never system streams. */
export function streamsFilter(prefix: string): Filter {
  return prefix === '' ? excludeSystemEvents() : streamNameFilter({ prefixes: [prefix] });
}

export function toStoredEvent(
  resolved: AllStreamResolvedEvent | ResolvedEvent,
  prefix: string,
): StoredEvent | undefined {
  const event = resolved.event;
  if (event === undefined || !event.streamId.startsWith(prefix)) return undefined;
  return {
    position: toNumber(event.position),
    stream: event.streamId.slice(prefix.length),
    version: Number(event.revision) + 1,
    type: event.type,
    data: event.data,
    metadata: event.metadata as EventMetadata,
  };
}

const UNAVAILABLE = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
  ErrorType.ACCESS_DENIED,
]);

/** Maps the client's errors onto the port's: wrong expected version, or unavailable (503). */
export function rethrowKurrentDb(
  error: unknown,
  stream: string | undefined,
  expected: ExpectedVersion | undefined,
  target: string,
): never {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === ErrorType.WRONG_EXPECTED_VERSION && stream !== undefined && expected !== undefined) {
    const actual = (error as { actualState?: bigint | 'no_stream' }).actualState;
    throw new WrongExpectedVersionError(stream, expected, toVersion(actual));
  }
  if (typeof type === 'string' && UNAVAILABLE.has(type)) {
    throw new EventStoreUnavailableError(
      `KurrentDB event store ${target} is unavailable: ${firstLine(error)}`,
      { cause: error },
    );
  }
  throw error;
}

export function isStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === ErrorType.STREAM_NOT_FOUND;
}

/** `host:port` of a connection string, never its credentials. */
export function describeKurrentDbTarget(connectionString: string): string {
  const hosts = /^[^:]+:\/\/(?:[^@/]*@)?([^?/]+)/.exec(connectionString.trim())?.[1];
  return hosts ?? 'the configured server';
}

const EXPLANATIONS: Partial<Record<string, string>> = {
  [ErrorType.UNAVAILABLE]: 'no server answered (unreachable, starting or stopped)',
  [ErrorType.DEADLINE_EXCEEDED]: 'the server did not answer in time',
  [ErrorType.TIMEOUT]: 'the server did not answer in time',
  [ErrorType.NOT_LEADER]: 'the node is not the leader',
  [ErrorType.ACCESS_DENIED]: 'access denied (check the credentials in the connection string)',
};

/** One line saying what went wrong, in words, with the client's own message when it adds anything. */
export function firstLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const type = (error as { type?: unknown } | null)?.type;
  const explained = typeof type === 'string' ? EXPLANATIONS[type] : undefined;
  if (explained === undefined) return message;
  return message === '' || /^\w+Error$/.test(message) ? explained : `${explained}: ${message}`;
}
