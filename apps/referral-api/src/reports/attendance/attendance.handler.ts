import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ReadModels, attendanceRows } from '@app/read-models';
import type { AttendanceRows } from '@app/read-models';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { READ_MODELS } from '../../projections/read-models.module';
import { reportScope, suppressionFor } from '../report-scope';
import { AttendanceQuery } from './attendance.query';

/** Appointments that started in the window belong to referrals received on or before its last day. */
const EARLIEST_RECEIVED = '0001-01-01';

export type AttendanceReport = AttendanceRows & {
  /** The reporting period asked for (always, for commissioners). */
  period?: string;
  /** The UTC dates (inclusive) on which the appointments counted started. */
  from: string;
  to: string;
  suppression: string;
};

/** Attendance and did-not-attend rates of the appointments that started in the period. */
@QueryHandler(AttendanceQuery)
export class AttendanceHandler implements IQueryHandler<AttendanceQuery, AttendanceReport> {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request: q, actor }: AttendanceQuery): Promise<AttendanceReport> {
    const policy = suppressionFor(actor, this.config, q.suppression);
    const { from, to, period } = reportScope(actor, this.clock.now().slice(0, 10), q);
    const referrals = await this.readModels.referralsReceivedBetween(EARLIEST_RECEIVED, to);
    return {
      ...(period ? { period } : {}),
      from,
      to,
      suppression: policy.name,
      ...attendanceRows(referrals, from, to, policy),
    };
  }
}
