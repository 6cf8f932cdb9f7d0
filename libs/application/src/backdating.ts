import type { ReferralCommand } from '@app/referral-domain';
import { hasRole } from './actor';
import type { Actor } from './actor';
import { Problem, Problems } from './problem';

/** Why a service manager records a time older than the window allows. */
export const CORRECTION_REASONS = [
  'paper_referral',
  'late_entry',
  'system_outage',
  'data_correction',
] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];

/**
 * How far back a caller may date what happened; null: no check at all (loading history, fixtures at
 * fixed dates; refused in production).
 */
export type BackdatingPolicy = { windowDays: number | null };

/** A time recorded beyond the window by a service manager, kept in the metadata of the event. */
export type BackdatedCorrection = { reason: CorrectionReason; backdatedDays: number };

const DAY_MS = 86_400_000;
// The clock of a caller's device may be a little behind the server's.
const SKEW_MS = 5 * 60_000;

/** The time a command says the thing happened: `receivedAt` on intake, else `at`. */
function claimedTime(command: ReferralCommand): { field: string; at: string } | undefined {
  if (command.type === 'ReceiveReferral') return { field: 'receivedAt', at: command.receivedAt };
  const at = (command as { at?: unknown }).at;
  return typeof at === 'string' ? { field: 'at', at } : undefined;
}

/**
 * Times may be back-dated only within the window (`BACKDATE_WINDOW_DAYS`) of when they are recorded,
 * so a wait cannot be shortened after the fact. Beyond it only a service manager may record the time,
 * as a correction with a reason (kept in the event's metadata and counted in reports). A referral's
 * `receivedAt` may lie in the past only when an integration client or a service manager sends it.
 */
export function checkBackdating(
  actor: Actor,
  command: ReferralCommand,
  policy: BackdatingPolicy,
  correction?: { reason: CorrectionReason },
): BackdatedCorrection | undefined {
  const claimed = claimedTime(command);
  if (!claimed || policy.windowDays === null) return undefined;
  const lagMs = Date.parse(command.now) - Date.parse(claimed.at);
  if (!(lagMs > SKEW_MS)) return undefined;
  const manager = hasRole(actor, 'service_manager');
  if (command.type === 'ReceiveReferral' && !manager && !hasRole(actor, 'integration'))
    throw Problems.forbidden(
      'Only integration clients and service managers may give a receivedAt in the past (a referral that arrived on paper); leave it out and the referral is received now',
      'REFERRAL.BACKDATING_NOT_ALLOWED',
    );
  if (lagMs <= policy.windowDays * DAY_MS) return undefined;
  const backdatedDays = Math.floor(lagMs / DAY_MS);
  if (manager && correction) return { reason: correction.reason, backdatedDays };
  throw new Problem(
    422,
    'Business rule broken',
    `${claimed.field} is ${backdatedDays} days before now; times may be back-dated at most ${policy.windowDays} days (BACKDATE_WINDOW_DAYS). A service manager can record an older time as a correction, giving correction.reason`,
    { code: 'REFERRAL.BACKDATED_BEYOND_WINDOW' },
  );
}
