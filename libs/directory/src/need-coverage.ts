import type { DirectoryStore } from './directory-editing';
import type { Point } from './geo';
import type { HsdsService, HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds.types';
import { NEEDS_TAXONOMY_URI } from './suggest-services';

/** A service's name and taxonomy terms: what the prescription report groups by. */
export type ServiceTerms = {
  name: string;
  terms: { id: string; name: string; taxonomy: string | null }[];
};

/** Names and terms of these services (a service gone from the directory is left out). */
export async function serviceTerms(
  store: DirectoryStore,
  serviceIds: Iterable<string>,
): Promise<Map<string, ServiceTerms>> {
  const facts = new Map<string, ServiceTerms>();
  const taxonomies = new Map<string, string | null>();
  const taxonomyName = async (term: HsdsTaxonomyTerm): Promise<string | null> => {
    if (term.taxonomy_detail?.name) return term.taxonomy_detail.name;
    const id = term.taxonomy_id;
    if (!id) return typeof term.taxonomy === 'string' ? term.taxonomy : null;
    if (!taxonomies.has(id))
      taxonomies.set(
        id,
        ((await store.doc('directory_taxonomy', id)) as HsdsTaxonomy | undefined)?.name ?? null,
      );
    return taxonomies.get(id)!;
  };
  for (const id of new Set(serviceIds)) {
    const service: HsdsService | undefined = await store.service(id);
    if (!service) continue;
    const terms: ServiceTerms['terms'] = [];
    for (const a of service.attributes ?? []) {
      const term =
        a.taxonomy_term ??
        (a.taxonomy_term_id
          ? ((await store.doc('directory_taxonomy_term', a.taxonomy_term_id)) as HsdsTaxonomyTerm | undefined)
          : undefined);
      if (term && !terms.some((t) => t.id === term.id))
        terms.push({ id: term.id, name: term.name, taxonomy: await taxonomyName(term) });
    }
    facts.set(id, { name: service.name, terms });
  }
  return facts;
}

/**
 * Whether the directory has an open (active) service for a need at an age, within a distance of a point
 * (or anywhere, without one). Answers are cached per need, age and place, so a report over thousands of
 * referrals asks the directory once per distinct question.
 */
export class NeedCoverage {
  private readonly answers = new Map<string, Promise<boolean>>();
  private needTerms?: Promise<Map<string, string>>;

  constructor(
    private readonly store: DirectoryStore,
    private readonly proximity: number,
  ) {}

  covered(need: string, age: number, point?: Point): Promise<boolean> {
    const place = point ? `${point.latitude.toFixed(4)},${point.longitude.toFixed(4)}` : '-';
    const key = `${need}|${age}|${place}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.ask(need, age, point);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private async ask(need: string, age: number, point?: Point): Promise<boolean> {
    this.needTerms ??= this.store.needTerms(NEEDS_TAXONOMY_URI);
    const termId = (await this.needTerms).get(need);
    if (!termId) return false;
    const near = point ? { ...point, proximity: this.proximity } : undefined;
    for (let page = 1; ; page += 1) {
      const found = await this.store.services({ age, taxonomyTermId: termId, near }, { page, perPage: 100 });
      if (found.contents.some((s) => s.status === 'active')) return true;
      if (found.last_page) return false;
    }
  }
}
