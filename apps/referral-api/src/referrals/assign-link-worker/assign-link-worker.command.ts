import type { CommandContext } from '../shared/command-context';
import type { AssignLinkWorkerRequest } from './assign-link-worker.request';

export class AssignLinkWorkerCommand {
  constructor(
    readonly referralId: string,
    readonly request: AssignLinkWorkerRequest,
    readonly context: CommandContext,
  ) {}
}
