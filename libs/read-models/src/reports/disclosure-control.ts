export const SUPPRESSION_POLICIES = ['nhs-secondary-care', 'under-5', 'none'] as const;
export type SuppressionPolicyName = (typeof SUPPRESSION_POLICIES)[number];

/** How published counts and statistics are protected from identifying small groups. */
export type SuppressionPolicy = {
  name: SuppressionPolicyName;
  /** A published count: null when suppressed. */
  count(n: number): number | null;
  /** Whether statistics over a group of n values may be published. */
  statisticAllowed(n: number): boolean;
};

const roundTo5 = (n: number) => Math.round(n / 5) * 5;

export const SUPPRESSION: Record<SuppressionPolicyName, SuppressionPolicy> = {
  /** NHS secondary care: 1-7 suppressed, others to the nearest 5, zero stays zero; statistics of 1-7 suppressed. */
  'nhs-secondary-care': {
    name: 'nhs-secondary-care',
    count: (n) => (n === 0 ? 0 : n <= 7 ? null : roundTo5(n)),
    statisticAllowed: (n) => n === 0 || n > 7,
  },
  /** Some mental health publications: counts under 5 suppressed, nothing rounded. */
  'under-5': {
    name: 'under-5',
    count: (n) => (n > 0 && n < 5 ? null : n),
    statisticAllowed: (n) => n === 0 || n >= 5,
  },
  none: { name: 'none', count: (n) => n, statisticAllowed: () => true },
};
