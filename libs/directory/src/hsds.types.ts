/**
 * HSDS 3.0 entities as the directory stores and serves them (schemas in ./hsds/schemas, Open Referral
 * HSDS 3.0, CC BY-SA 4.0). Documents are kept whole as HSDS JSON; the fields below are the ones the
 * directory reads to index, filter and match.
 */
export type HsdsTaxonomy = { id: string; name: string; description: string; uri?: string; version?: string };

export type HsdsTaxonomyTerm = {
  id: string;
  code?: string;
  name: string;
  description: string;
  parent_id?: string | null;
  taxonomy?: string;
  taxonomy_id?: string;
  taxonomy_detail?: HsdsTaxonomy;
  term_uri?: string;
  [key: string]: unknown;
};

export type HsdsAttribute = {
  id: string;
  link_id?: string;
  link_type?: string;
  link_entity?: string;
  value?: string;
  taxonomy_term_id?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
  [key: string]: unknown;
};

export type HsdsAddress = { postal_code?: string; address_1?: string; city?: string; [key: string]: unknown };

export type HsdsLocation = {
  id: string;
  location_type: string;
  name?: string;
  latitude?: number;
  longitude?: number;
  addresses?: HsdsAddress[];
  [key: string]: unknown;
};

export type HsdsServiceAtLocation = {
  id: string;
  service_id?: string;
  location_id?: string;
  location?: HsdsLocation;
  [key: string]: unknown;
};

export type HsdsOrganization = { id: string; name: string; description: string; [key: string]: unknown };

export type HsdsService = {
  id: string;
  name: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  description?: string;
  organization_id?: string;
  organization?: HsdsOrganization;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  last_modified?: string;
  service_at_locations?: HsdsServiceAtLocation[];
  attributes?: HsdsAttribute[];
  [key: string]: unknown;
};

/** An HSDS 3.0 page of results (the API reference's `Page` with its `contents`). */
export type HsdsPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};
