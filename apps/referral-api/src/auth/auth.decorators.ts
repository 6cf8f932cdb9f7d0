import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Actor, Role } from '@app/application';

export const ROLES_KEY = 'auth:roles';
export const PUBLIC_KEY = 'auth:public';

/** The OpenAPI security scheme of operators' routes (OPS_TOKEN). */
export const OPS_TOKEN_SCHEME = 'opsToken';

/**
 * Roles allowed to call the route at all; finer per-referral rules apply in the handlers. The OpenAPI
 * document says so: bearer auth and the roles (`x-roles`).
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiExtension('x-roles', roles));

/** The route needs no token (health, docs); its OpenAPI operation has no security requirement. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

export const OPERATIONAL_KEY = 'auth:operational';

/** An operator's route (metrics, integration health): open, or behind OPS_TOKEN when it is set. */
export const Operational = () =>
  applyDecorators(SetMetadata(OPERATIONAL_KEY, true), ApiSecurity(OPS_TOKEN_SCHEME));

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
