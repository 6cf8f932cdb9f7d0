import type { EventStore } from '@app/event-store';
import type { ReadModelDb } from './database';
import { openSqliteReadModels } from './database';
import { openReadModels } from './open-read-models';
import type { ReadModelSettings } from './open-read-models';
import { projectionsWith } from './projections';
import { duplicateFlags } from './identity/identity.queries';
import type { DuplicateFlags } from './identity/identity.queries';
import type { KeyedTokens } from './identity/identity-tokens';
import { dobToken, nhsToken, wordTokens } from './identity/identity-tokens';
import { awaitingTriage, searchReferrals } from './queries/referral-search.queries';
import type { ReferralSearch, TeamScope } from './queries/referral-search.queries';
import type { ReferralSearchTable } from './database';
import { backfillSearch } from './referral-summary/referral-summary.store';
import { backfillReportFacts } from './report-facts/report-facts.store';
import { equityTallies, outcomeTallies, waitingTimeTallies } from './queries/report-facts.queries';
import { prescriptionTallies } from './report-facts/prescription-facts';
import {
  contactFactsBetween,
  stampContactBands,
  unstampedContactReferrals,
} from './queries/contact-facts.queries';
import type { ContactBandStamp, ContactFact } from './queries/contact-facts.queries';
import type { Prescribed } from './reports/prescriptions.report';
import { spellTallies } from './queries/spells.queries';
import { refreshPersonSpells } from './spells/person-spells';
import { keptAccessRows } from './queries/access.queries';
import type { AccessRows } from './reports/access.report';
import { spellRowsOf } from './reports/spells.report';
import type { SpellRows } from './reports/spells.report';
import type { ReportWindow, WaitFilters } from './queries/report-facts.queries';
import type { SuppressionPolicy } from './reports/disclosure-control';
import { equityRowsOf } from './reports/equity.report';
import type { EquityRows } from './reports/equity.report';
import { outcomeRowsOf } from './reports/outcomes.report';
import type { OutcomeRow } from './reports/outcomes.report';
import { waitingTimeRowsOf } from './reports/waiting-times.report';
import type { GroupBy, WaitMeasure, WaitingTimeRow } from './reports/waiting-times.report';
import { findAccesses } from './queries/access-log.queries';
import type { AccessLogFilter, AccessRecord } from './queries/access-log.queries';
import {
  caseloadCounts,
  referralCount,
  closedReferrals,
  openReferralsOf,
  referralsById,
  readModelRows,
  referralsReceivedBetween,
} from './queries/referral-summary.queries';
import type { CaseloadCount, ReadModelRows } from './queries/referral-summary.queries';
import { rebuildReadModels } from './rebuild-read-models';
import type { RebuildOptions } from './rebuild-read-models';
import type { ReferralSummary } from './referral-summary/referral-summary';
import type { Projection } from './runner/projection';
import { ProjectionRunner } from './runner/projection-runner';
import type { SharedDatabase } from './shared-state/shared-state';

/** Fills the tables added since the database was made (search, report facts) from the summaries. */
async function backfilled(db: ReadModelDb): Promise<void> {
  await backfillSearch(db);
  await backfillReportFacts(db);
}

/**
 * The read side, behind named queries: the only way the apps read or write the read-model tables
 * (caseloads, waiting-time and outcome reports, the access log, retention candidates). The tables
 * and their SQL belong to this library; callers see summaries and rows, never a query builder.
 */
export class ReadModels {
  private constructor(
    private readonly db: ReadModelDb,
    private readonly blindIndex?: KeyedTokens,
  ) {}

  /**
   * Opens the configured read models (`read-models.sqlite` in `dataDir`, or PostgreSQL), migrated.
   * With a blind index (the event store layers' keyed tokens) the identity index is kept and searched.
   */
  static async open(
    settings: ReadModelSettings,
    context: { dataDir: string; blindIndex?: KeyedTokens },
  ): Promise<ReadModels> {
    const db = await openReadModels(settings, context);
    await backfilled(db);
    return new ReadModels(db, context.blindIndex);
  }

