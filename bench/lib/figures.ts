import type { ProfileSummary } from './cpu-profile';

/** A target from the issue: an absolute bound on the figure, or a bound on its ratio to the baseline. */
export type Target = { kind: 'atLeast' | 'atMost'; value: number } | { kind: 'ratioAtLeast'; value: number };

/** One measured figure beside the baseline measured in the same run. */
export type Figure = {
  name: string;
  unit: string;
  value: number;
  /** Rates are better higher; latencies, durations and memory lower. */
  better: 'higher' | 'lower';
  baseline?: { label: string; value: number };
  targets?: Target[];
};

export type ScenarioResult = {
  id: string;
  title: string;
  figures: Figure[];
  /** What was measured and how, and what limits a missed target. */
  notes: string[];
  /** Set when the scenario could not run here, saying why. */
  skipped?: string;
  profiles?: ProfileSummary[];
};

/** `value / baseline`: for rates below 1 is slower than the baseline, for latencies above 1 is. */
export function ratio(figure: Figure): number | undefined {
  if (!figure.baseline || figure.baseline.value === 0) return undefined;
  return figure.value / figure.baseline.value;
}

export function targetMet(figure: Figure, target: Target): boolean {
  if (!Number.isFinite(figure.value)) return false;
  switch (target.kind) {
    case 'atLeast':
      return figure.value >= target.value;
    case 'atMost':
      return figure.value <= target.value;
    case 'ratioAtLeast':
      return (ratio(figure) ?? 0) >= target.value;
  }
}

/** Whether every target of the figure is met; undefined when it has none. */
export function targetsMet(figure: Figure): boolean | undefined {
  if (!figure.targets?.length) return undefined;
  return figure.targets.every((t) => targetMet(figure, t));
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatTarget(figure: Figure, target: Target): string {
  switch (target.kind) {
    case 'atLeast':
      return `>= ${formatNumber(target.value)} ${figure.unit}`;
    case 'atMost':
      return `<= ${formatNumber(target.value)} ${figure.unit}`;
    case 'ratioAtLeast':
      return `>= ${target.value}x baseline`;
  }
}

/** Scenarios whose figures miss a target, for the profiling pass. */
export function missedTargets(result: ScenarioResult): Figure[] {
  return result.figures.filter((f) => targetsMet(f) === false);
}
