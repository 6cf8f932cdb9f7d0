import type { AuthConfig } from '@app/config';
import { Problems, ROLES } from '@app/application';
import type { Actor, Role } from '@app/application';

/** The claims of a verified token that the service reads. */
export type VerifiedClaims = Record<string, unknown> & { sub?: unknown; exp?: unknown; iat?: unknown };

const TEAM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ORG = /^[A-Z0-9]{3,10}$/;

/** A token's roles: service role names (HS256 tokens), or an identity provider's values mapped to them. */
export function rolesOf(value: unknown, roleMap?: Readonly<Record<string, string>>): Role[] {
  const given = typeof value === 'string' ? value.split(' ') : value;
  if (!Array.isArray(given) || !given.every((r) => typeof r === 'string'))
    throw Problems.unauthorized(`The token's roles must be a non-empty list from: ${ROLES.join(', ')}`);
  const mapped =
    roleMap && Object.keys(roleMap).length
      ? given.map((r) => roleMap[r]).filter((r): r is string => r !== undefined)
      : given;
  if (mapped.length === 0 || !mapped.every((r) => (ROLES as readonly string[]).includes(r))) {
    throw Problems.unauthorized(
      roleMap && Object.keys(roleMap).length
        ? 'The token grants none of the roles this service maps (AUTH_ROLE_MAP)'
        : `The token's roles must be a non-empty list from: ${ROLES.join(', ')}`,
    );
  }
  return [...new Set(mapped as Role[])];
}

function teamsOf(claims: VerifiedClaims, defaultTeam: string): string[] {
  const given = claims.teams ?? (claims.team === undefined ? undefined : [claims.team]);
  if (given === undefined) return [defaultTeam];
  if (
    !Array.isArray(given) ||
    given.length === 0 ||
    !given.every((t) => typeof t === 'string' && TEAM.test(t))
  )
    throw Problems.unauthorized("The token's team or teams must name teams (1-64 letters, digits or . _ -)");
  return [...new Set(given as string[])];
}

/** What an integration caller may do as its partner: refer for its organisations, answer its targets' handoffs. */
function partnerOf(claims: VerifiedClaims, roles: Role[], auth: AuthConfig): Partial<Actor> {
  const org = claims.org;
  if (org !== undefined && (typeof org !== 'string' || !ORG.test(org)))
    throw Problems.unauthorized("The token's org claim must be an ODS code");
  if (claims.partner === undefined) return org ? { organisationCodes: [org] } : {};
  const partner = auth.partners.find((p) => p.id === claims.partner);
  if (!partner) throw Problems.unauthorized('The token names a partner this service does not know');
  if (!roles.includes('integration'))
    throw Problems.unauthorized('Only an integration token may act for a partner');
  const organisationCodes = partner.organisationCodes.length ? partner.organisationCodes : org ? [org] : [];
  return { partner: partner.id, organisationCodes, handoffTargets: partner.handoffTargets };
}

/** The caller a verified token names: subject, roles, partner, organisations and teams. */
export function actorFromClaims(claims: VerifiedClaims, roles: Role[], auth: AuthConfig): Actor {
  if (typeof claims.sub !== 'string' || !claims.sub || typeof claims.exp !== 'number')
    throw Problems.unauthorized('The token needs sub and exp claims');
  const lifetime = claims.exp - (typeof claims.iat === 'number' ? claims.iat : Date.now() / 1000);
  if (lifetime > auth.maxTokenLifetimeSeconds)
    throw Problems.unauthorized(
      `The token lives longer than the ${auth.maxTokenLifetimeSeconds / 3600}-hour maximum; ask for a shorter one`,
    );
  return Object.freeze({
    sub: claims.sub,
    roles: Object.freeze(roles) as Role[],
    teams: Object.freeze(teamsOf(claims, auth.defaultTeam)),
    ...partnerOf(claims, roles, auth),
  });
}
