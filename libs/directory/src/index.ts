// The community directory: HSDS 3.0 (Open Referral UK) services, organisations, locations and taxonomies,
// stored in the read-model store with their own history, searched by text, taxonomy, age and distance.
export { DirectoryStore } from './directory-editing';
export { DirectoryRefusal } from './directory.store';
export type { WriteGuard } from './directory.store';
export { REPORT_RESOLUTIONS, SERVICE_REPORT_KINDS } from './service-reports';
export type { ReportResolution, ReportedIssue, ServiceReport, ServiceReportKind } from './service-reports';
export type { Paging, ServiceFilter, ServiceHit, StoredServiceHit, UpsertOutcome } from './directory.store';
export { servicePageJson } from './directory.queries';
export { openDirectory } from './open-directory';
export { importServices, readFeed, readPostcodeCsv, servicesOf } from './directory-import';
export type { ImportLine, ImportReport } from './directory-import';
export { checkService } from './check-service';
export { seedSyntheticDirectory } from './synthetic';
export { distanceMetres, normalisePostcode } from './geo';
export type { Point } from './geo';
export type * from './hsds.types';
export { NEEDS_TAXONOMY_URI, freshSince, isStale, suggestServices } from './suggest-services';
export type { Suggestion, SuggestionRequest } from './suggest-services';
export { NeedCoverage, serviceTerms } from './need-coverage';
export type { ServiceTerms } from './need-coverage';
