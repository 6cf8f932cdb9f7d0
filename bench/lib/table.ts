import type { Figure, ScenarioResult } from './figures';
import { formatNumber, formatTarget, ratio, targetMet, targetsMet } from './figures';

export type Row = {
  scenario: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
};

/** One row per figure (or per skipped scenario), formatted for the console and the markdown table alike. */
export function rows(results: ScenarioResult[]): Row[] {
  return results.flatMap((r): Row[] => {
    if (r.skipped)
      return [
        { scenario: r.title, figure: 'skipped', value: '', baseline: '', ratio: '', target: '', met: '' },
      ];
    return r.figures.map((f) => ({
      scenario: r.title,
      figure: f.name,
      value: `${formatNumber(f.value)} ${f.unit}`,
      baseline: f.baseline ? `${formatNumber(f.baseline.value)} ${f.unit}` : '',
      ratio: formatRatio(f),
      target: f.targets?.map((t) => formatTarget(f, t)).join('; ') ?? '',
      met: metText(f),
    }));
  });
}

export function formatRatio(f: Figure): string {
  const r = ratio(f);
  if (r === undefined) return '';
  return `${r >= 10 ? r.toFixed(0) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}x`;
}

/** `met`, or `MISSED` with the targets missed when only some are. */
function metText(f: Figure): string {
  const met = targetsMet(f);
  if (met === undefined) return '';
  if (met) return 'met';
  const missed = f.targets!.filter((t) => !targetMet(f, t));
  return missed.length === f.targets!.length
    ? 'MISSED'
    : `MISSED ${missed.map((t) => formatTarget(f, t)).join('; ')}`;
}

/** A fixed-width table for the terminal. */
export function consoleTable(results: ScenarioResult[]): string {
  const header: Row = {
    scenario: 'scenario',
    figure: 'figure',
    value: 'value',
    baseline: 'baseline',
    ratio: 'ratio',
    target: 'target',
    met: 'met',
  };
  const all = [header, ...rows(results)];
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((k) => Math.min(60, Math.max(...all.map((r) => r[k].length))));
  const line = (r: Row) => keys.map((k, i) => r[k].slice(0, widths[i]).padEnd(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
