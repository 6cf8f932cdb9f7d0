import type { ReadModelDb } from '../database';
import { accessRowsFrom } from '../reports/access.report';
import type { AccessRows, WindowTallies } from '../reports/access.report';
import { lastDayOf } from '../reports/disclosed-figures';
import type { SuppressionPolicy } from '../reports/disclosure-control';
import { keptAccessTallies, monthNumber } from '../spells/person-access';
import { refreshPersonSpells } from '../spells/person-spells';

/**
 * The access report (see `accessRows`) of from..to from the kept month tallies, when `to` is a month's
 * last day (every window is then 12 whole months); undefined for another `to`. Brings the kept state up
 * to date first; the contacts' age bands must be stamped before (`stampContactBands`).
 */
export async function keptAccessRows(
  db: ReadModelDb,
  from: string,
  to: string,
  policy: SuppressionPolicy,
): Promise<AccessRows | undefined> {
  if (lastDayOf(to.slice(0, 7)) !== to) return undefined;
  await refreshPersonSpells(db);
  const windows = await keptAccessTallies(db, monthNumber(from), monthNumber(to));
  const none: WindowTallies = { byPcn: new Map(), byBand: new Map() };
  return accessRowsFrom(from, to, policy, (_start, end) => windows.get(monthNumber(end)) ?? none);
}
