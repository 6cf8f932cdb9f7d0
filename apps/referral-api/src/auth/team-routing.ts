import type { TeamRouting } from '@app/application';
import type { AppConfig } from '@app/config';

/** The configured routing of referrals to receiving teams (`DEFAULT_TEAM`, `TEAM_BY_PCN`). */
export const teamRouting = (config: Pick<AppConfig, 'auth'>): TeamRouting => ({
  defaultTeam: config.auth.defaultTeam,
  teamByPcn: config.auth.teamByPcn,
});
