import type { AppConfig } from '@app/config';
import { SUPPRESSION, SuppressionPolicy, SuppressionPolicyName } from '@app/read-models';
import { Actor, hasRole } from '@app/application';
import { Problems } from '@app/application';

/** Commissioners always get the configured policy; service managers may ask for another, including none. */
export function suppressionFor(
  actor: Actor,
  config: AppConfig,
  requested?: SuppressionPolicyName,
): SuppressionPolicy {
  if (requested === undefined)
    return SUPPRESSION[hasRole(actor, 'service_manager') ? 'none' : config.suppressionPolicy];
  if (!hasRole(actor, 'service_manager') && requested !== config.suppressionPolicy) {
    throw Problems.forbidden(
      `Commissioners see figures under the ${config.suppressionPolicy} disclosure policy only`,
    );
  }
  return SUPPRESSION[requested];
}

/** Resolves the report window: `to` defaults to `asOf`, `from` to twelve months before `to`. */
export function reportWindow(
  today: string,
  q: { from?: string; to?: string; asOf?: string },
): { from: string; to: string; asOf: string } {
  const asOf = q.asOf ?? today;
  const to = q.to ?? asOf;
  const from = q.from ?? `${Number(to.slice(0, 4)) - 1}${to.slice(4)}`.replace(/-02-29$/, '-02-28');
  if (from > to)
    throw Problems.badRequest('from must not be after to', [
      { field: 'from', message: `from (${from}) is after to (${to})` },
    ]);
  return { from, to, asOf };
}
