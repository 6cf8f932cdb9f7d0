import type { CommandContext } from '../shared/command-context';

export class ErasePersonalDataCommand {
  constructor(
    readonly referralId: string,
    readonly reason: string,
    readonly basis: 'manual' | 'retention',
    readonly context: CommandContext,
    readonly at?: string,
  ) {}
}
