import { randomUUID } from 'node:crypto';

/** Time and ids enter the system here and travel into the domain inside commands. */
export type Clock = { now(): string };
export type IdGenerator = { uuid(): string };

export const CLOCK = Symbol('CLOCK');
export const IDS = Symbol('IDS');

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const randomIds: IdGenerator = { uuid: () => randomUUID() };
