import type { NewEvent } from './event-store.port';

/** Input checks every adapter applies before touching storage. */
export function checkAppend(stream: string, events: NewEvent[]): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.length > 200) {
    throw new Error('Stream name must be 1-200 characters');
  }
  for (const e of events) {
    if (typeof e.type !== 'string' || e.type.length === 0) throw new Error(`Event type must be a non-empty string in ${stream}`);
    if (!e.metadata || typeof e.metadata.eventId !== 'string') throw new Error(`Event metadata needs an eventId in ${stream}`);
  }
}
