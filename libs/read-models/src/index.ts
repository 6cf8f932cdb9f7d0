export type { ReadModelDb, ReadModelTables } from './database';
export { openSqliteDatabase, openSqliteReadModels, migrateReadModels, truncateReadModels } from './database';
export type { Projection } from './runner/projection';
export { ProjectionRunner } from './runner/projection-runner';
export type { ProjectionStatus, ProjectionFailure } from './runner/projection-runner';
export type { ReferralSummary, AgeBand } from './referral-summary/referral-summary';
export { ageBand } from './referral-summary/referral-summary';
export { evolveReferralSummary } from './referral-summary/referral-summary.projection';
export { referralSummaryProjection } from './referral-summary/referral-summary.store';
export {
  openReferralsOf,
  caseloadCounts,
  referralsReceivedBetween,
} from './queries/referral-summary.queries';
export type { CaseloadCount } from './queries/referral-summary.queries';
export { SUPPRESSION, SUPPRESSION_POLICIES } from './reports/disclosure-control';
export type { SuppressionPolicy, SuppressionPolicyName } from './reports/disclosure-control';
export { waitingTimeRows, WAIT_MEASURES, GROUP_BYS } from './reports/waiting-times.report';
export type { WaitMeasure, GroupBy, WaitingTimeRow } from './reports/waiting-times.report';
export { outcomeRows, pairedMeasures, referralChange } from './reports/outcomes.report';
export type { OutcomeRow } from './reports/outcomes.report';
export { median, nearestRankPercentile } from './reports/statistics';
export { ALL_PROJECTIONS, personalDataReadBy } from './projections';
export { rebuildReadModels, REBUILD_BATCH_SIZE } from './rebuild-read-models';
export type { RebuildOptions } from './rebuild-read-models';
export { accessLogProjection, accessStreamName } from './access-log/access-log';
export type { PersonalDataAccessed } from './access-log/access-log';
export { findAccesses } from './queries/access-log.queries';
export type { AccessLogFilter } from './queries/access-log.queries';
export { openPostgresReadModels, ReadModelsUnavailableError } from './postgres/postgres-read-models';
export type { PostgresReadModelsOptions } from './postgres/postgres-read-models';
export { PostgresLeadership } from './postgres/postgres-leadership';
export type { PostgresLeadershipOptions } from './postgres/postgres-leadership';
export { soleInstance } from './runner/leadership';
export type { Leadership, Lease } from './runner/leadership';
export { superviseProjection } from './runner/projection-supervisor';
export type { SupervisorOptions } from './runner/projection-supervisor';
export { openReadModels, projectionLeadership } from './open-read-models';
export type { ReadModelSettings } from './open-read-models';
export { openPostgresDatabase } from './postgres/postgres-read-models';
export type { PostgresDatabaseRole } from './postgres/postgres-read-models';
export { openSharedState } from './shared-state';
export type { SharedDatabase, SharedState, SharedStateSettings } from './shared-state';
