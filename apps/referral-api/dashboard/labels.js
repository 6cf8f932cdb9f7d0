// Words for the dashboard: reporting periods (their options and labels), the API's codes as readable
// labels, and numbers as the tables show them (en-GB, "Suppressed" for a withheld figure).
(function () {
  'use strict';
  const D = (window.Dash = window.Dash || {});

  const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const pad = (n) => String(n).padStart(2, '0');

  /** Today as the API counts it (UTC), as { y, m, d }. */
  function today() {
    const now = new Date();
    return { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() };
  }

  const previousMonth = ({ y, m }) => (m === 1 ? { y: y - 1, m: 12 } : { y, m: m - 1 });
  const financialYearOf = ({ y, m }) => (m >= 4 ? y : y - 1);
  const financialYearId = (start) => `FY${start}-${pad((start + 1) % 100)}`;

  /** "FY2026-27" → "April 2026 to March 2027", "2026-Q3" → "July to September 2026", "2026-11" → "November 2026". */
  function periodLabel(id) {
    let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
    if (m) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
    m = /^(\d{4})-Q([1-4])$/.exec(id);
    if (m) return `${MONTHS[(Number(m[2]) - 1) * 3]} to ${MONTHS[(Number(m[2]) - 1) * 3 + 2]} ${m[1]}`;
    m = /^FY(\d{4})-(\d{2})$/.exec(id);
    if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) return `April ${m[1]} to March ${Number(m[1]) + 1}`;
    return id;
  }

  /** "2026-11" → "Nov 2026" (chart axes); anything else as it is. */
  function monthShort(id) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
    return m ? `${MONTHS[Number(m[2]) - 1].slice(0, 3)} ${m[1]}` : String(id);
  }

  /** The last `count` complete calendar quarters, newest first. */
  function lastQuarters(lastMonth, count) {
    let y = lastMonth.y;
    let q = Math.floor(lastMonth.m / 3);
    const ids = [];
    for (let i = 0; i < count; i += 1) {
      if (q === 0) [y, q] = [y - 1, 4];
      ids.push(`${y}-Q${q}`);
      q -= 1;
    }
    return ids;
  }

  function lastMonths(lastMonth, count) {
    const ids = [];
    for (let month = lastMonth, i = 0; i < count; i += 1, month = previousMonth(month))
      ids.push(`${month.y}-${pad(month.m)}`);
    return ids;
  }

  /** The period choices (this financial year and the last, 4 quarters, 12 months) and the default. */
  function periodOptions(now) {
    const day = now || today();
    const lastMonth = previousMonth(day);
    const year = financialYearOf(day);
    return {
      fallback: financialYearId(financialYearOf(lastMonth)),
      groups: [
        { label: 'Financial years', ids: [financialYearId(year), financialYearId(year - 1)] },
        { label: 'Quarters', ids: lastQuarters(lastMonth, 4) },
        { label: 'Months', ids: lastMonths(lastMonth, 12) },
      ],
    };
  }

  /** "2026-09-30" → "30 September 2026". */
  function dateLabel(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
    return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : String(iso || '');
  }

  /** Whole calendar days (UTC) from an ISO date-time to today. */
  function daysSince(iso) {
    const t = today();
    const then = new Date(iso);
    const from = Date.UTC(then.getUTCFullYear(), then.getUTCMonth(), then.getUTCDate());
    return Math.round((Date.UTC(t.y, t.m - 1, t.d) - from) / 86400000);
  }

  const SOURCES = {
    gp: 'GP',
    school: 'School',
    parent_carer: 'Parent or carer',
    self: 'Self-referral',
    camhs: 'CAMHS',
    mhst: 'Mental health support team',
    youth_worker: 'Youth worker',
    community_organisation: 'Community organisation',
    health_visitor: 'Health visitor',
    emergency_department: 'Emergency department',
    social_care: 'Social care',
    other: 'Other',
  };

  /** Readable labels of the API's codes, by what the code is (the same code can mean different things). */
  const LABELS = {
    source: SOURCES,
    ageBand: { other: 'Not recorded' },
    gender: {
      female: 'Female',
      male: 'Male',
      other: 'Other',
      unknown: 'Not known',
      not_recorded: 'Not recorded',
    },
    ethnicity: {
      white: 'White',
      mixed: 'Mixed or multiple',
      asian: 'Asian or Asian British',
      black: 'Black, Black British, Caribbean or African',
      other: 'Other ethnic group',
      not_stated: 'Not stated',
      unclassified: 'Unclassified',
      not_recorded: 'Not recorded',
    },
    pcn: { unknown: 'Not known' },
    referralCount: { 1: '1 referral', 2: '2 referrals', '3+': '3 or more referrals' },
    measure: { YP_CORE: 'YP-CORE', OTHER: 'Other measure', all: 'All measures' },
    rater: {
      young_person: 'young person',
      parent_carer: 'parent or carer',
      practitioner: 'practitioner',
      all: 'any rater',
    },
    any: { all: 'All', under_16: 'Under 16' },
  };

  /** A group's label: months as "April 2026", age bands as "5 to 10", codes through LABELS[kind]. */
  function groupLabel(kind, value) {
    const known = (LABELS[kind] || {})[value] || LABELS.any[value];
    if (known) return known;
    if (kind === 'month') return periodLabel(value);
    if (kind === 'ageBand' && /^\d+-\d+$/.test(value)) return value.replace('-', ' to ');
    return String(value);
  }

  /** How a table shows a figure: en-GB digits; null as "Suppressed" under a disclosure policy, else "–". */
  function cellText(value, policy) {
    if (typeof value === 'number') return { text: value.toLocaleString('en-GB') };
    if (value === null || value === undefined)
      return policy && policy !== 'none' ? { suppressed: true } : { none: true };
    return { text: String(value) };
  }

  /** A figure in a sentence: "23 days", "61.4%", "1,230", or "suppressed" / "not available". */
  function say(value, unit, policy) {
    const shown = cellText(value, policy);
    if (shown.suppressed) return 'suppressed';
    if (shown.none) return 'not available';
    if (unit === '%') return `${shown.text}%`;
    if (unit === 'days' && value === 1) return '1 day';
    return unit ? `${shown.text} ${unit}` : shown.text;
  }

  Object.assign(D, {
    periodOptions,
    periodLabel,
    monthShort,
    dateLabel,
    daysSince,
    groupLabel,
    cellText,
    say,
    SOURCES,
    today,
  });
})();
