import { openSqliteEventStore } from '@app/event-store/sqlite';
import { generateReferralHistories, generatedMetadata } from '@app/testing';
import { openSqliteReadModels } from '../database';
import { equityTallies, outcomeTallies, waitingTimeTallies } from '../queries/report-facts.queries';
import { referralsReceivedBetween } from '../queries/referral-summary.queries';
import { referralSummaryProjection } from '../referral-summary/referral-summary.store';
import { SUPPRESSION } from '../reports/disclosure-control';
import { equityRows, equityRowsOf } from '../reports/equity.report';
import { outcomeRows, outcomeRowsOf } from '../reports/outcomes.report';
import {
  GROUP_BYS,
  WAIT_MEASURES,
  waitingTimeRows,
  waitingTimeRowsOf,
} from '../reports/waiting-times.report';
import { ProjectionRunner } from '../runner/projection-runner';
import { describeContactFacts } from './contact-facts.conformance';
import { describePrescriptionsInSql } from './prescription-facts.conformance';
import { describeReportsInSql } from './report-facts.conformance';
import { describeKeptSpells } from '../spells/person-spells.conformance';

const sqlite = {
  open: () => openSqliteReadModels(':memory:'),
  close: (db: Awaited<ReturnType<typeof openSqliteReadModels>>) => db.destroy(),
};
describeReportsInSql('SQLite read models', sqlite);
describePrescriptionsInSql('SQLite read models', sqlite);
describeKeptSpells('SQLite read models', sqlite);
describeContactFacts('SQLite read models', sqlite);

describe('Report facts kept by the summary projection from the event log', () => {
  it('give the reference reports of the referrals the decider recorded', async () => {
    const store = openSqliteEventStore(':memory:');
    const db = await openSqliteReadModels(':memory:');
    try {
      for (const h of generateReferralHistories(300, 11, undefined, { eventsPerReferral: 6 }))
        await store.append(
          h.stream,
          h.events.map((e) => ({
            ...e,
            metadata: generatedMetadata(),
          })),
          'no_stream',
        );
      await new ProjectionRunner(store, db, referralSummaryProjection, 97).catchUp();

      for (const window of [
        { from: '2025-04-01', to: '2026-03-31', asOf: '2025-09-30' },
        { from: '2025-01-01', to: '2025-06-30', asOf: '2025-06-30' },
      ]) {
        const summaries = await referralsReceivedBetween(db, window.from, window.to);
        expect(summaries.length).toBeGreaterThan(100);
        const policy = SUPPRESSION['nhs-secondary-care'];
        for (const measure of WAIT_MEASURES)
          for (const groupBy of GROUP_BYS) {
            const { groups } = await waitingTimeTallies(db, { ...window, measure, groupBy, filters: {} });
            expect(waitingTimeRowsOf(groups, policy)).toEqual(
              waitingTimeRows(summaries, measure, groupBy, window.asOf, policy),
            );
          }
        expect(equityRowsOf(await equityTallies(db, window), policy)).toEqual(
          equityRows(summaries, window, policy),
        );
        expect(
          outcomeRowsOf(await outcomeTallies(db, { ...window, groupBy: 'source' }), SUPPRESSION.none),
        ).toEqual(outcomeRows(summaries, 'source', SUPPRESSION.none));
      }
    } finally {
      await db.destroy();
      await store.close();
    }
  });
});
