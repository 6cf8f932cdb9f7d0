import type { StoredEvent } from '@app/event-store';
import type { Projection, ReadModelTx } from '../runner/projection';
import { insertRows } from '../runner/bulk-rows';

/** One look at identifiable data, recorded in an append-only access stream. */
export type PersonalDataAccessed = {
  type: 'PersonalDataAccessed';
  data: {
    at: string;
    actor: { sub: string; roles: string[] };
    referralId: string | null;
    /** Every referral whose identifiable data a list (queue, search, caseload) showed. */
    referralIds?: string[];
    linkWorkerId: string | null;
    endpoint: string;
    purpose: string | null;
  };
};

/**
 * Access streams are one per UTC day and API instance: none grows without bound, and each has one
 * writer, so concurrent reads never contend for a stream (`access-2026-12-04-<instance>`).
 */
export const accessStreamName = (at: string, instance: string): string =>
  `access-${at.slice(0, 10)}-${instance}`;

export type AccessLogRow = {
  /** The referrals a list showed, each findable by an auditor (`access_log_referrals`). */
  listed?: string[];
  position: number;
  at: string;
  actor: string;
  roles: string;
  referral_id: string | null;
  link_worker_id: string | null;
  endpoint: string;
  purpose: string | null;
};

/** The access log read model: one row per recorded access, for auditors' queries. */
export const accessLogProjection: Projection<AccessLogRow> = {
  name: 'access-log',
  handles: new Set(['PersonalDataAccessed']),
  personalData: new Set(),
  keyOf: (event: StoredEvent) => String(event.position),
  evolve: (_row, event) => {
    const d = (event as unknown as PersonalDataAccessed).data;
    return {
      position: event.position,
      at: d.at,
      actor: d.actor.sub,
      roles: d.actor.roles.join(','),
      referral_id: d.referralId,
      link_worker_id: d.linkWorkerId,
      endpoint: d.endpoint,
      purpose: d.purpose,
      listed: d.referralIds ?? [],
    };
  },
  load: () => Promise.resolve(new Map()),
  async save(trx: ReadModelTx, rows: Map<string, AccessLogRow | null>) {
    const values = [...rows.values()].filter((r): r is AccessLogRow => r !== null);
    const shown = values.flatMap((r) =>
      (r.listed ?? []).map((id) => ({ referral_id: id, position: r.position })),
    );
    await insertRows(
      trx,
      'access_log',
      values.map(({ listed: _, ...row }) => row),
      { kind: 'ignore', key: 'position' },
    );
    await insertRows(trx, 'access_log_referrals', shown, {
      kind: 'ignore',
      key: ['referral_id', 'position'],
    });
  },
};
