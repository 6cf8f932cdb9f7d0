import { ParseUUIDPipe } from '@nestjs/common';
import { IsIsoDateTime, Optional, toUtcIso } from '../../http/validators';
import { Problems } from '@app/application';

/** Every command may say when the thing happened; the default is now. */
export class TimedRequest {
  @Optional() @IsIsoDateTime() at?: string;
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
