import type { Actor } from '@app/application';
import type { AttendanceReportRequest } from './attendance.request';

/** The attendance report a caller asked for. */
export class AttendanceQuery {
  constructor(
    readonly request: AttendanceReportRequest,
    readonly actor: Actor,
  ) {}
}
