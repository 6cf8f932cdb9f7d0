import type { AppConfig } from '@app/config';
import {
  PERIOD_FORMAT,
  lastCompleteMonth,
  measuredAt,
  parsePeriod,
  suppressionPolicy,
} from '@app/read-models';
import type { SuppressionPolicy, SuppressionPolicyName } from '@app/read-models';
import { Actor, hasRole } from '@app/application';
import { Problems } from '@app/application';

/** Commissioners always get the configured policy; service managers may ask for another, including none. */
export function suppressionFor(
  actor: Actor,
  config: Pick<AppConfig, 'suppressionPolicy' | 'disclosure'>,
  requested?: SuppressionPolicyName,
): SuppressionPolicy {
  const manager = hasRole(actor, 'service_manager');
  if (requested !== undefined && !manager && requested !== config.suppressionPolicy) {
    throw Problems.forbidden(
      `Commissioners see figures under the ${config.suppressionPolicy} disclosure policy only`,
    );
  }
  return suppressionPolicy(requested ?? (manager ? 'none' : config.suppressionPolicy), config.disclosure);
}

/** What a report covers: referrals received from..to, as they stood at the end of asOf; and the period asked for. */
export type ReportScope = { from: string; to: string; asOf: string; period?: string };

type ScopeQuery = { period?: string; from?: string; to?: string; asOf?: string };

/**
 * Resolves what a report covers. Commissioners get fixed reporting periods only (default: the last
 * complete month), measured as at the period's end or today, whichever is earlier: two overlapping
 * day windows (1-9 and 1-8 March) differ by one day's referrals and would disclose one child's wait.
 * Service managers may also ask for any window (`from`, `to`, `asOf`).
 */
export function reportScope(actor: Actor, today: string, q: ScopeQuery): ReportScope {
  const manager = hasRole(actor, 'service_manager');
  const windowFields = (['from', 'to', 'asOf'] as const).filter((f) => q[f] !== undefined);
  if (!manager && windowFields.length)
    throw Problems.badRequest(
      `Commissioners ask for a fixed reporting period (period=${PERIOD_FORMAT}); ${windowFields.join(', ')} are for service managers`,
      windowFields.map((field) => ({
        field,
        message: `${field} is not available to commissioners; use period`,
      })),
    );
  if (q.period !== undefined && windowFields.length)
    throw Problems.badRequest('Ask for a period or a window (from, to, asOf), not both', [
      { field: 'period', message: 'period cannot be combined with from, to or asOf' },
    ]);
  if (q.period === undefined && manager) return reportWindow(today, q);
  const period = q.period === undefined ? lastCompleteMonth(today) : parsePeriod(q.period);
  if (!period)
    throw Problems.badRequest(`period must be ${PERIOD_FORMAT}`, [
      { field: 'period', message: `period must be ${PERIOD_FORMAT}` },
    ]);
  if (period.from > today)
    throw Problems.badRequest(`The period ${period.id} has not started yet`, [
      { field: 'period', message: `${period.id} starts on ${period.from}, after today` },
    ]);
  return { from: period.from, to: period.to, asOf: measuredAt(period, today), period: period.id };
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
