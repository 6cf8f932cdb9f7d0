import type { Actor } from '@app/application';

/** Who asked, under which correlation, and the version they last saw (If-Match). */
export type CommandContext = {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  expectedVersion?: number | 'no_stream';
};

export type CommandResult = { id: string; version: number; status: string };
