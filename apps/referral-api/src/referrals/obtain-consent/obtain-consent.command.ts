import type { CommandContext } from '../shared/command-context';
import type { ObtainConsentRequest } from './obtain-consent.request';

export class ObtainConsentCommand {
  constructor(
    readonly referralId: string,
    readonly request: ObtainConsentRequest,
    readonly context: CommandContext,
  ) {}
}
