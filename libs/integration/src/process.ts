import { randomUUID } from 'node:crypto';
import type { MessagingLog } from '@app/messaging';
import type { GatewayClock } from './gateway/message-origin';

/** One JSON line per log record on stdout, for a relay or gateway running as its own process. */
export function processLog(app: string): MessagingLog {
  return (level, message, fields) =>
    process.stdout.write(
      `${JSON.stringify({ level, time: new Date().toISOString(), app, msg: message, ...fields })}\n`,
    );
}

/** The wall clock and random ids of a process. */
export const processClock: GatewayClock = { now: () => new Date().toISOString(), uuid: () => randomUUID() };

/** A signal that aborts on the first SIGINT or SIGTERM. */
export function untilSignalled(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  return controller.signal;
}
