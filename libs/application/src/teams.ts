import type { Actor } from './actor';

/** Which team receives a referral: by its PCN, else the default team (`TEAM_BY_PCN`, `DEFAULT_TEAM`). */
export type TeamRouting = { defaultTeam: string; teamByPcn: Readonly<Record<string, string>> };

export const SINGLE_TEAM: TeamRouting = { defaultTeam: 'default', teamByPcn: {} };

/** The team that triages a referral from this PCN. */
export function receivingTeam(routing: TeamRouting, pcnCode: string | undefined): string {
  return (pcnCode === undefined ? undefined : routing.teamByPcn[pcnCode]) ?? routing.defaultTeam;
}

/** Every team there is: the default team and those PCNs route to. */
export function knownTeams(routing: TeamRouting): string[] {
  return [...new Set([routing.defaultTeam, ...Object.values(routing.teamByPcn)])];
}

/** The team a referral is with: where it was transferred, else where its PCN routes it. */
export function teamOfReferral(routing: TeamRouting, referral: { team?: string; pcnCode?: string }): string {
  return referral.team ?? receivingTeam(routing, referral.pcnCode);
}

/** The caller's teams: from the token, else the default team (a single-team service works unchanged). */
export function teamsOf(actor: Actor, routing: TeamRouting): readonly string[] {
  return actor.teams?.length ? actor.teams : [routing.defaultTeam];
}
