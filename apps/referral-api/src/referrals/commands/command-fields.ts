import { toUtcIso } from '../../http/validators';

/** When the thing happened: the body's `at` (any zone, stored as UTC), else now. */
export const when = (body: { at?: string }, now: string): string => (body.at ? toUtcIso(body.at) : now);

/** The fields every command on an existing referral carries. */
export const on = (params: Record<string, string>, body: { at?: string }, now: string) => ({
  referralId: params.id!,
  at: when(body, now),
  now,
});

export const CARE_ROLES = ['link_worker', 'service_manager'] as const;
