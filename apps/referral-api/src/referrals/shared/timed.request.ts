import { ParseUUIDPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateNested } from 'class-validator';
import { IsIsoDateTime, Optional, toUtcIso } from '../../http/validators';
import { CORRECTION_REASONS, Problems } from '@app/application';
import type { CorrectionReason } from '@app/application';

/** Why a service manager records a time older than the back-dating window allows. */
export class CorrectionRequest {
  @IsIn(CORRECTION_REASONS) reason!: CorrectionReason;
}

/**
 * Every command may say when the thing happened; the default is now. A time more than
 * BACKDATE_WINDOW_DAYS back needs a service manager and `correction`.
 */
export class TimedRequest {
  @Optional() @IsIsoDateTime() at?: string;
  @Optional() @IsObject() @ValidateNested() @Type(() => CorrectionRequest) correction?: CorrectionRequest;
}

/** Fields every domain command carries: the referral, when it happened, and the handler's clock. */
export function timed(
  referralId: string,
  request: TimedRequest,
  now: string,
): { referralId: string; at: string; now: string } {
  return { referralId, at: request.at ? toUtcIso(request.at) : now, now };
}

export const uuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      Problems.badRequest(`${name} must be a UUID`, [{ field: name, message: `${name} must be a UUID` }]),
  });

/** A path segment naming someone (a link worker id): 1 to 100 characters, no control characters. */
export const idParam = (name: string) => ({
  transform(value: string): string {
    if (value.length < 1 || value.length > 100 || /[\u0000-\u001f\u007f]/.test(value)) {
      const message = `${name} must be 1 to 100 characters without control characters`;
      throw Problems.badRequest(message, [{ field: name, message }]);
    }
    return value;
  },
});
