import type { TeamRouting } from '@app/application';
import type { AppConfig } from '@app/config';
import type { TeamScope } from '@app/read-models';

/** The configured routing of referrals to receiving teams (`DEFAULT_TEAM`, `TEAM_BY_PCN`). */
export const teamRouting = (config: Pick<AppConfig, 'auth'>): TeamRouting => ({
  defaultTeam: config.auth.defaultTeam,
  teamByPcn: config.auth.teamByPcn,
});

/** The PCNs some teams receive referrals from, for queries of the read models. */
export function teamScope(teams: readonly string[], routing: TeamRouting): TeamScope {
  const mapped = Object.entries(routing.teamByPcn);
  return {
    names: [...teams],
    pcns: mapped.filter(([, team]) => teams.includes(team)).map(([pcn]) => pcn),
    defaultTeam: teams.includes(routing.defaultTeam),
    mappedPcns: mapped.map(([pcn]) => pcn),
  };
}
