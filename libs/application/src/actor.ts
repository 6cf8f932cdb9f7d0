export const ROLES = [
  'referrer',
  'integration',
  'link_worker',
  'service_manager',
  'commissioner',
  'auditor',
  /** Keeps the community directory: adds and edits services, resolves link workers' reports. No case data. */
  'directory_editor',
] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, taken from a verified token (or, over Kafka, a verified partner signature). */
export type Actor = {
  sub: string;
  roles: Role[];
  /** The integration partner the caller acts for (token claim `partner`, or the signer of a Kafka message). */
  partner?: string;
  /** ODS codes the caller refers for (the partner's, or the token's `org` claim); `*`: any. */
  organisationCodes?: readonly string[];
  /** The handoff targets whose handoffs the caller's partner answers. */
  handoffTargets?: readonly string[];
  /** The teams the caller belongs to (token claim `team` or `teams`, else the default team). */
  teams?: readonly string[];
};

export const hasRole = (actor: Actor, ...roles: Role[]): boolean =>
  actor.roles.some((r) => roles.includes(r));
