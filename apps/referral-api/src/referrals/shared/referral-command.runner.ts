import { Inject, Injectable } from '@nestjs/common';
import { DeciderStore, EventMetadataInput, WrongExpectedVersionError } from '@app/event-store';
import {
  REFERRAL_EVENT_SCHEMA_VERSION, ReferralCommand, ReferralEvent, referralDecider, referralStreamName,
} from '@app/referral-domain';
import { Problems } from '../../http/problem';
import { CLOCK, Clock, IDS, IdGenerator } from '../../infrastructure/clock';
import type { CommandContext, CommandResult } from './command-context';
import { ReferralAction, authorizeReferral } from './referral-access.policy';

type Build<C extends ReferralCommand> = (now: string) => C;

/** Loads a referral, checks the caller may act on it, decides and appends with the expected version. */
@Injectable()
export class ReferralCommandRunner {
  constructor(
    private readonly deciderStore: DeciderStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  async run<C extends ReferralCommand>(
    ctx: CommandContext,
    action: ReferralAction,
    build: Build<C>,
    extraMetadata: Record<string, unknown> = {},
  ): Promise<CommandResult> {
    const command = build(this.clock.now());
    const stream = referralStreamName(command.referralId);
    try {
      const result = await this.deciderStore.handle(referralDecider, stream, command, {
        expectedVersion: ctx.expectedVersion,
        beforeDecide: ({ state, events }) =>
          authorizeReferral(ctx.actor, action, { state, createdBy: events[0]?.metadata.actor.sub }, command as { linkWorkerId?: string }),
        metadata: (event) => this.metadata(ctx, event, extraMetadata),
      });
      const status = result.state.status;
      return { id: command.referralId, version: result.version, status };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError && typeof ctx.expectedVersion === 'number') {
        throw Problems.preconditionFailed(`The referral is at version ${error.actual}, not ${ctx.expectedVersion}; reload and retry`);
      }
      throw error;
    }
  }

  metadata(ctx: CommandContext, event: ReferralEvent, extra: Record<string, unknown>): EventMetadataInput {
    const data = event.data as { at?: string; receivedAt?: string };
    return {
      ...extra,
      eventId: this.ids.uuid(),
      occurredAt: data.at ?? data.receivedAt ?? this.clock.now(),
      actor: { sub: ctx.actor.sub, roles: [...ctx.actor.roles] },
      correlationId: ctx.correlationId,
      causationId: ctx.causationId ?? ctx.correlationId,
      schemaVersion: REFERRAL_EVENT_SCHEMA_VERSION,
    };
  }
}
