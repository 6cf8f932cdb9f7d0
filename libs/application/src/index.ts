export { ROLES, hasRole } from './actor';
export type { Actor, Role } from './actor';
export { authorizeReferral, isCreator } from './access-policy';
export type { ReferralAccess, ReferralAction } from './access-policy';
export type { Clock, IdGenerator } from './clock';
export { actorOf, isSameRequest, metadataFrom } from './origin';
export type { HttpOrigin, MessageOrigin, Origin } from './origin';
export { Problem, Problems } from './problem';
export type { FieldError } from './problem';
export { problemOf } from './problem-of';
export { ReferralApplication, referralAccess } from './referral-application';
export { referralDeciderStore } from './referral-decider-store';
export type {
  CommandOutcome,
  CommandResult,
  HandleOptions,
  ReceiveResult,
  ReferralApplicationDeps,
} from './referral-application';
export { CORRECTION_REASONS, checkBackdating } from './backdating';
export type { BackdatedCorrection, BackdatingPolicy, CorrectionReason } from './backdating';
export { boundSource } from './organisation-binding';
export { SINGLE_TEAM, knownTeams, receivingTeam, teamOfReferral, teamsOf } from './teams';
export type { TeamRouting } from './teams';
