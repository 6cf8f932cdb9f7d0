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
