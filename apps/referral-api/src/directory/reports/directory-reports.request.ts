import { AttendanceReportRequest } from '../../reports/attendance/attendance.request';

/**
 * What a directory report covers: a fixed reporting period (commissioners: the only choice; default the
 * last complete month) or, for service managers, a window of dates; and the disclosure policy.
 */
export class DirectoryReportRequest extends AttendanceReportRequest {}
