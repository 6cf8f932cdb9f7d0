import type { PersonalDataAccessed } from '../access-log/access-log';
import type { ReadModelDb } from '../database';

export type AccessLogFilter = {
  referralId?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
};

/** One recorded access to personal data: the event's data and its position in the log. */
export type AccessRecord = PersonalDataAccessed['data'] & { position: number };

/** Recorded accesses matching the filter, newest first. */
export async function findAccesses(db: ReadModelDb, f: AccessLogFilter): Promise<AccessRecord[]> {
  let q = db.selectFrom('access_log').selectAll();
  const referralId = f.referralId;
  if (referralId)
    q = q.where((eb) =>
      eb.or([
        eb('referral_id', '=', referralId),
        eb(
          'position',
          'in',
          eb.selectFrom('access_log_referrals').select('position').where('referral_id', '=', referralId),
        ),
      ]),
    );
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to);
  const rows = await q.orderBy('position', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    position: Number(r.position),
    at: r.at,
    actor: { sub: r.actor, roles: r.roles ? r.roles.split(',') : [] },
    referralId: r.referral_id,
    linkWorkerId: r.link_worker_id,
    endpoint: r.endpoint,
    purpose: r.purpose,
  }));
}
