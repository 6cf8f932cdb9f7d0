export const SUPPRESSION_POLICIES = ['nhs-secondary-care', 'under-5', 'none'] as const;
export type SuppressionPolicyName = (typeof SUPPRESSION_POLICIES)[number];

/** How published counts and statistics are protected from identifying small groups. */
export type SuppressionPolicy = {
  name: SuppressionPolicyName;
  /** A published count: null when suppressed. */
  count(n: number): number | null;
  /** Whether statistics over a group of n values may be published. */
  statisticAllowed(n: number): boolean;
  /**
   * Whether the p-th percentile of n values may be published: only where the group is large enough
   * that the figure is not simply one child's value (the nearest-rank p92 of 12 values or fewer is the
   * maximum; a median of few values is one of them).
   */
  percentileAllowed(n: number, p: number): boolean;
};

/** The smallest groups whose median and 92nd percentile are published to commissioners. */
export type PercentileThresholds = { medianMinN: number; p92MinN: number };

export const DEFAULT_PERCENTILE_THRESHOLDS: PercentileThresholds = { medianMinN: 8, p92MinN: 25 };

const roundTo5 = (n: number) => Math.round(n / 5) * 5;

function withPercentiles(
  name: SuppressionPolicyName,
  count: (n: number) => number | null,
  statisticAllowed: (n: number) => boolean,
  t: PercentileThresholds,
): SuppressionPolicy {
  return {
    name,
    count,
    statisticAllowed,
    percentileAllowed: (n, p) => statisticAllowed(n) && n >= (p <= 50 ? t.medianMinN : t.p92MinN),
  };
}

/** The policy of that name, with the given percentile thresholds. */
export function suppressionPolicy(
  name: SuppressionPolicyName,
  thresholds: PercentileThresholds = DEFAULT_PERCENTILE_THRESHOLDS,
): SuppressionPolicy {
  switch (name) {
    // NHS secondary care: 1-7 suppressed, others to the nearest 5, zero stays zero; statistics of 1-7 suppressed.
    case 'nhs-secondary-care':
      return withPercentiles(
        name,
        (n) => (n === 0 ? 0 : n <= 7 ? null : roundTo5(n)),
        (n) => n === 0 || n > 7,
        thresholds,
      );
    // Some mental health publications: counts under 5 suppressed, nothing rounded.
    case 'under-5':
      return withPercentiles(
        name,
        (n) => (n > 0 && n < 5 ? null : n),
        (n) => n === 0 || n >= 5,
        thresholds,
      );
    // Exact figures, for service managers.
    case 'none':
      return { name, count: (n) => n, statisticAllowed: () => true, percentileAllowed: () => true };
  }
}

/** Each policy with the default thresholds. */
export const SUPPRESSION: Record<SuppressionPolicyName, SuppressionPolicy> = {
  'nhs-secondary-care': suppressionPolicy('nhs-secondary-care'),
  'under-5': suppressionPolicy('under-5'),
  none: suppressionPolicy('none'),
};