  /** The read models in one SQLite file (`:memory:` for a scratch copy), migrated. */
  static async openSqlite(filename: string, blindIndex?: KeyedTokens): Promise<ReadModels> {
    const db = await openSqliteReadModels(filename);
    await backfilled(db);
    return new ReadModels(db, blindIndex);
  }

  /** The projections these read models are fed by (the identity index only with a blind index). */
  get projections() {
    return projectionsWith(this.blindIndex);
  }

  /**
   * The keyed tokens of an identity search: NHS number, date of birth, name words. Throws when these
   * read models were opened without the blind index (a process that holds no master key).
   */
  identityTokens(search: { nhsNumber?: string; dateOfBirth?: string; name?: string }) {
    const keys = this.blindIndex;
    if (keys === undefined) throw new Error('These read models were opened without the blind index');
    return {
      nhs: search.nhsNumber === undefined ? undefined : nhsToken(keys, search.nhsNumber),
      dob: search.dateOfBirth === undefined ? undefined : dobToken(keys, search.dateOfBirth),
      words: search.name === undefined ? undefined : wordTokens(keys, search.name),
    };
  }

  /** Possible duplicates and demographic mismatches of some referrals, as they stand now. */
  duplicateFlags(referralIds: readonly string[]): Promise<Map<string, DuplicateFlags>> {
    return duplicateFlags(this.db, referralIds);
  }

  /** A link worker's open referrals (accepted or active), oldest first. */
  openReferralsOf(linkWorkerId: string): Promise<ReferralSummary[]> {
    return openReferralsOf(this.db, linkWorkerId);
  }

  /** The summaries of some referrals, by id (those not found are left out). */
  summariesById(referralIds: readonly string[]): Promise<Map<string, ReferralSummary>> {
    return referralsById(this.db, [...referralIds]);
  }

  /** One page of a referral search (filters, the caller's scope, keyset pagination). */
  searchReferrals(search: ReferralSearch): Promise<ReferralSearchTable[]> {
    return searchReferrals(this.db, search);
  }

  /** The triage queue of some teams: the most pressing referrals awaiting acceptance, and how many wait. */
  async awaitingTriage(teams: TeamScope, limit: number) {
    const found = await awaitingTriage(this.db, teams, limit);
    const summaries = await referralsById(
      this.db,
      found.rows.map((r) => r.referral_id),
    );
    return { ...found, referrals: found.rows.map((r) => summaries.get(r.referral_id)!).filter(Boolean) };
  }

  /** Open referrals per link worker. */
  caseloadCounts(): Promise<CaseloadCount[]> {
    return caseloadCounts(this.db);
  }

  /** Referrals received on the UTC dates from..to inclusive (YYYY-MM-DD). */
  referralsReceivedBetween(from: string, to: string): Promise<ReferralSummary[]> {
    return referralsReceivedBetween(this.db, from, to);
  }

  /**
   * The waiting-times report (see `waitingTimeRows`) of the referrals received from..to that match
   * the filters, as they stood at the end of asOf, aggregated in SQL; and their back-dated clock stops.
   */
  async waitingTimeReport(
    q: ReportWindow & { measure: WaitMeasure; groupBy: GroupBy; filters: WaitFilters },
    policy: SuppressionPolicy,
  ): Promise<{ rows: WaitingTimeRow[]; backdatedClockStops: number }> {
    const { groups, backdatedClockStops } = await waitingTimeTallies(this.db, q);
    return { rows: waitingTimeRowsOf(groups, policy), backdatedClockStops };
  }

  /** The equity report (see `equityRows`) of the referrals received from..to as they stood at asOf, aggregated in SQL. */
  async equityReport(window: ReportWindow, policy: SuppressionPolicy): Promise<EquityRows> {
    return equityRowsOf(await equityTallies(this.db, window), policy);
  }

  /**
   * The spells report (see `spellRows`) of spells started from..to and referrals received then, as
   * they stood at asOf, aggregated in SQL; young people matched over the whole blind index.
   */
  async spellsReport(
    q: ReportWindow & { measure: WaitMeasure },
    policy: SuppressionPolicy,
  ): Promise<SpellRows> {
    return spellRowsOf(await spellTallies(this.db, q), q, policy);
  }

