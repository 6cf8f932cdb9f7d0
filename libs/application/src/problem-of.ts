import { EventStoreUnavailableError, WrongExpectedVersionError } from '@app/event-store';
import { ReferralRuleError } from '@app/referral-domain';
import { Problem } from './problem';

/**
 * The problem a use case's error means to a caller, whatever the transport: a broken rule is 422, an
 * unknown referral 404, a concurrent change 409, a store outage 503. Undefined for errors the
 * application does not know (the adapter decides, and an unexpected one is a 500).
 */
export function problemOf(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof ReferralRuleError) {
    if (error.code === 'REFERRAL.NOT_FOUND')
      return new Problem(404, 'Not found', 'No referral with this id', { code: error.code });
    if (error.code === 'REFERRAL.ERASED')
      return new Problem(410, 'Gone', error.message, { code: error.code });
    return new Problem(422, 'Business rule broken', error.message, { code: error.code });
  }
  if (error instanceof WrongExpectedVersionError) {
    return new Problem(409, 'Conflict', 'The referral changed while the command ran; retry', {
      code: error.code,
    });
  }
  if (error instanceof EventStoreUnavailableError)
    return new Problem(503, 'Service unavailable', 'The event store is unavailable; retry shortly');
  return undefined;
}
