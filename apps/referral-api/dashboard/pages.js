// The report pages' shared helpers, and the "Waiting times" and "Spells and access" pages: which API
// calls each makes (the filters as query parameters) and the figures drawn from the answers.
(function () {
  'use strict';
  const D = (window.Dash = window.Dash || {});
  const el = D.el;
  const PAGES = (D.PAGES = D.PAGES || {});

  /** The service's target share helped within 4 weeks: the dashed reference line on the waits page. */
  const STANDARD_PCT = 95;

  /** An API URL: every filter of the page's address (unknown ones too, so the API names them), then `fixed`. */
  const reportUrl = (path, q, fixed) => D.withQuery(path, Object.assign({}, q.params, fixed || {}));

  /** What a figure is drawn from: the rows, the disclosure policy they were published under, and the CSV. */
  const source = (rows, answer, csv) => ({ rows: rows || [], policy: answer.suppression, csv });
  const apiCsv = (report, q, url) => ({ name: `${report}-${q.params.period}.csv`, url });

  /** A figure in a summary list: "1,230", "23 days", "Suppressed" or "Not available". */
  const shown = (value, unit, policy) => {
    const text = D.say(value, unit, policy);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };

  /** The page's summary in words at the top: a heading, a sentence, an optional highlight, an NHS summary list. */
  function summary(parts) {
    const rows = (parts.items || []).map(([key, value]) =>
      el(
        'div',
        { class: 'nhsuk-summary-list__row' },
        el('dt', { class: 'nhsuk-summary-list__key', text: key }),
        el('dd', { class: 'nhsuk-summary-list__value', text: value }),
      ),
    );
    return el(
      'section',
      { class: 'dash-summary', 'aria-labelledby': 'summary-title' },
      el('h2', { class: 'nhsuk-heading-m', id: 'summary-title', text: parts.heading || 'Summary' }),
      parts.highlight || null,
      el('p', { class: 'nhsuk-body', text: parts.lead }),
      rows.length ? el('dl', { class: 'nhsuk-summary-list dash-summary__list' }, rows) : null,
    );
  }

  const MEASURES = {
    help_started: 'Referral to help (4-week standard)',
    acceptance: 'Referral to acceptance',
    first_contact: 'Referral to first contact',
    second_contact: 'Referral to second contact',
  };

  /** The clock a wait runs to, in a sentence. */
  const CLOCKS = {
    help_started: 'from referral to help',
    acceptance: 'from referral to acceptance',
    first_contact: 'from referral to first contact',
    second_contact: 'from referral to second contact',
  };

  const WAITS = {
    report: 'waiting-times',
    breakdown: 'rows',
    kind: 'month',
    groupHeading: 'Month',
    timeSeries: true,
  };
  const WAIT_FIGURES = [
    Object.assign({}, WAITS, {
      id: 'waits-median-p92',
      title: 'Median and 92nd percentile wait by month (completed)',
      chart: 'line',
      unit: 'days',
      yTitle: 'Days',
      series: [
        { field: 'completed.medianDays', label: 'Median wait' },
        { field: 'completed.p92Days', label: '92nd percentile wait', dash: true },
      ],
      columns: [
        { field: 'completed.count', heading: 'Completed' },
        { field: 'completed.medianDays', heading: 'Median wait (days)' },
        { field: 'completed.p92Days', heading: '92nd percentile wait (days)' },
      ],
    }),
    Object.assign({}, WAITS, {
      id: 'waits-completed-waiting',
      title: 'Completed and still waiting by month',
      chart: 'bar',
      yTitle: 'Referrals',
      series: [
        { field: 'completed.count', label: 'Completed' },
        { field: 'waiting.count', label: 'Still waiting' },
      ],
      columns: [
        { field: 'referrals', heading: 'Referrals' },
        { field: 'completed.count', heading: 'Completed' },
        { field: 'waiting.count', heading: 'Still waiting' },
        { field: 'waiting.medianDays', heading: 'Median wait so far (days)' },
        { field: 'waiting.over28DaysCount', heading: 'Waiting over 4 weeks' },
      ],
    }),
    Object.assign({}, WAITS, {
      id: 'waits-within-4-weeks',
      title: 'Share helped within 4 weeks',
      chart: 'bar',
      unit: '%',
      yTitle: 'Per cent',
      note: `The dashed line is the service's target: ${STANDARD_PCT}% within 4 weeks.`,
      series: [
        { field: 'completed.within28DaysPct', label: 'Within 4 weeks' },
        {
          label: '4-week standard',
          value: () => STANDARD_PCT,
          type: 'line',
          reference: true,
          dash: true,
          colour: '#d5281b',
        },
      ],
      columns: [
        { field: 'completed.count', heading: 'Completed' },
        { field: 'completed.within28DaysPct', heading: 'Within 4 weeks (%)' },
      ],
    }),
  ];

  PAGES.waits = {
    title: 'Waiting times',
    filters: ['period', 'measure', 'pcn', 'source', 'ageBand'],
    defaults: { measure: 'help_started' },
    measures: MEASURES,
    requests: (q) => ({
      months: reportUrl('/v1/reports/waiting-times', q, { groupBy: 'month' }),
      overall: reportUrl('/v1/reports/waiting-times', q, { groupBy: 'none' }),
    }),
    render(data, q) {
      const url = reportUrl('/v1/reports/waiting-times', q, { groupBy: 'month' });
      const src = source(data.months.rows, data.months, apiCsv('waiting-times', q, url));
      return { summary: waitsSummary(data.overall, q), figures: WAIT_FIGURES.map((spec) => ({ spec, src })) };
    },
  };

  function waitsSummary(answer, q) {
    const row = answer.rows[0];
    const period = D.periodLabel(q.params.period);
    const clock = CLOCKS[q.params.measure] || q.params.measure;
    if (!row) return summary({ lead: `No referrals were received in ${period}.` });
    const p = answer.suppression;
    return summary({
      lead:
        `In ${period}: referrals ${D.say(row.referrals, '', p)}; median wait ${D.say(row.completed.medianDays, 'days', p)} ` +
        `${clock}. Waits as they stood on ${D.dateLabel(answer.asOf)}.`,
      items: [
        ['Referrals received', shown(row.referrals, '', p)],
        ['Completed', shown(row.completed.count, '', p)],
        ['Median wait', shown(row.completed.medianDays, 'days', p)],
        ['92nd percentile wait', shown(row.completed.p92Days, 'days', p)],
        ['Within 4 weeks', shown(row.completed.within28DaysPct, '%', p)],
        ['Still waiting', shown(row.waiting.count, '', p)],
        ['Waiting over 4 weeks', shown(row.waiting.over28DaysCount, '', p)],
      ],
    });
  }

  const ACCESS_SERIES = [
    { field: 'atLeastOneContact', label: 'At least one contact in 12 months' },
    { field: 'atLeastTwoContacts', label: 'At least two contacts in 12 months', dash: true },
  ];
  const ACCESS_COLUMNS = [
    { field: 'atLeastOneContact', heading: 'At least one contact (MHS95 style)' },
    { field: 'atLeastTwoContacts', heading: 'At least two contacts (MHS69 style)' },
  ];
  const ACCESS = { report: 'access', series: ACCESS_SERIES, columns: ACCESS_COLUMNS, yTitle: 'Young people' };
  const ACCESS_FIGURES = [
    Object.assign({}, ACCESS, {
      id: 'access-by-month',
      title: 'Young people with contacts in the 12 months to each month',
      breakdown: 'byMonth',
      kind: 'month',
      groupHeading: '12 months to the end of',
      chart: 'line',
      timeSeries: true,
    }),
    Object.assign({}, ACCESS, {
      id: 'access-by-pcn',
      title: 'Young people with contacts by primary care network (12 months)',
      breakdown: 'byPcn',
      kind: 'pcn',
      groupHeading: 'Primary care network',
      chart: 'bar',
    }),
    Object.assign({}, ACCESS, {
      id: 'access-by-age-band',
      title: 'Young people with contacts by age at contact (12 months)',
      breakdown: 'byAgeBand',
      kind: 'ageBand',
      groupHeading: 'Age',
      chart: 'bar',
    }),
  ];

  const SPELLS = { report: 'spells', kind: 'month', groupHeading: 'Month', timeSeries: true };
  const SPELL_FIGURES = [
    Object.assign({}, SPELLS, {
      id: 'spells-by-month',
      title: 'Referral spells started by month: open and closed',
      breakdown: 'byMonth',
      chart: 'bar',
      yTitle: 'Spells',
      series: [
        { field: 'spells', label: 'Spells started' },
        { field: 'open', label: 'Still open' },
        { field: 'closed', label: 'Closed' },
      ],
      columns: [
        { field: 'spells', heading: 'Spells started' },
        { field: 'open', heading: 'Still open' },
        { field: 'closed', heading: 'Closed' },
        { field: 'referrals', heading: 'Referrals received' },
        { field: 'referralsPerSpell', heading: 'Referrals per spell' },
      ],
    }),
    Object.assign({}, SPELLS, {
      id: 'spells-waits',
      title: 'Median wait per spell and per referral by month',
      breakdown: 'byMonth',
      chart: 'line',
      unit: 'days',
      yTitle: 'Days',
      series: [
        { field: 'spellMedianDays', label: 'Median wait per spell' },
        { field: 'referralMedianDays', label: 'Median wait per referral', dash: true },
      ],
      columns: [
        { field: 'spellWaits', heading: 'Spell waits' },
        { field: 'spellMedianDays', heading: 'Median per spell (days)' },
        { field: 'spellP92Days', heading: '92nd percentile per spell (days)' },
        { field: 'referralWaits', heading: 'Referral waits' },
        { field: 'referralMedianDays', heading: 'Median per referral (days)' },
        { field: 'referralP92Days', heading: '92nd percentile per referral (days)' },
      ],
    }),
    Object.assign({}, SPELLS, {
      id: 'spells-by-referral-count',
      title: 'Referral spells by number of referrals',
      breakdown: 'byReferralCount',
      kind: 'referralCount',
      groupHeading: 'Referrals in the spell',
      timeSeries: false,
      chart: 'bar',
      yTitle: 'Spells',
      series: [{ field: 'spells', label: 'Spells started' }],
      columns: [
        { field: 'spells', heading: 'Spells started' },
        { field: 'open', heading: 'Still open' },
        { field: 'closed', heading: 'Closed' },
        { field: 'spellMedianDays', heading: 'Median wait per spell (days)' },
      ],
    }),
  ];

  PAGES.access = {
    title: 'Spells and access',
    filters: ['period'],
    requests: (q) => ({
      access: reportUrl('/v1/reports/access', q),
      spells: reportUrl('/v1/reports/spells', q, { measure: 'help_started' }),
    }),
    render(data, q) {
      const accessCsv = apiCsv('access', q, reportUrl('/v1/reports/access', q));
      const spellsCsv = apiCsv('spells', q, reportUrl('/v1/reports/spells', q, { measure: 'help_started' }));
      const figures = [
        ...ACCESS_FIGURES.map((spec) => ({
          spec,
          src: source(data.access[spec.breakdown], data.access, accessCsv),
        })),
        ...SPELL_FIGURES.map((spec) => ({
          spec,
          src: source(data.spells[spec.breakdown], data.spells, spellsCsv),
        })),
      ];
      return { summary: accessSummary(data.access, data.spells), figures };
    },
  };

  function accessSummary(access, spells) {
    const a = access.overall;
    const s = spells.overall;
    return summary({
      lead:
        `In the 12 months from ${D.dateLabel(a.windowFrom)} to ${D.dateLabel(a.windowTo)}: ` +
        `${D.say(a.atLeastOneContact, '', access.suppression)} young people had at least one contact and ` +
        `${D.say(a.atLeastTwoContacts, '', access.suppression)} had at least two.`,
      items: [
        ['At least one contact (MHS95 style)', shown(a.atLeastOneContact, '', access.suppression)],
        ['At least two contacts (MHS69 style)', shown(a.atLeastTwoContacts, '', access.suppression)],
        ['Referral spells started', shown(s.spells, '', spells.suppression)],
        ['Referrals per spell', shown(s.referralsPerSpell, '', spells.suppression)],
        ['Median wait per spell', shown(s.spellMedianDays, 'days', spells.suppression)],
        ['Median wait per referral', shown(s.referralMedianDays, 'days', spells.suppression)],
      ],
    });
  }

  Object.assign(D, { reportUrl, source, apiCsv, summary, shown });
})();
