import type { CommandContext } from '../shared/command-context';
import type { RequestHandoffRequest } from './request-handoff.request';

export class RequestHandoffCommand {
  constructor(
    readonly referralId: string,
    readonly request: RequestHandoffRequest,
    readonly context: CommandContext,
  ) {}
}

export type RequestHandoffResult = { id: string; handoffId: string; status: 'requested'; version: number };
