import type { ReferralSummary } from '../referral-summary/referral-summary';
import { SUPPRESSION } from './disclosure-control';
import { prescriptionRows } from './prescriptions.report';
import { unmetNeedRows } from './unmet-need.report';

const summary = (age: number, prescriptions: [string, string, string | null][]): ReferralSummary =>
  ({
    ageAtReferral: age,
    prescriptions: prescriptions.map(([serviceId, prescribedAt, uptake], i) => ({
      prescriptionId: `p${i}`,
      serviceId,
      prescribedAt,
      uptake,
    })),
  }) as unknown as ReferralSummary;

const services = new Map([
  ['club', { name: 'Football club', terms: [{ id: 'football', name: 'Football', taxonomy: 'OpenActive' }] }],
  ['choir', { name: 'Choir', terms: [] }],
]);

describe('prescriptionRows', () => {
  const referrals = [
    summary(12, [
      ['club', '2026-11-02T10:00:00.000Z', 'attended'],
      ['choir', '2026-11-03T10:00:00.000Z', null],
    ]),
    summary(8, [
      ['club', '2026-11-04T10:00:00.000Z', 'did_not_attend'],
      ['club', '2026-10-31T23:59:59.999Z', 'attended'],
    ]),
    summary(17, [['gone', '2026-11-30T23:59:59.999Z', 'still_attending']]),
  ];

  it('counts the prescriptions made in the window by service, term and age band, with the uptake rate of those recorded', () => {
    const rows = prescriptionRows(referrals, '2026-11-01', '2026-11-30', services, SUPPRESSION.none);
    expect(rows.overall).toMatchObject({
      prescriptions: 4,
      attended: 1,
      didNotAttend: 1,
      stillAttending: 1,
      awaitingUptake: 1,
      uptakePct: 66.7,
    });
    expect(rows.byService.map((r) => [r.group, r.name, r.prescriptions, r.uptakePct])).toEqual([
      ['choir', 'Choir', 1, null],
      ['club', 'Football club', 2, 50],
      ['gone', 'not in the directory', 1, 100],
    ]);
    expect(rows.byTaxonomyTerm).toEqual([
      expect.objectContaining({
        group: 'football',
        name: 'Football',
        taxonomy: 'OpenActive',
        prescriptions: 2,
      }),
    ]);
    expect(rows.byAgeBand.map((r) => [r.group, r.prescriptions])).toEqual([
      ['11-15', 2],
      ['16-19', 1],
      ['5-10', 1],
    ]);
  });

  it('suppresses small counts and the rates built on them, never showing them as zero', () => {
    const rows = prescriptionRows(referrals, '2026-11-01', '2026-11-30', services, SUPPRESSION['under-5']);
    expect(rows.overall).toMatchObject({
      prescriptions: null,
      attended: null,
      uptakePct: null,
      suppressed: true,
      declined: 0,
    });
  });
});

describe('unmetNeedRows', () => {
  it('counts referrals per reason and age band, those without a service and those not located', () => {
    const cases = [
      { reason: 'anxiety', ageBand: '11-15', located: true, met: true },
      { reason: 'anxiety', ageBand: '11-15', located: false, met: false },
      { reason: 'bereavement', ageBand: '5-10', located: true, met: false },
    ];
    expect(unmetNeedRows(cases, SUPPRESSION.none)).toEqual([
      {
        reason: 'anxiety',
        ageBand: '11-15',
        referrals: 2,
        withoutService: 1,
        withoutServicePct: 50,
        notLocated: 1,
        suppressed: false,
      },
      {
        reason: 'bereavement',
        ageBand: '5-10',
        referrals: 1,
        withoutService: 1,
        withoutServicePct: 100,
        notLocated: 0,
        suppressed: false,
      },
    ]);
    expect(unmetNeedRows(cases, SUPPRESSION['nhs-secondary-care'])[0]).toMatchObject({
      referrals: null,
      withoutServicePct: null,
      notLocated: null,
      suppressed: true,
    });
  });
});
