import { seededRandom } from '@app/testing';
import type { ReadModelDb, ReferralIdentityTable } from '../database';
import type { ReferralSummary } from '../referral-summary/referral-summary';
import { referralSummaryProjection } from '../referral-summary/referral-summary.store';
import { randomIdentities, randomSummaries } from '../report-facts/report-facts.fixtures';
import type { ReadModelDbFactory } from '../report-facts/report-facts.conformance';
import { dayNumber } from '../report-facts/report-facts';
import { referralsReceivedBetween } from '../queries/referral-summary.queries';
import { spellTallies } from '../queries/spells.queries';
import { personKeys, personTokens } from '../identity/person-keys';
import { SUPPRESSION, SUPPRESSION_POLICIES } from '../reports/disclosure-control';
import { spellRows, spellRowsOf } from '../reports/spells.report';
import { WAIT_MEASURES } from '../reports/waiting-times.report';
import { refreshPersonSpells } from './person-spells';
import { keptAccessRows } from '../queries/access.queries';
import { accessRows } from '../reports/access.report';
import { invalidatePersonSpells, markPersonSpellsDirty } from './person-spells.schema';

const REFERRALS = 500;
/** Later than every day the fixtures record: the kept spells answer as at it. */
const LATE = '2027-12-31';
const WINDOWS = [
  { from: '2025-01-01', to: '2027-12-31' },
  { from: '2025-12-01', to: '2026-04-30' },
  { from: '2026-02-01', to: '2026-02-28' },
];

const byId = (summaries: ReferralSummary[]) => new Map(summaries.map((s) => [s.referralId, s]));

/** Saves summaries as the summary projection does, in one transaction (null removes a referral). */
const save = (db: ReadModelDb, rows: Map<string, ReferralSummary | null>) =>
  db.transaction().execute((trx) => referralSummaryProjection.save(trx, rows));

/** Replaces blind-index rows as the identity projection does: with the mark, in one transaction. */
const index = (db: ReadModelDb, rows: ReferralIdentityTable[], erased: string[] = []) =>
  db.transaction().execute(async (trx) => {
    const ids = [...rows.map((r) => r.referral_id), ...erased];
    for (let i = 0; i < ids.length; i += 200)
      await trx
        .deleteFrom('referral_identity')
        .where('referral_id', 'in', ids.slice(i, i + 200))
        .execute();
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('referral_identity')
        .values(rows.slice(i, i + 200))
        .execute();
    await markPersonSpellsDirty(trx, ids);
  });

/** The kept spell and access tallies and access runs, in key order. */
const accessState = async (db: ReadModelDb) => [
  await db
    .selectFrom('spell_month_tally')
    .selectAll()
    .orderBy('measure')
    .orderBy('month')
    .orderBy('size')
    .orderBy('wait')
    .orderBy('starts')
    .orderBy('spell_wait')
    .orderBy('closed')
    .execute(),
  await db
    .selectFrom('person_access_run')
    .selectAll()
    .orderBy('person_key')
    .orderBy('measure')
    .orderBy('from_month')
    .execute(),
  await db
    .selectFrom('access_month_tally')
    .selectAll()
    .orderBy('measure')
    .orderBy('month')
    .orderBy('pcn')
    .orderBy('band')
    .execute(),
];

const keptRows = (db: ReadModelDb) =>
  db.selectFrom('referral_person_spell').selectAll().orderBy('referral_id').execute();

/**
 * The kept spells (`refreshPersonSpells`, ADR 0019) against the reference, on every database the read
 * models run on: as at a day after everything recorded they give the reference spells report, and
 * brought up to date one change at a time (facts, removals, merges, NHS numbers, corrected names and
 * dates of birth, referrals kept apart, erasure) they equal spells built from nothing. Import from
 * test files only: it needs jest.
 */
