import { sql } from 'kysely';
import type { ExpressionBuilder } from 'kysely';
import type { ReadModelDb, ReadModelTables, ReferralSearchTable } from '../database';
import { identityMatches } from '../identity/identity.queries';
import type { IdentityFilter } from '../identity/identity.queries';

/** Which referrals a caller's teams receive: by PCN; the default team gets every PCN no team is mapped to. */
export type TeamScope = {
  /** The teams by name: a referral transferred to one of them is theirs, whatever its PCN. */
  names: string[];
  pcns: string[];
  defaultTeam: boolean;
  mappedPcns: string[];
};

/** Who may see what: a link worker their teams' referrals awaiting triage and their own; a manager their teams'. */
export type SearchScope =
  { kind: 'manager'; teams: TeamScope } | { kind: 'link_worker'; teams: TeamScope; linkWorkerId: string };

export type ReferralSearch = {
  scope: SearchScope;
  statuses?: string[];
  linkWorkerId?: string;
  sourceKind?: string;
  sourceOrganisation?: string;
  pcnCode?: string;
  /** UTC dates, inclusive. */
  receivedFrom?: string;
  receivedTo?: string;
  urgency?: string;
  reason?: string;
  ageBand?: string;
  /** Keyed tokens of an NHS number, a date of birth or name words (the blind index), never values. */
  identity?: IdentityFilter;
  order: 'oldest' | 'newest';
  /** The last row of the previous page (keyset pagination: stable while rows are added). */
  after?: { receivedAt: string; id: string };
  limit: number;
};

type Eb = ExpressionBuilder<ReadModelTables, 'referral_search'>;

function inTeams(eb: Eb, t: TeamScope) {
  const unrouted = t.mappedPcns.length
    ? eb.or([eb('pcn_code', 'is', null), eb('pcn_code', 'not in', t.mappedPcns)])
    : eb.lit(true);
  const parts = [
    ...(t.pcns.length ? [eb('pcn_code', 'in', t.pcns)] : []),
    ...(t.defaultTeam ? [unrouted] : []),
  ];
  // One team routed everything (the usual single-team service, where there is no other team to
  // transfer to): no condition at all.
  if (t.defaultTeam && t.mappedPcns.length === 0) return eb.lit(true);
  const routed = parts.length ? eb.and([eb('team', 'is', null), eb.or(parts)]) : eb.lit(false);
  return t.names.length ? eb.or([routed, eb('team', 'in', t.names)]) : routed;
}

function visible(eb: Eb, scope: SearchScope) {
  if (scope.kind === 'manager') return inTeams(eb, scope.teams);
  return eb.or([
    eb.and([eb('status', '=', 'received'), inTeams(eb, scope.teams)]),
    eb('link_worker_id', '=', scope.linkWorkerId),
  ]);
}

/** One page of referrals matching every filter given, in received order, then by id. */
export async function searchReferrals(db: ReadModelDb, q: ReferralSearch): Promise<ReferralSearchTable[]> {
  const desc = q.order === 'newest';
  let query = db
    .selectFrom('referral_search')
    .selectAll()
    .where((eb) => visible(eb, q.scope));
  const equal = [
    ['link_worker_id', q.linkWorkerId],
    ['source_kind', q.sourceKind],
    ['source_organisation', q.sourceOrganisation],
    ['pcn_code', q.pcnCode],
    ['urgency', q.urgency],
    ['age_band', q.ageBand],
  ] as const;
  for (const [column, value] of equal) if (value !== undefined) query = query.where(column, '=', value);
  if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
  if (q.receivedFrom !== undefined) query = query.where('received_at', '>=', q.receivedFrom);
  if (q.receivedTo !== undefined) query = query.where('received_at', '<=', `${q.receivedTo}T23:59:59.999Z`);
  if (q.reason !== undefined) query = query.where('reasons', 'like', `%|${q.reason}|%`);
  const identity = q.identity;
  if (identity) query = query.where('referral_id', 'in', identityMatches(db, identity));
  const after = q.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('received_at', desc ? '<' : '>', after.receivedAt),
        eb.and([eb('received_at', '=', after.receivedAt), eb('referral_id', desc ? '<' : '>', after.id)]),
      ]),
    );
  return query
    .orderBy('received_at', desc ? 'desc' : 'asc')
    .orderBy('referral_id', desc ? 'desc' : 'asc')
    .limit(q.limit)
    .execute();
}

/**
 * The first page of the triage queue: awaiting acceptance in the teams' scope, urgent first, then
 * oldest. The page and its counts are read on one snapshot, so the counts never include a referral
 * the projection moved on between the two reads (or miss one it added).
 */
export function awaitingTriage(
  db: ReadModelDb,
  teams: TeamScope,
  limit: number,
): Promise<{ rows: ReferralSearchTable[]; total: number; urgent: number; oldestReceivedAt: string | null }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((snapshot) => awaitingTriageIn(snapshot, teams, limit));
}

async function awaitingTriageIn(db: ReadModelDb, teams: TeamScope, limit: number) {
  const waiting = db
    .selectFrom('referral_search')
    .where('status', '=', 'received')
    .where((eb) => inTeams(eb, teams));
  const rows = await waiting
    .selectAll()
    // 'urgent' sorts after 'routine': descending puts urgent first, along the (status, urgency, received_at) index.
    .orderBy('urgency', 'desc')
    .orderBy('received_at')
    .orderBy('referral_id')
    .limit(limit)
    .execute();
  const counts = await waiting
    .select((eb) => [
      eb.fn.countAll<string | number>().as('total'),
      eb.fn.sum<string | number | null>(sql`case when urgency = 'urgent' then 1 else 0 end`).as('urgent'),
      eb.fn.min('received_at').as('oldest'),
    ])
    .executeTakeFirstOrThrow();
  return {
    rows,
    total: Number(counts.total),
    urgent: Number(counts.urgent ?? 0),
    oldestReceivedAt: counts.oldest ?? null,
  };
}
