import { seededRandom } from '@app/testing';
import type { ReadModelDb } from '../database';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import { ageBand } from '../referral-summary/referral-summary';
import { referralSummaryProjection } from '../referral-summary/referral-summary.store';
import { randomIdentities, randomSummaries } from './report-facts.fixtures';
import { REPORT_FACTS_VERSION } from './report-facts';
import { backfillReportFacts, reportFactRows } from './report-facts.store';
import { SUPPRESSION, SUPPRESSION_POLICIES } from '../reports/disclosure-control';
import { equityRows, equityRowsOf } from '../reports/equity.report';
import { outcomeRows, outcomeRowsOf } from '../reports/outcomes.report';
import {
  GROUP_BYS,
  WAIT_MEASURES,
  waitingTimeRows,
  waitingTimeRowsOf,
} from '../reports/waiting-times.report';
import { referralsReceivedBetween } from '../queries/referral-summary.queries';
import { spellTallies } from '../queries/spells.queries';
import { invalidatePersonSpells } from '../spells/person-spells.schema';
import { personKeys, personTokens } from '../identity/person-keys';
import { referralSpells, spellRows, spellRowsOf } from '../reports/spells.report';
import type { PersonReferral } from '../reports/spells.report';
import { equityTallies, outcomeTallies, waitingTimeTallies } from '../queries/report-facts.queries';
import type { ReportWindow, WaitFilters } from '../queries/report-facts.queries';

/** Report windows: a month, a quarter under way, a year, a single day, and one measured before it began. */
const WINDOWS: ReportWindow[] = [
  { from: '2026-01-01', to: '2026-01-31', asOf: '2026-01-31' },
  { from: '2026-01-01', to: '2026-03-31', asOf: '2026-02-14' },
  { from: '2025-04-01', to: '2026-03-31', asOf: '2026-03-31' },
  { from: '2025-12-01', to: '2026-06-30', asOf: '2026-09-30' },
  { from: '2026-02-10', to: '2026-02-10', asOf: '2026-03-01' },
  { from: '2026-03-01', to: '2026-05-31', asOf: '2026-02-20' },
];

/** Referrals of the spells suite, and windows beside the others: all time, late as at, early as at. */
const SPELL_REFERRALS = 600;
const SPELL_WINDOWS: ReportWindow[] = [
  { from: '2025-01-01', to: '2026-12-31', asOf: '2026-12-31' },
  { from: '2025-12-01', to: '2026-04-30', asOf: '2026-05-15' },
  { from: '2026-02-01', to: '2026-07-31', asOf: '2026-04-10' },
  { from: '2025-12-15', to: '2025-12-15', asOf: '2025-12-20' },
];

const FILTERS: WaitFilters[] = [
  {},
  { pcn: 'U12345' },
  { pcn: 'unknown' },
  { source: 'school' },
  { ageBand: '11-15' },
  { pcn: 'U23456', source: 'gp', ageBand: '5-10' },
];

/** The reference reports' inputs, as the handlers read them before the aggregation moved into SQL. */
const matching = (f: WaitFilters) => (r: ReferralSummary) =>
  (f.pcn === undefined || (r.pcnCode ?? 'unknown') === f.pcn) &&
  (f.source === undefined || r.sourceKind === f.source) &&
  (f.ageBand === undefined || ageBand(r.ageAtReferral) === f.ageBand);

/** Saves summaries as the summary projection does, in one transaction (null removes a referral). */
const save = (db: ReadModelDb, rows: Map<string, ReferralSummary | null>) =>
  db.transaction().execute((trx) => referralSummaryProjection.save(trx, rows));

const byId = (summaries: ReferralSummary[]) => new Map(summaries.map((s) => [s.referralId, s]));

/** Opens an empty, migrated read-model database for one group of tests; `close` lets it go. */
export type ReadModelDbFactory = {
  open: () => Promise<ReadModelDb>;
  close: (db: ReadModelDb) => Promise<void>;
};

/**
 * The reports aggregated in SQL over the report facts must equal the reference reports computed from
 * the summaries, exactly, on every database the read models run on: varied referrals written through
 * the summary projection's save, compared over windows, asOf dates, clocks, groupings, filters and
 * disclosure policies. Import from test files only: it needs jest.
 */