export function describeKeptSpells(name: string, { open, close }: ReadModelDbFactory): void {
  describe(`${name}: referral spells kept up to date`, () => {
    let db: ReadModelDb;
    let identities: ReferralIdentityTable[];
    const rnd = seededRandom(33);

    beforeAll(async () => {
      db = await open();
      const summaries = randomSummaries(REFERRALS, rnd);
      await save(db, byId(summaries));
      identities = randomIdentities(summaries, 170, rnd);
      await index(db, identities);
    });
    afterAll(() => close(db));

    async function expectReference() {
      await refreshPersonSpells(db);
      const rows = await keptRows(db);
      // Nothing recorded after LATE: every young person's spells are the kept ones.
      expect(rows.every((r) => r.person_last_day <= dayNumber(LATE))).toBe(true);
      const summaries = await referralsReceivedBetween(db, '0001-01-01', LATE);
      const keys = personKeys(await personTokens(db));
      const referrals = summaries.map((summary) => ({
        summary,
        person: keys.get(summary.referralId) ?? `alone:${summary.referralId}`,
      }));
      for (const window of WINDOWS)
        for (const measure of WAIT_MEASURES) {
          const tallies = await spellTallies(db, { ...window, asOf: LATE, measure });
          for (const policy of SUPPRESSION_POLICIES) {
            const q = { ...window, asOf: LATE };
            expect({ measure, policy, ...spellRowsOf(tallies, q, SUPPRESSION[policy]) }).toEqual({
              measure,
              policy,
              ...spellRows(referrals, measure, q, SUPPRESSION[policy]),
            });
          }
        }
    }

    /** Periods ending on a month's last day: the access report comes from the kept month tallies. */
    const ACCESS_PERIODS = [
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2025-04-01', to: '2026-03-31' },
      { from: '2026-06-01', to: '2026-06-30' },
      { from: '2026-04-01', to: '2027-03-31' },
    ];

    async function expectAccessReference() {
      const keys = personKeys(await personTokens(db));
      for (const { from, to } of ACCESS_PERIODS) {
        const referrals = (await referralsReceivedBetween(db, '0001-01-01', to))
          .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || (a.referralId < b.referralId ? -1 : 1))
          .map((summary) => ({
            summary,
            person: keys.get(summary.referralId) ?? `alone:${summary.referralId}`,
            // Sealed identities in the fixture are none: every age is the age at referral and the years since.
            dateOfBirth: null,
          }));
        for (const policy of SUPPRESSION_POLICIES)
          expect({ from, policy, ...(await keptAccessRows(db, from, to, SUPPRESSION[policy])) }).toEqual({
            from,
            policy,
            ...accessRows(referrals, from, to, SUPPRESSION[policy]),
          });
      }
    }

    it('give the reference spells report as at a day after everything recorded', async () => {
      await expectReference();
      const rows = await keptRows(db);
      expect(rows.filter((r) => r.spell_size >= 3).length).toBeGreaterThan(10);
      expect(rows.filter((r) => r.person_key.startsWith('r:')).length).toBeGreaterThan(10);
    });

    it('give the reference access report for periods ending on a month end, undefined for others', async () => {
      await expectAccessReference();
      const counted = await db.selectFrom('access_month_tally').selectAll().execute();
      expect(new Set(counted.map((r) => r.measure))).toEqual(new Set(['one', 'two']));
      expect(await keptAccessRows(db, '2026-01-01', '2026-03-30', SUPPRESSION.none)).toBeUndefined();
    });

    /** One change of each kind the projections make, chosen at random. */
    const changes: [string, () => Promise<void>][] = [
      [
        'facts changed',
        async () => {
          const again = randomSummaries(REFERRALS, rnd).filter(() => rnd() < 0.01);
          await save(db, byId(again));
        },
      ],
      [
        'referrals removed',
        () =>
          save(
            db,
            new Map([
              [pickId(), null],
              [pickId(), null],
            ]),
          ),
      ],
      [
        'a referral merged',
        async () => {
          const [s] = await referralsReceivedBetween(db, '0001-01-01', LATE).then((all) => [pickOf(all)]);
          await save(db, byId([{ ...s!, status: 'merged', mergedAt: s!.receivedAt, mergedInto: pickId() }]));
        },
      ],
      [
        'an NHS number given or changed',
        () => index(db, [{ ...pickOf(identities), nhs: `nhs-${pickPerson()}` }]),
      ],
      ['an NHS number taken away', () => index(db, [{ ...pickOf(identities), nhs: null }])],
      [
        'a name and date of birth corrected',
        () => index(db, [{ ...pickOf(identities), person: `person-${pickPerson()}` }]),
      ],
      [
        'kept apart',
        async () => {
          const a = pickOf(identities);
          const b = identities.find((o) => o.person === a.person && o.referral_id !== a.referral_id) ?? a;
          await index(db, [{ ...b, kept_apart: JSON.stringify([a.referral_id]) }]);
        },
      ],
      ['erased', () => index(db, [], [pickOf(identities).referral_id])],
    ];
    const pickOf = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
    const pickId = () => `r-${String(Math.floor(rnd() * REFERRALS)).padStart(4, '0')}`;
    const pickPerson = () => Math.floor(rnd() * 170);

    it.each(changes.map(([what], i) => [what, i]))(
      'after %s, equal the spells built from nothing, brought up to date without building them all',
      async (_what, i) => {
        for (let round = 0; round < 3; round++) {
          await refreshPersonSpells(db);
          // A row no referral has: building every spell again would remove it; bringing some up to date leaves it.
          await db
            .insertInto('referral_person_spell')
            .values({ ...(await keptRows(db))[0]!, referral_id: 'zz-marker', person_key: 'r:zz-marker' })
            .execute();
          await changes[i]![1]();
          await refreshPersonSpells(db);
          const marker = await db
            .deleteFrom('referral_person_spell')
            .where('referral_id', '=', 'zz-marker')
            .returning('referral_id')
            .execute();
          expect(marker).toHaveLength(1);
          const kept = [await keptRows(db), await accessState(db)];
          await invalidatePersonSpells(db);
          await refreshPersonSpells(db);
          expect(kept).toEqual([await keptRows(db), await accessState(db)]);
        }
        identities = await db.selectFrom('referral_identity').selectAll().execute();
      },
    );

    /** Keys relabelled in order of first appearance, so two ways of keying compare as partitions. */
    const partition = (ids: string[], keyOf: (id: string) => string) => {
      const labels = new Map<string, number>();
      return ids.map((id) => labels.get(keyOf(id)) ?? labels.set(keyOf(id), labels.size).get(keyOf(id)));
    };

    it('match every referral, merged ones too, to the young person personKeys gives it', async () => {
      await refreshPersonSpells(db);
      const ids = (await db.selectFrom('referral_report_facts').select('referral_id').execute())
        .map((r) => r.referral_id)
        .sort();
      const rows = await keptRows(db);
      expect(rows.filter((r) => r.merged === 1).length).toBeGreaterThan(0);
      const kept = new Map(rows.map((r) => [r.referral_id, r.person_key]));
      // Every referral with report facts is kept, merged or not: access finds its young person there.
      expect(ids.filter((id) => !kept.has(id))).toEqual([]);
      const reference = personKeys(await personTokens(db));
      expect(partition(ids, (id) => kept.get(id)!)).toEqual(
        partition(ids, (id) => reference.get(id) ?? `alone:${id}`),
      );
    });

    it('still give the reference after every change, and callers at once take turns', async () => {
      await index(db, [{ ...pickOf(identities), nhs: `nhs-${pickPerson()}` }]);
      await save(db, byId(randomSummaries(REFERRALS, rnd).filter(() => rnd() < 0.02)));
      await Promise.all([1, 2, 3, 4].map(() => refreshPersonSpells(db)));
      await expectReference();
      await expectAccessReference();
    });
  });
}
