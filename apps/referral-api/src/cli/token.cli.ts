import { parseArgs } from 'node:util';
import { loadConfig } from '@app/config';
import { signToken } from '../auth/jwt-auth.guard';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { ROLES, Role } from '@app/application';

/**
 * Prints a token for local use: `npm run token -- --role link_worker --sub lw-1 [--hours 8] [--team north]`;
 * an integration client's with `--partner camhs [--org A81001]`.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      hours: { type: 'string', default: '8' },
      partner: { type: 'string' },
      org: { type: 'string' },
      team: { type: 'string', multiple: true },
    },
  });
  const config = loadConfig();
  const roles = (values.role ?? []) as Role[];
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || bad.length) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const hours = Number(values.hours);
  const maxHours = config.auth.maxTokenLifetimeSeconds / 3600;
  if (!Number.isFinite(hours) || hours <= 0 || hours > maxHours)
    throw new Error(`--hours must be more than 0 and at most ${maxHours} (AUTH_MAX_TOKEN_LIFETIME_SECONDS)`);
  const sub = values.sub ?? `${roles[0]}-local`;
  const claims = {
    ...(values.partner ? { partner: values.partner } : {}),
    ...(values.org ? { org: values.org } : {}),
    ...(values.team?.length ? { teams: values.team } : {}),
  };
  process.stdout.write(
    `${signToken(resolveJwtSecret(config), sub, roles, Math.round(hours * 3600), claims)}\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
