import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DeciderStore, StoredEvent } from '@app/event-store';
import {
  ReferralEvent,
  evolve,
  initialState,
  isReceived,
  referralDecider,
  referralStreamName,
} from '@app/referral-domain';
import { Problems } from '@app/application';
import { referralView } from '../get-referral/referral.view';
import { GetHistoryQuery } from './get-history.query';

/**
 * The case history as recorded, optionally replayed to a point (a version, or what had been recorded by
 * a time), with the state rebuilt by the same `evolve` the live system uses. The stream is loaded as a
 * command loads it (ADR 0025: as fresh as a read of the whole stream, reading only what was appended
 * since this instance last loaded it) and cut to the point asked for.
 */
@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(private readonly deciderStore: DeciderStore) {}

  async execute({ referralId, request }: GetHistoryQuery) {
    const loaded = await this.deciderStore.load(referralDecider, referralStreamName(referralId));
    const to = request.version;
    const all = to === undefined ? loaded.events : loaded.events.filter((e) => e.version <= to);
    if (all.length === 0) throw Problems.notFound(`No referral ${referralId}`);
    const asOf = request.asOf ? new Date(request.asOf).toISOString() : undefined;
    const events = asOf ? all.filter((e) => e.metadata.recordedAt <= asOf) : all;
    if (events.length === 0)
      throw Problems.notFound(`Referral ${referralId} had not been received by ${asOf}`);
    const version = events[events.length - 1]!.version;
    const state =
      events === loaded.events
        ? loaded.state
        : events.reduce((s, e) => evolve(s, asDomainEvent(e)), initialState);
    return {
      id: referralId,
      asOf: asOf ?? events[events.length - 1]!.metadata.recordedAt,
      version,
      state: isReceived(state) ? referralView(state, version) : null,
      events: events.map((e) => ({
        version: e.version,
        position: e.position,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      })),
    };
  }
}

const asDomainEvent = (e: StoredEvent): ReferralEvent => ({ type: e.type, data: e.data }) as ReferralEvent;
