import type { DirectoryStore } from './directory-editing';
import type { Point } from './geo';
import type { HsdsService } from './hsds.types';
import type { ReportedIssue } from './service-reports';

/** The needs taxonomy: its term codes are the referral reasons (libs/directory/data). */
export const NEEDS_TAXONOMY_URI = 'https://cyp-social-prescribing.nhs.example/taxonomy/needs';

export type Suggestion = {
  service: {
    id: string;
    name: string;
    description?: string;
    organization?: string;
    minimum_age?: number;
    maximum_age?: number;
    assured_date?: string;
  };
  /** Metres from the young person's postcode, when both are known. */
  distance?: number;
  /** The needs this service meets: the referral's reasons and its goals' needs. */
  needsMet: string[];
  /** The goals (ids) whose need this service meets. */
  goalsServed: string[];
  /** Not assured within the freshness period: shown only when asked for. */
  stale: boolean;
  /** Link workers' reports that it closed or changed, awaiting a directory editor. */
  reportedIssues: ReportedIssue[];
  why: string[];
};

export type SuggestionRequest = {
  age: number;
  reasons: readonly string[];
  /** The referral's goals that name a need (a referral reason). */
  goals: readonly { goalId: string; need: string }[];
  near?: Point & { proximity: number };
  /** Assured on or after this date (YYYY-MM-DD) counts as fresh. */
  freshSince: string;
  includeStale: boolean;
  limit: number;
};

const MONTH_MS = 30.44 * 24 * 3600 * 1000;

/** The date (YYYY-MM-DD) from which an assurance counts as fresh: `months` before `now`. */
export const freshSince = (months: number, now: Date = new Date()): string =>
  new Date(now.getTime() - months * MONTH_MS).toISOString().slice(0, 10);

/** Not assured on or after the freshness date. */
export const isStale = (service: { assured_date?: string }, since: string): boolean =>
  !service.assured_date || service.assured_date < since;

const words = (code: string) => code.replace(/_/g, ' ');

const km = (metres: number) => `${(metres / 1000).toFixed(1)} km`;

/**
 * Open services that fit a young person: their age today, at least one of the referral's needs (its reasons
 * and its goals' needs, via the needs taxonomy) and, with a postcode, within the distance; best first (more needs met, then nearer), each with
 * why it matched. Services not assured since `freshSince` are left out unless asked for; services reported
 * closed by a link worker (and not yet resolved) come last.
 */
export async function suggestServices(store: DirectoryStore, r: SuggestionRequest): Promise<Suggestion[]> {
  const terms = await store.needTerms(NEEDS_TAXONOMY_URI);
  const found = new Map<string, { service: HsdsService & { distance?: number }; needs: Set<string> }>();
  for (const reason of new Set([...r.reasons, ...r.goals.map((g) => g.need)])) {
    const termId = terms.get(reason);
    if (!termId) continue;
    const page = await store.services(
      { age: r.age, taxonomyTermId: termId, near: r.near },
      { page: 1, perPage: 200 },
    );
    for (const service of page.contents) {
      if (service.status !== 'active') continue;
      const hit = found.get(service.id) ?? { service, needs: new Set<string>() };
      hit.needs.add(reason);
      found.set(service.id, hit);
    }
  }
  const issues = await store.openIssues([...found.keys()]);
  const suggestions = [...found.values()].map(({ service, needs }) =>
    suggestion(service, [...needs], issues.get(service.id) ?? [], r),
  );
  const reportedClosed = (s: Suggestion) => (s.reportedIssues.some((i) => i.kind === 'closed') ? 1 : 0);
  return suggestions
    .filter((s) => r.includeStale || !s.stale)
    .sort(
      (a, b) =>
        reportedClosed(a) - reportedClosed(b) ||
        b.needsMet.length - a.needsMet.length ||
        (a.distance ?? 0) - (b.distance ?? 0) ||
        a.service.name.localeCompare(b.service.name),
    )
    .slice(0, r.limit);
}

function suggestion(
  service: HsdsService & { distance?: number },
  needs: string[],
  reportedIssues: ReportedIssue[],
  r: SuggestionRequest,
): Suggestion {
  const stale = isStale(service, r.freshSince);
  const served = r.goals.filter((g) => needs.includes(g.need));
  const ages = `${service.minimum_age ?? 'any'}-${service.maximum_age ?? 'any'}`;
  return {
    service: {
      id: service.id,
      name: service.name,
      description: service.description,
      organization: service.organization?.name,
      minimum_age: service.minimum_age,
      maximum_age: service.maximum_age,
      assured_date: service.assured_date,
    },
    ...(service.distance !== undefined ? { distance: service.distance } : {}),
    needsMet: needs.sort(),
    goalsServed: served.map((g) => g.goalId),
    stale,
    reportedIssues,
    why: [
      `Open to age ${r.age} (ages ${ages})`,
      ...needs.filter((n) => r.reasons.includes(n)).map((n) => `Meets a reason for referral: ${words(n)}`),
      ...served.map((g) => `Serves goal ${r.goals.indexOf(g) + 1}, working on ${words(g.need)}`),
      ...(service.distance !== undefined ? [`${km(service.distance)} from the young person's postcode`] : []),
      ...(stale ? [`Not assured since ${r.freshSince}: check it still runs`] : []),
      ...reportedIssues.map(
        (i) =>
          `Reported ${i.kind} by a link worker on ${i.reported_at.slice(0, 10)}: awaiting a directory editor`,
      ),
    ],
  };
}