export function describeReportsInSql(name: string, { open, close }: ReadModelDbFactory): void {
  describe(`${name}:`, () => {
    describe('Reports aggregated in SQL over the report facts', () => {
      let db: ReadModelDb;

      beforeAll(async () => {
        db = await open();
        const rnd = seededRandom(20);
        const first = randomSummaries(600, rnd);
        await save(db, byId(first));
        // Referrals change after they were first written, and some are removed: the facts follow.
        const changed = randomSummaries(600, rnd).filter((_, i) => i % 3 === 0);
        await save(db, byId(changed));
        await save(db, new Map(first.filter((_, i) => i % 50 === 7).map((s) => [s.referralId, null])));
      });
      afterAll(() => close(db));

      describe.each(WINDOWS)('for referrals received $from to $to, as at $asOf', (window) => {
        it.each(WAIT_MEASURES)(
          'give the waiting times of the reference report, %s clock',
          async (measure) => {
            const summaries = await referralsReceivedBetween(db, window.from, window.to);
            for (const groupBy of GROUP_BYS)
              for (const filters of FILTERS) {
                const referrals = summaries.filter(matching(filters));
                const { groups, backdatedClockStops } = await waitingTimeTallies(db, {
                  ...window,
                  measure,
                  groupBy,
                  filters,
                });
                expect(backdatedClockStops).toBe(
                  referrals.reduce((n, r) => n + (r.backdatedClockStops ?? 0), 0),
                );
                for (const name of SUPPRESSION_POLICIES)
                  expect({
                    groupBy,
                    filters,
                    name,
                    rows: waitingTimeRowsOf(groups, SUPPRESSION[name]),
                  }).toEqual({
                    groupBy,
                    filters,
                    name,
                    rows: waitingTimeRows(referrals, measure, groupBy, window.asOf, SUPPRESSION[name]),
                  });
              }
          },
        );

        it('gives the equity report of the reference', async () => {
          const summaries = await referralsReceivedBetween(db, window.from, window.to);
          const tallies = await equityTallies(db, window);
          for (const name of SUPPRESSION_POLICIES)
            expect(equityRowsOf(tallies, SUPPRESSION[name])).toEqual(
              equityRows(summaries, window, SUPPRESSION[name]),
            );
        });

        it('gives the outcomes report of the reference', async () => {
          const summaries = await referralsReceivedBetween(db, window.from, window.to);
          for (const groupBy of GROUP_BYS) {
            const tallies = await outcomeTallies(db, { ...window, groupBy });
            for (const name of SUPPRESSION_POLICIES)
              expect({ groupBy, name, ...outcomeRowsOf(tallies, SUPPRESSION[name]) }).toEqual({
                groupBy,
                name,
                ...outcomeRows(summaries, groupBy, SUPPRESSION[name]),
              });
          }
        });
      });

      it('has figures to compare in every window: waits, percentiles, outcomes', async () => {
        const window = WINDOWS[3]!;
        const { groups } = await waitingTimeTallies(db, {
          ...window,
          measure: 'help_started',
          groupBy: 'none',
          filters: {},
        });
        const [row] = waitingTimeRowsOf(groups, SUPPRESSION['nhs-secondary-care']);
        expect(row!.completed.p92Days).not.toBeNull();
        expect(row!.waiting.count).toBeGreaterThan(0);
        const outcomes = outcomeRowsOf(
          await outcomeTallies(db, { ...window, groupBy: 'none' }),
          SUPPRESSION.none,
        );
        expect(outcomes.measures.length).toBeGreaterThan(3);
        expect(outcomes.referrals[0]!.reliableImprovement).toBeGreaterThan(0);
      });
    });

    describe('Referral spells counted in SQL over the report facts and the blind index', () => {
      let db: ReadModelDb;

      beforeAll(async () => {
        db = await open();
        const rnd = seededRandom(21);
        const first = randomSummaries(SPELL_REFERRALS, rnd);
        await save(db, byId(first));
        const changed = randomSummaries(SPELL_REFERRALS, rnd).filter((_, i) => i % 4 === 1);
        await save(db, byId(changed));
        const removed = first.filter((_, i) => i % 60 === 11);
        await save(db, new Map(removed.map((s) => [s.referralId, null])));
        // About three referrals a young person, received over 200 days: spells of one, two and more.
        // The index keeps the tokens of the removed referrals: they still tell who is who.
        const identities = randomIdentities([...byId([...first, ...changed]).values()], 200, rnd);
        for (let i = 0; i < identities.length; i += 200)
          await db
            .insertInto('referral_identity')
            .values(identities.slice(i, i + 200))
            .execute();
        // Written here, not by the identity projection (which marks what it changes).
        await invalidatePersonSpells(db);
      });
      afterAll(() => close(db));

      /** The reference: every summary up to asOf, each young person matched over the whole index. */
      async function reference(window: ReportWindow): Promise<PersonReferral[]> {
        const summaries = await referralsReceivedBetween(db, '0001-01-01', window.asOf);
        const tokens = await personTokens(db);
        const keys = personKeys(tokens);
        // A referral outside the index (erased) stands alone.
        return summaries.map((summary) => ({
          summary,
          person: keys.get(summary.referralId) ?? `alone:${summary.referralId}`,
        }));
      }

      it.each([...WINDOWS, ...SPELL_WINDOWS])(
        'give the spells report of the reference for $from to $to, as at $asOf',
        async (window) => {
          const referrals = await reference(window);
          for (const measure of WAIT_MEASURES) {
            const tallies = await spellTallies(db, { ...window, measure });
            for (const name of SUPPRESSION_POLICIES)
              expect({ measure, name, ...spellRowsOf(tallies, window, SUPPRESSION[name]) }).toEqual({
                measure,
                name,
                ...spellRows(referrals, measure, window, SUPPRESSION[name]),
              });
          }
        },
      );

      it('has spells of every size to compare, closed and open, with waits', async () => {
        const window = SPELL_WINDOWS[0]!;
        const rows = spellRowsOf(
          await spellTallies(db, { ...window, measure: 'help_started' }),
          window,
          SUPPRESSION.none,
        );
        for (const row of rows.byReferralCount) expect(row.spells).toBeGreaterThan(5);
        expect(rows.overall.closed).toBeGreaterThan(20);
        expect(rows.overall.open).toBeGreaterThan(20);
        expect(rows.overall.spellWaits).toBeGreaterThan(20);
        expect(rows.overall.referralWaits).toBeGreaterThan(20);
        const spells = referralSpells(await reference(window), window.asOf);
        // Spells joined by an open referral, and by one arriving within the days after an ending.
        expect(spells.some((s) => s.referrals.length > 1 && s.end !== null)).toBe(true);
      });
    });

    describe('Report facts of a read-model database from before they existed', () => {
      const facts = async (db: ReadModelDb) => {
        const { reportFacts, outcomePairs } = await reportFactRows(db);
        return [reportFacts, outcomePairs] as const;
      };

      it('are derived from the summaries on open, as the projection writes them', async () => {
        const db = await open();
        try {
          await save(db, byId(randomSummaries(300, seededRandom(7))));
          const written = await facts(db);
          await db.deleteFrom('referral_report_facts').where('referral_id', '<', 'r-0100').execute();
          await db.deleteFrom('referral_outcome_pairs').execute();

          expect(await backfillReportFacts(db)).toBe(100);
          // Only the missing rows were derived; the pairs of the others stay removed.
          const pairsKept = written[1].filter((p) => p.referral_id < 'r-0100');
          expect(await facts(db)).toEqual([written[0], pairsKept]);
        } finally {
          await close(db);
        }
      });

      it('are derived again when an earlier derivation wrote them, and only then', async () => {
        const db = await open();
        try {
          await save(db, byId(randomSummaries(120, seededRandom(8))));
          const written = await facts(db);
          await db
            .updateTable('referral_report_facts')
            .set({ version: REPORT_FACTS_VERSION - 1, age_band: 'stale' })
            .where('referral_id', '>=', 'r-0060')
            .execute();
          await db.updateTable('referral_outcome_pairs').set({ age_band: 'stale' }).execute();

          expect(await backfillReportFacts(db)).toBe(60);
          const [rows, pairs] = await facts(db);
          expect(rows).toEqual(written[0]);
          expect(pairs.filter((p) => p.age_band === 'stale').every((p) => p.referral_id < 'r-0060')).toBe(
            true,
          );
          expect(await backfillReportFacts(db)).toBe(0);
        } finally {
          await close(db);
        }
      });
    });
  });
}
