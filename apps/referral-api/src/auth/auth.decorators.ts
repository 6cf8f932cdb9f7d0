import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@app/application';

export const ROLES_KEY = 'auth:roles';
export const PUBLIC_KEY = 'auth:public';

/** Roles allowed to call the route at all; finer per-referral rules apply in the handlers. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The route needs no token (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const OPERATIONAL_KEY = 'auth:operational';

/** An operator's route (metrics, integration health): open, or behind OPS_TOKEN when it is set. */
export const Operational = () => SetMetadata(OPERATIONAL_KEY, true);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
