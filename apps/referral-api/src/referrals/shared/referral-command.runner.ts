import { Inject, Injectable } from '@nestjs/common';
import {
  DeciderStore,
  EventMetadataInput,
  EventStoreUnavailableError,
  WrongExpectedVersionError,
} from '@app/event-store';
import {
  REFERRAL_EVENT_SCHEMA_VERSION,
  ReferralCommand,
  ReferralEvent,
  ReferralRuleError,
  referralDecider,
  referralStreamName,
} from '@app/referral-domain';
import { Problem, Problems } from '../../http/problem';
import { CLOCK, Clock, IDS, IdGenerator } from '../../infrastructure/clock';
import { Metrics } from '../../operations/metrics';
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
    private readonly metrics: Metrics,
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
          authorizeReferral(
            ctx.actor,
            action,
            { state, createdBy: events[0]?.metadata.actor.sub },
            command as { linkWorkerId?: string },
          ),
        metadata: (event) => this.metadata(ctx, event, extraMetadata),
      });
      const status = result.state.status;
      this.metrics.commands.inc({
        command: command.type,
        outcome: result.events.length ? 'applied' : 'no_change',
      });
      return { id: command.referralId, version: result.version, status };
    } catch (error) {
      this.metrics.commands.inc({ command: command.type, outcome: outcomeOf(error, ctx) });
      if (error instanceof WrongExpectedVersionError && typeof ctx.expectedVersion === 'number') {
        throw Problems.preconditionFailed(
          `The referral is at version ${error.actual}, not ${ctx.expectedVersion}; reload and retry`,
        );
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

function outcomeOf(error: unknown, ctx: CommandContext): string {
  if (error instanceof WrongExpectedVersionError) {
    if (ctx.expectedVersion === 'no_stream') return 'already_exists';
    return typeof ctx.expectedVersion === 'number' ? 'stale' : 'conflict';
  }
  if (error instanceof ReferralRuleError)
    return error.code === 'REFERRAL.NOT_FOUND' ? 'not_found' : 'rule_broken';
  if (error instanceof Problem && error.status === 403) return 'forbidden';
  if (error instanceof EventStoreUnavailableError) return 'unavailable';
  return 'error';
}
