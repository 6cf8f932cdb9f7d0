/** Examples of the spells, access and equity reports: a commissioner's quarter under the default policy. */

const spellRow = (group: string, f: (number | null)[]) => {
  const [spells, closed, open, spellReferrals, perSpell, spellWaits, sMedian, sP92] = f;
  const [referrals, referralWaits, rMedian, rP92] = f.slice(8);
  return {
    group,
    spells,
    closed,
    open,
    spellReferrals,
    referralsPerSpell: perSpell,
    spellWaits,
    spellMedianDays: sMedian,
    spellP92Days: sP92,
    referrals,
    referralWaits,
    referralMedianDays: rMedian,
    referralP92Days: rP92,
    suppressed: spells === null,
  };
};

const accessRow = (
  group: string,
  windowFrom: string,
  windowTo: string,
  one: number | null,
  two: number | null,
) => ({
  group,
  windowFrom,
  windowTo,
  atLeastOneContact: one,
  atLeastTwoContacts: two,
  suppressed: one === null,
});

const equityRow = (group: string, f: (number | null)[]) => {
  const [referrals, sharePct, declined, declinedPct, fourWeekPathways, fourWeekMet, fourWeekMetPct] = f;
  return {
    group,
    referrals,
    sharePct,
    declined,
    declinedPct,
    fourWeekPathways,
    fourWeekMet,
    fourWeekMetPct,
    suppressed: referrals === null,
  };
};

const Q3 = { period: '2026-Q3', from: '2026-07-01', to: '2026-09-30', suppression: 'nhs-secondary-care' };
export const SPELLS_EXAMPLE = {
  ...Q3,
  asOf: '2026-09-30',
  measure: 'help_started',
  overall: spellRow('all', [120, 45, 75, 135, 1.12, 80, 27, 64, 130, 85, 24, 58]),
  byMonth: [
    spellRow('2026-07', [45, 30, 15, 55, 1.2, 35, 29, 66, 50, 35, 25, 60]),
    spellRow('2026-08', [40, 10, 30, 45, 1.1, 30, 26, 61, 40, 30, 23, 55]),
    spellRow('2026-09', [35, null, 30, 35, 1.03, 15, 21, null, 40, 20, 19, null]),
  ],
  byReferralCount: [
    spellRow('1', [105, 40, 65, 105, 1, 70, 26, 62, 105, 70, 24, 57]),
    spellRow('2', [15, null, 10, 30, 2, 10, 41, null, 20, 15, 22, null]),
    spellRow('3+', [null, 0, null, null, null, null, null, null, null, null, null, null]),
  ],
};

export const ACCESS_EXAMPLE = {
  ...Q3,
  overall: accessRow('all', '2025-10-01', '2026-09-30', 410, 325),
  byMonth: [
    accessRow('2026-07', '2025-08-01', '2026-07-31', 385, 300),
    accessRow('2026-08', '2025-09-01', '2026-08-31', 395, 315),
    accessRow('2026-09', '2025-10-01', '2026-09-30', 410, 325),
  ],
  byPcn: [
    accessRow('U12345', '2025-10-01', '2026-09-30', 230, 185),
    accessRow('unknown', '2025-10-01', '2026-09-30', null, null),
  ],
  byAgeBand: [
    accessRow('5-10', '2025-10-01', '2026-09-30', 95, 70),
    accessRow('11-15', '2025-10-01', '2026-09-30', 220, 180),
    accessRow('16-17', '2025-10-01', '2026-09-30', 95, 75),
  ],
};

export const EQUITY_EXAMPLE = {
  ...Q3,
  asOf: '2026-09-30',
  overall: equityRow('all', [310, 100, 35, 11.3, 240, 150, 62.8]),
  under16: equityRow('under_16', [215, 69.4, 25, 11.6, 170, 110, 64.1]),
  bySource: [
    equityRow('gp', [95, 30.6, 15, 14.7, 70, 40, 57.1]),
    equityRow('self', [null, null, 0, null, null, null, null]),
  ],
  byAgeBand: [equityRow('11-15', [150, 48.4, 20, 12.7, 115, 75, 65.2])],
  byGender: [equityRow('female', [170, 54.8, 20, 11.2, 130, 85, 64.6])],
  byEthnicity: [equityRow('not_recorded', [120, 38.7, 15, 12.1, 95, 60, 63.8])],
};
