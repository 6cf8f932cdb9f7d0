export const ROLES = [
  'referrer',
  'integration',
  'link_worker',
  'service_manager',
  'commissioner',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, taken from a verified token. */
export type Actor = { sub: string; roles: Role[] };

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  actor.roles.some((r) => roles.includes(r));
