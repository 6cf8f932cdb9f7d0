import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PERIOD_FORMAT, SUPPRESSION_POLICIES } from '@app/read-models';

const count: SchemaObject = { type: 'integer', nullable: true, description: 'null when suppressed' };

const ROW: SchemaObject = {
  type: 'object',
  required: [
    'group',
    'appointments',
    'attended',
    'didNotAttend',
    'didNotAttendPct',
    'cancelledByYoungPerson',
    'cancelledByFamily',
    'cancelledByService',
    'stillBooked',
    'suppressed',
  ],
  properties: {
    group: {
      type: 'string',
      description: '`all`, an age band at referral (5-10, 11-15, 16-19) or a source kind',
    },
    appointments: { ...count, description: 'Every appointment starting in the window; null when suppressed' },
    attended: count,
    didNotAttend: count,
    didNotAttendPct: {
      type: 'number',
      nullable: true,
      description: 'didNotAttend / (attended + didNotAttend) from the exact counts; null when withheld',
    },
    cancelledByYoungPerson: count,
    cancelledByFamily: count,
    cancelledByService: count,
    stillBooked: { ...count, description: 'Still to come, or attendance not yet recorded' },
    suppressed: { type: 'boolean' },
  },
};

/** The JSON schema of the attendance report. */
export const ATTENDANCE_REPORT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['from', 'to', 'suppression', 'overall', 'byAgeBand', 'bySource'],
  properties: {
    period: { type: 'string', description: 'The reporting period asked for (always, for commissioners)' },
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    suppression: { type: 'string', enum: [...SUPPRESSION_POLICIES] },
    overall: ROW,
    byAgeBand: { type: 'array', items: ROW },
    bySource: { type: 'array', items: ROW },
  },
};

const row = (group: string, figures: (number | null)[], pct: number | null) => {
  const [appointments, attended, didNotAttend, young, family, service, booked] = figures;
  return {
    group,
    appointments,
    attended,
    didNotAttend,
    didNotAttendPct: pct,
    cancelledByYoungPerson: young,
    cancelledByFamily: family,
    cancelledByService: service,
    stillBooked: booked,
    suppressed: false,
  };
};

/** A commissioner's quarter under the default policy (1-7 suppressed, others rounded to 5). */
export const ATTENDANCE_REPORT_EXAMPLE = {
  period: '2026-Q3',
  from: '2026-07-01',
  to: '2026-09-30',
  suppression: 'nhs-secondary-care',
  overall: row('all', [240, 165, 35, 15, 10, 10, 5], 17.6),
  byAgeBand: [row('11-15', [135, 90, 25, 10, null, 10, 0], 21.7)],
  bySource: [row('school', [110, 75, 15, null, null, 10, 0], 16.9)],
};

/** The query parameters of the attendance report, for the OpenAPI document. */
export const ApiAttendanceQuery = () =>
  applyDecorators(
    ApiQuery({
      name: 'period',
      required: false,
      type: String,
      description: `${PERIOD_FORMAT}; commissioners ask for periods only (default: the last complete month)`,
      example: '2026-Q3',
    }),
    ApiQuery({
      name: 'from',
      required: false,
      type: String,
      format: 'date',
      description: 'Service managers: first UTC date of appointment starts (default: a year before `to`)',
      example: '2026-07-01',
    }),
    ApiQuery({
      name: 'to',
      required: false,
      type: String,
      format: 'date',
      description: 'Service managers: last UTC date of appointment starts (default: today)',
      example: '2026-09-30',
    }),
    ApiQuery({
      name: 'suppression',
      required: false,
      enum: [...SUPPRESSION_POLICIES],
      description:
        'Service managers may ask for another disclosure policy; commissioners get the configured one',
    }),
  );
