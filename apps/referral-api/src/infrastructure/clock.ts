import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '@app/application';

export type { Clock, IdGenerator } from '@app/application';

export const CLOCK = Symbol('CLOCK');
export const IDS = Symbol('IDS');

export const systemClock: Clock = { now: () => new Date().toISOString() };
export const randomIds: IdGenerator = { uuid: () => randomUUID() };