  /**
   * The access report (see `accessRows`) of from..to when `to` is a month's last day: every window then
   * is 12 whole months, counted from the kept month tallies (ADR 0019); undefined for another `to`. The
   * contacts' age bands must be stamped first (`stampContactBands`).
   */
  accessReport(from: string, to: string, policy: SuppressionPolicy): Promise<AccessRows | undefined> {
    return keptAccessRows(this.db, from, to, policy);
  }

  /** The outcomes report (see `outcomeRows`) of the referrals received from..to, aggregated in SQL. */
  async outcomeReport(
    q: { from: string; to: string; groupBy: GroupBy },
    policy: SuppressionPolicy,
  ): Promise<{ measures: OutcomeRow[]; referrals: OutcomeRow[] }> {
    return outcomeRowsOf(await outcomeTallies(this.db, q), policy);
  }

  /**
   * The prescriptions report's counts (see `prescriptionRows`): prescriptions made from..to by service,
   * age band and last uptake, counted in SQL; the report's rows are built with the directory's facts.
   */
  prescriptionTallies(from: string, to: string): Promise<Prescribed[]> {
    return prescriptionTallies(this.db, from, to);
  }

  /**
   * The attended contacts on the dates from..to (UTC, inclusive) as the contact facts keep them, each with
   * the age band at it once stamped and the opaque key of its young person (matched over the whole blind
   * index, from the kept spells; never returned by the API) (the access report; docs/domain.md#access).
   */
  async contactFacts(from: string, to: string): Promise<ContactFact[]> {
    await refreshPersonSpells(this.db);
    return contactFactsBetween(this.db, from, to);
  }

  /** The referrals with a contact on the dates from..to whose age band is still to be stamped. */
  unstampedContacts(from: string, to: string): Promise<string[]> {
    return unstampedContactReferrals(this.db, from, to);
  }

  /**
   * Stamps age bands worked out from the sealed identities, where none is stamped and the identity is
   * still the one opened (`identityFingerprint`). Returns how many contacts were stamped.
   */
  stampContactBands(stamps: readonly ContactBandStamp[]): Promise<number> {
    return stampContactBands(this.db, stamps);
  }

  /** How many referrals the summary holds. */
  referralCount(): Promise<number> {
    return referralCount(this.db);
  }

  /** Referrals whose support ended or that were declined: the candidates for retention. */
  closedReferrals(): Promise<ReferralSummary[]> {
    return closedReferrals(this.db);
  }

  /** Recorded accesses to personal data matching the filter, newest first. */
  findAccesses(filter: AccessLogFilter): Promise<AccessRecord[]> {
    return findAccesses(this.db, filter);
  }

  /** Whether the read-model database answers (for health). */
  async isAvailable(): Promise<boolean> {
    try {
      await readModelRows(this.db, { checkpointsOnly: true });
      return true;
    } catch {
      return false;
    }
  }

  /** Each projection's checkpoint: the position of the last event it applied. */
  async checkpoints(): Promise<Record<string, number>> {
    const { checkpoints } = await readModelRows(this.db, { checkpointsOnly: true });
    return Object.fromEntries(checkpoints.map((c) => [c.name, c.position]));
  }

  /** Every row of every read model and checkpoint, in key order: for consistency checks against a rebuild. */
  rows(): Promise<ReadModelRows> {
    return readModelRows(this.db);
  }

  /** A runner per projection, following `store` into these read models. */
  runners(
    store: EventStore,
    options: { projections?: readonly Projection<unknown>[]; batchSize?: number } = {},
  ): ProjectionRunner<unknown>[] {
    return (options.projections ?? this.projections).map(
      (p) => new ProjectionRunner(store, this.db, p, options.batchSize),
    );
  }

  /** Empties every read model and rebuilds them all from the log; stop the runners first. Returns the events read. */
  rebuild(store: EventStore, options: RebuildOptions = {}): Promise<number> {
    return rebuildReadModels(store, this.db, this.projections, options);
  }

  /**
   * The database that holds the embedded default's shared state (the relay's checkpoint lives in the
   * read-model file when there is no PostgreSQL every instance shares). Opaque to the caller.
   */
  get embeddedStateDatabase(): SharedDatabase {
    return this.db;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
