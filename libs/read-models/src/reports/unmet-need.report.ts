import type { SuppressionPolicy } from './disclosure-control';
import { percentage } from './statistics';

/** One referral reason of one referral, and whether the directory could meet it. */
export type NeedCase = {
  reason: string;
  ageBand: string;
  /** Whether the young person's postcode placed them (else judged on age and need alone). */
  located: boolean;
  /** An open service for this need and age within the distance (or anywhere, when not located). */
  met: boolean;
};

/** Referrals naming a reason in an age band, and how many found no open service; null is suppressed. */
export type UnmetNeedRow = {
  reason: string;
  ageBand: string;
  referrals: number | null;
  withoutService: number | null;
  withoutServicePct: number | null;
  /** Of `referrals`, those whose postcode was unknown (judged without distance). */
  notLocated: number | null;
  suppressed: boolean;
};

/**
 * Unmet need: for each referral reason and age band, how many referrals found no open service that
 * meets that need at the young person's age within the distance of their postcode.
 */
export function unmetNeedRows(cases: readonly NeedCase[], policy: SuppressionPolicy): UnmetNeedRow[] {
  const groups = new Map<string, NeedCase[]>();
  for (const c of cases) {
    const key = `${c.reason}\u0000${c.ageBand}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => {
      const [reason, band] = key.split('\u0000') as [string, string];
      const unmet = group.filter((c) => !c.met).length;
      const referrals = policy.count(group.length);
      const rateAllowed =
        policy.statisticAllowed(group.length) && referrals !== null && policy.count(unmet) !== null;
      return {
        reason,
        ageBand: band,
        referrals,
        withoutService: policy.count(unmet),
        withoutServicePct: rateAllowed ? percentage(unmet, group.length) : null,
        notLocated: policy.count(group.filter((c) => !c.located).length),
        suppressed: referrals === null,
      };
    });
}
