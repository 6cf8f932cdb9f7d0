import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CORRECTION_REASONS } from '@app/application';
import { APPOINTMENT_CANCELLERS, SESSION_FORMATS, SESSION_SETTINGS } from '@app/referral-domain';
import type { AppointmentCanceller, SessionFormat, SessionSetting } from '@app/referral-domain';
import { IsIsoDateTime, Optional } from '../../http/validators';
import { TimedRequest } from '../shared/timed.request';

/*
 * The request bodies of the appointment commands (class-validator): unknown fields are refused and every
 * failure names its field. The ApiProperty metadata gives the OpenAPI document their schemas.
 */

/** `at` and `correction`, which every command takes, described for the OpenAPI schema. */
abstract class AppointmentRequest extends TimedRequest {}
ApiPropertyOptional({
  type: String,
  format: 'date-time',
  description: 'When it happened (default: now); ISO 8601 with a time zone',
  example: '2026-12-05T09:30:00Z',
})(AppointmentRequest.prototype, 'at');
ApiPropertyOptional({
  type: 'object',
  description: 'A service manager dating `at` beyond the back-dating window says why',
  properties: { reason: { type: 'string', enum: [...CORRECTION_REASONS] } },
  required: ['reason'],
})(AppointmentRequest.prototype, 'correction');

const apiStart = (what: string) =>
  ApiProperty({ type: String, format: 'date-time', description: `${what}: now or later, with a time zone` });
const apiText = (min: number, max: number) =>
  ApiPropertyOptional({
    type: String,
    minLength: min,
    maxLength: max,
    description: 'Free text, sealed at rest',
  });

export class BookAppointmentRequest extends AppointmentRequest {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    description: "The appointment's id when the caller makes it; otherwise one is made and answered",
  })
  @Optional()
  @IsUUID()
  id?: string;
  @apiStart('When it starts') @IsIsoDateTime() startsAt!: string;
  @ApiProperty({ enum: SESSION_FORMATS }) @IsIn(SESSION_FORMATS) format!: SessionFormat;
  @ApiProperty({ enum: SESSION_SETTINGS }) @IsIn(SESSION_SETTINGS) setting!: SessionSetting;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes!: number;
}

export class RescheduleAppointmentRequest extends AppointmentRequest {
  @apiStart('The new start') @IsIsoDateTime() startsAt!: string;
  @apiText(1, 500) @Optional() @IsString() @Length(1, 500) reason?: string;
}

export class CancelAppointmentRequest extends AppointmentRequest {
  @ApiProperty({ enum: APPOINTMENT_CANCELLERS, description: 'Who called it off' })
  @IsIn(APPOINTMENT_CANCELLERS)
  cancelledBy!: AppointmentCanceller;
  @apiText(1, 500) @Optional() @IsString() @Length(1, 500) reason?: string;
}

export class RecordAttendanceRequest extends AppointmentRequest {
  @ApiProperty({ type: Boolean, description: 'false records a did-not-attend (DNA)' })
  @IsBoolean()
  attended!: boolean;
  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description: 'What the young person did, when they attended (sealed at rest)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  activities?: string[];
  @apiText(0, 4000) @Optional() @IsString() @MaxLength(4000) notes?: string;
}
