import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
import type { SuppressionPolicy } from './disclosure-control';
import { percentage } from './statistics';

/** What the report needs of a directory service: its name and taxonomy terms (public directory facts). */
export type ServiceFacts = {
  name: string;
  terms: readonly { id: string; name: string; taxonomy: string | null }[];
};

/** Prescriptions of one group made in the window, and what became of them; null is a suppressed figure. */
export type PrescriptionRow = {
  group: string;
  /** The service's or term's name (by service, by taxonomy term); the taxonomy of a term. */
  name?: string;
  taxonomy?: string | null;
  prescriptions: number | null;
  attended: number | null;
  stillAttending: number | null;
  didNotAttend: number | null;
  declined: number | null;
  /** No uptake recorded yet. */
  awaitingUptake: number | null;
  /** Attended or still attending, as a percentage of the prescriptions whose uptake is recorded. */
  uptakePct: number | null;
  suppressed: boolean;
};

export type PrescriptionRows = {
  overall: PrescriptionRow;
  byService: PrescriptionRow[];
  byTaxonomyTerm: PrescriptionRow[];
  byAgeBand: PrescriptionRow[];
};

/** Prescriptions of one service, age band and last uptake: `n` of them (one, or a count from SQL). */
export type Prescribed = { serviceId: string; uptake: string | null; band: string; n: number };
type Tally = Record<
  'prescriptions' | 'attended' | 'stillAttending' | 'didNotAttend' | 'declined' | 'awaiting',
  number
>;

const UPTAKE_FIELD: Record<string, keyof Tally> = {
  attended: 'attended',
  still_attending: 'stillAttending',
  did_not_attend: 'didNotAttend',
  declined: 'declined',
};

function tally(items: readonly Prescribed[]): Tally {
  const t: Tally = {
    prescriptions: 0,
    attended: 0,
    stillAttending: 0,
    didNotAttend: 0,
    declined: 0,
    awaiting: 0,
  };
  for (const p of items) {
    t.prescriptions += p.n;
    t[p.uptake === null ? 'awaiting' : (UPTAKE_FIELD[p.uptake] ?? 'awaiting')] += p.n;
  }
  return t;
}

function toRow(
  group: string,
  t: Tally,
  policy: SuppressionPolicy,
  named: Partial<PrescriptionRow> = {},
): PrescriptionRow {
  const known = t.prescriptions - t.awaiting;
  const tookUp = t.attended + t.stillAttending;
  const prescriptions = policy.count(t.prescriptions);
  // From exact counts; withheld when the denominator is small or the numerator a suppressed count.
  const rateAllowed =
    policy.statisticAllowed(known) && policy.count(known) !== null && policy.count(tookUp) !== null;
  return {
    group,
    ...named,
    prescriptions,
    attended: policy.count(t.attended),
    stillAttending: policy.count(t.stillAttending),
    didNotAttend: policy.count(t.didNotAttend),
    declined: policy.count(t.declined),
    awaitingUptake: policy.count(t.awaiting),
    uptakePct: rateAllowed ? percentage(tookUp, known) : null,
    suppressed: prescriptions === null,
  };
}

function grouped(
  items: readonly Prescribed[],
  keysOf: (p: Prescribed) => readonly string[],
  policy: SuppressionPolicy,
  named: (key: string) => Partial<PrescriptionRow> = () => ({}),
): PrescriptionRow[] {
  const groups = new Map<string, Prescribed[]>();
  for (const p of items) for (const key of keysOf(p)) groups.set(key, [...(groups.get(key) ?? []), p]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => toRow(key, tally(group), policy, named(key)));
}

/**
 * Social prescriptions made on the dates from..to and their last recorded uptake, overall, by directory
 * service, by each taxonomy term of the service (OpenActive activity, need, category) and by age band at
 * referral. A prescription of a service no longer in the directory counts under its id with no terms.
 */
export function prescriptionRows(
  referrals: readonly ReferralSummary[],
  from: string,
  to: string,
  services: ReadonlyMap<string, ServiceFacts>,
  policy: SuppressionPolicy,
): PrescriptionRows {
  const items: Prescribed[] = referrals.flatMap((s) =>
    (s.prescriptions ?? [])
      .filter((p) => p.prescribedAt >= `${from}T00:00:00.000Z` && p.prescribedAt <= `${to}T23:59:59.999Z`)
      .map((p) => ({ serviceId: p.serviceId, uptake: p.uptake, band: ageBand(s.ageAtReferral), n: 1 })),
  );
  return prescriptionRowsOf(items, services, policy);
}

/** The report's rows from prescriptions counted by service, age band and uptake (see `prescriptionRows`). */
export function prescriptionRowsOf(
  items: readonly Prescribed[],
  services: ReadonlyMap<string, ServiceFacts>,
  policy: SuppressionPolicy,
): PrescriptionRows {
  const terms = new Map([...services.values()].flatMap((s) => s.terms.map((t) => [t.id, t] as const)));
  return {
    overall: toRow('all', tally(items), policy),
    byService: grouped(
      items,
      (p) => [p.serviceId],
      policy,
      (id) => ({ name: services.get(id)?.name ?? 'not in the directory' }),
    ),
    byTaxonomyTerm: grouped(
      items,
      (p) => (services.get(p.serviceId)?.terms ?? []).map((t) => t.id),
      policy,
      (id) => ({ name: terms.get(id)?.name, taxonomy: terms.get(id)?.taxonomy ?? null }),
    ),
    byAgeBand: grouped(items, (p) => [p.band], policy),
  };
}
