// The read side: named queries over the read models, the projections that feed them, and the state
// every instance shares. Tables and SQL stay inside this library.
export { ReadModels } from './read-models';
export type { ReadModelSettings } from './open-read-models';
export { projectionLeadership } from './open-read-models';
export type { CaseloadCount, ReadModelRows } from './queries/referral-summary.queries';
export type { ReportWindow, WaitFilters } from './queries/report-facts.queries';
export type { ContactBandStamp, ContactFact } from './queries/contact-facts.queries';
export { accessContactsFrom, contactBandStamps, contactKey } from './queries/contact-facts.queries';
export { identityFingerprint } from './report-facts/report-facts';
export type { AccessLogFilter, AccessRecord } from './queries/access-log.queries';
export { ReadModelsUnavailableError, openPostgresDatabase } from './postgres/postgres-read-models';
export { openSqliteDatabase } from './database';

export type { ReferralSummary, SealedIdentity } from './referral-summary/referral-summary';
export { IDENTITY_FIELDS, ageBand } from './referral-summary/referral-summary';
export { evolveReferralSummary } from './referral-summary/referral-summary.projection';
export {
  ALL_PROJECTIONS,
  PROJECTIONS_PERSONAL_DATA,
  personalDataReadBy,
  projectionsWith,
} from './projections';
export type { KeyedTokens } from './identity/identity-tokens';
export { nameWords } from './identity/identity-tokens';
export type {
  DuplicateFlags,
  PossibleDuplicate,
  DemographicMismatch,
  IdentityFilter,
  PreviousEpisode,
} from './identity/identity.queries';
export { OPEN_STATUSES } from './identity/identity.queries';
export type { Projection } from './runner/projection';
export { ProjectionRunner } from './runner/projection-runner';
export type { CatchUpOptions, ProjectionStatus, ProjectionFailure } from './runner/projection-runner';
export { superviseProjection } from './runner/projection-supervisor';
export { REBUILD_BATCH_SIZE, REBUILD_EVENTS_PER_COMMIT } from './rebuild-read-models';
export { QUERY_ONLY_INDEXES } from './query-indexes';
export type { RebuildOptions } from './rebuild-read-models';
export { accessStreamName } from './access-log/access-log';
export type { PersonalDataAccessed } from './access-log/access-log';

export {
  DEFAULT_PERCENTILE_THRESHOLDS,
  SUPPRESSION,
  SUPPRESSION_POLICIES,
  suppressionPolicy,
} from './reports/disclosure-control';
export type {
  PercentileThresholds,
  SuppressionPolicy,
  SuppressionPolicyName,
} from './reports/disclosure-control';
export {
  PERIOD_FORMAT,
  lastCompleteMonth,
  measuredAt,
  parsePeriod,
  periodsContaining,
  publishedPeriods,
} from './reports/reporting-period';
export type { ReportingPeriod } from './reports/reporting-period';
export { waitingTimeRows, WAIT_MEASURES, GROUP_BYS } from './reports/waiting-times.report';
export type { WaitMeasure, GroupBy, WaitingTimeRow } from './reports/waiting-times.report';
export { outcomeRows } from './reports/outcomes.report';
export type { OutcomeRow } from './reports/outcomes.report';
export { attendanceRows } from './reports/attendance.report';
export type { AttendanceRow, AttendanceRows } from './reports/attendance.report';
export { prescriptionRows, prescriptionRowsOf } from './reports/prescriptions.report';
export type {
  Prescribed,
  PrescriptionRow,
  PrescriptionRows,
  ServiceFacts,
} from './reports/prescriptions.report';
export { unmetNeedRows } from './reports/unmet-need.report';
export type { NeedCase, UnmetNeedRow } from './reports/unmet-need.report';
export type { AppointmentCounts, SummaryAppointment } from './referral-summary/referral-summary.appointments';
export { spellRows, referralSpells, SPELL_JOIN_DAYS, SPELL_SIZES } from './reports/spells.report';
export type { PersonReferral, Spell, SpellRow, SpellRows } from './reports/spells.report';
export {
  accessRows,
  accessRowsOf,
  accessBandOf,
  ageAtContact,
  rollingYearFrom,
  ACCESS_AGE_BANDS,
  ACCESS_AGE_LIMIT,
} from './reports/access.report';
export type {
  AccessBand,
  AccessContact,
  AccessReferral,
  AccessRow,
  AccessRows,
} from './reports/access.report';
export { equityRows, EQUITY_AGE_BANDS, SOURCE_GROUPS, sourceGroup } from './reports/equity.report';
export type { EquityRow, EquityRows } from './reports/equity.report';
export { ETHNIC_GROUPS, GENDER_GROUPS } from './referral-summary/equity-groups';

export { openSharedState } from './shared-state/shared-state';
export type { SharedDatabase, SharedState, SharedStateSettings } from './shared-state/shared-state';
export { IdempotencyStore } from './shared-state/idempotency.store';
export type { Reservation, StoredResponse } from './shared-state/idempotency.store';
export type { Leadership, Lease } from './runner/leadership';
export type { ReferralSearch, SearchScope, TeamScope } from './queries/referral-search.queries';
export type { ReferralSearchTable } from './database';
