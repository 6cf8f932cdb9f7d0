import { hasRole } from './actor';
import type { Actor } from './actor';
import { Problems } from './problem';

/**
 * The referral source an integration client may record: its own organisation. A client bound to ODS
 * codes (its partner's, or its token's `org`) may name one of them, and names the first when it names
 * none; a code outside them, or a client bound to none, is refused. People and service managers are not
 * bound (a school's referrer names their school; a manager may enter a paper referral from anyone).
 */
export function boundSource<S extends { organisationCode?: string }>(actor: Actor, source: S): S {
  if (!hasRole(actor, 'integration') || hasRole(actor, 'service_manager')) return source;
  const codes = actor.organisationCodes ?? [];
  if (codes.includes('*')) return source;
  if (codes.length === 0)
    throw Problems.forbidden(
      'An integration client refers only for its own organisation and this one is bound to none: give its token an org claim, or its partner organisationCodes',
      'REFERRAL.ORGANISATION_UNBOUND',
    );
  if (source.organisationCode === undefined) return { ...source, organisationCode: codes[0] };
  if (!codes.includes(source.organisationCode))
    throw Problems.forbidden(
      `source.organisationCode ${source.organisationCode} is not an organisation this client refers for (${codes.join(', ')})`,
      'REFERRAL.ORGANISATION_MISMATCH',
    );
  return source;
}
