import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DirectoryStore } from './directory-editing';
import { importServices, readPostcodeCsv, servicesOf } from './directory-import';
import type { ImportReport } from './directory-import';
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds.types';

/** libs/directory/data, found by walking up from this module (source, test or built layout alike). */
function dataDir(): string | undefined {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'libs', 'directory', 'data');
    if (existsSync(join(candidate, 'synthetic-directory.json'))) return candidate;
  }
  return undefined;
}

/**
 * Loads the synthetic directory shipped with the repository (invented services around one town, their
 * taxonomies and postcode centroids) into an empty directory, so a new user can search straight away.
 * Does nothing when the directory already holds services or the data is not installed.
 */
export async function seedSyntheticDirectory(
  store: DirectoryStore,
  now: () => string,
): Promise<ImportReport | undefined> {
  const dir = dataDir();
  if (!dir || (await store.serviceCount()) > 0) return undefined;
  const taxonomies = JSON.parse(readFileSync(join(dir, 'synthetic-taxonomies.json'), 'utf8')) as {
    taxonomies?: HsdsTaxonomy[];
    taxonomy_terms?: HsdsTaxonomyTerm[];
  };
  await store.upsertTaxonomies(taxonomies.taxonomies ?? [], taxonomies.taxonomy_terms ?? []);
  const postcodes = readPostcodeCsv(readFileSync(join(dir, 'synthetic-postcodes.csv'), 'utf8'));
  await store.putPostcodes(postcodes.rows);
  const services = servicesOf(JSON.parse(readFileSync(join(dir, 'synthetic-directory.json'), 'utf8')));
  return importServices(store, services, { actor: 'system:synthetic-directory', now });
}
