import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { referralStreamName } from '@app/referral-domain';
import { Problems } from '../../http/problem';
import { GetHistoryQuery } from './get-history.query';

/** The case history exactly as recorded, for auditors and service managers. */
@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ referralId }: GetHistoryQuery) {
    const events = await this.store.readStream(referralStreamName(referralId));
    if (events.length === 0) throw Problems.notFound(`No referral ${referralId}`);
    return {
      id: referralId,
      version: events.length,
      events: events.map((e) => ({ version: e.version, position: e.position, type: e.type, data: e.data, metadata: e.metadata })),
    };
  }
}
