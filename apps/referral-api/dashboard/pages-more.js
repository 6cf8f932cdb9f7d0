// The "Equity", "Outcomes" and "Service" pages. Only the Service page (service managers) calls the
// caseloads and the triage queue, and from the queue it shows counts and the oldest wait, never a name.
(function () {
  'use strict';
  const D = (window.Dash = window.Dash || {});
  const el = D.el;
  const PAGES = (D.PAGES = D.PAGES || {});

  const EQUITY = {
    report: 'equity',
    chart: 'bar',
    horizontal: true,
    unit: '%',
    yTitle: 'Per cent',
    series: [
      { field: 'sharePct', label: 'Share of referrals' },
      { field: 'declinedPct', label: 'Declined' },
      { field: 'fourWeekMetPct', label: 'Helped within 4 weeks' },
    ],
    columns: [
      { field: 'referrals', heading: 'Referrals' },
      { field: 'sharePct', heading: 'Share of referrals (%)' },
      { field: 'declined', heading: 'Declined' },
      { field: 'declinedPct', heading: 'Declined (%)' },
      { field: 'fourWeekPathways', heading: 'Judged against the 4-week standard' },
      { field: 'fourWeekMet', heading: 'Helped within 4 weeks' },
      { field: 'fourWeekMetPct', heading: 'Helped within 4 weeks (%)' },
    ],
  };
  const EQUITY_FIGURES = [
    ['equity-by-source', 'bySource', 'source', 'Referral source', 'referral source'],
    ['equity-by-age-band', 'byAgeBand', 'ageBand', 'Age at referral', 'age at referral'],
    ['equity-by-gender', 'byGender', 'gender', 'Gender', 'gender'],
    ['equity-by-ethnicity', 'byEthnicity', 'ethnicity', 'Ethnic group', 'ethnic group'],
  ].map(([id, breakdown, kind, groupHeading, by]) =>
    Object.assign({}, EQUITY, {
      id,
      breakdown,
      kind,
      groupHeading,
      title: `Referrals, declines and the 4-week standard by ${by}`,
    }),
  );

  PAGES.equity = {
    title: 'Equity',
    filters: ['period'],
    requests: (q) => ({ equity: D.reportUrl('/v1/reports/equity', q) }),
    render(data, q) {
      const csv = D.apiCsv('equity', q, D.reportUrl('/v1/reports/equity', q));
      const figures = EQUITY_FIGURES.map((spec) => ({
        spec,
        src: D.source(data.equity[spec.breakdown], data.equity, csv),
      }));
      return { summary: equitySummary(data.equity, q), figures };
    },
  };

  function equitySummary(answer, q) {
    const p = answer.suppression;
    const all = answer.overall;
    const under16 = answer.under16;
    return D.summary({
      highlight: el(
        'p',
        { class: 'dash-stat', 'data-summary': 'under-16-share' },
        el('span', { class: 'dash-stat__value', text: `Under 16: ${D.say(under16.sharePct, '%', p)}` }),
        ' of referrals',
      ),
      lead:
        `In ${D.periodLabel(q.params.period)}: referrals ${D.say(all.referrals, '', p)}; ` +
        `declined ${D.say(all.declinedPct, '%', p)}; helped within 4 weeks ${D.say(all.fourWeekMetPct, '%', p)}.`,
      items: [
        ['Referrals', D.shown(all.referrals, '', p)],
        ['Referrals under 16', D.shown(under16.referrals, '', p)],
        ['Declined', D.shown(all.declinedPct, '%', p)],
        ['Helped within 4 weeks', D.shown(all.fourWeekMetPct, '%', p)],
      ],
    });
  }

  const OUTCOME_FIELDS = [
    'referralsPaired',
    'reliableImprovement',
    'noReliableChange',
    'reliableDeterioration',
  ];
  const OUTCOMES = {
    report: 'outcomes',
    chart: 'bar',
    stacked: true,
    yTitle: 'Referrals with a first and last score',
    attrs: (row) => ({ 'data-measure': row.measure, 'data-rater': row.rater }),
    series: [
      { field: 'reliableImprovement', label: 'Reliable improvement', colour: '#007f3b' },
      { field: 'noReliableChange', label: 'No reliable change', colour: '#425563' },
      { field: 'reliableDeterioration', label: 'Reliable deterioration', colour: '#d5281b' },
    ],
    columns: [
      { field: 'referralsPaired', heading: 'Referrals with a first and last score' },
      { field: 'reliableImprovement', heading: 'Reliable improvement' },
      { field: 'noReliableChange', heading: 'No reliable change' },
      { field: 'reliableDeterioration', heading: 'Reliable deterioration' },
    ],
  };
  const OUTCOME_FIGURES = [
    Object.assign({}, OUTCOMES, {
      id: 'outcomes-by-measure',
      title: 'Reliable change by measure and rater',
      breakdown: 'measures',
      groupHeading: 'Measure and rater',
      label: (row) => `${D.groupLabel('measure', row.measure)}, ${D.groupLabel('rater', row.rater)}`,
    }),
    Object.assign({}, OUTCOMES, {
      id: 'outcomes-per-referral',
      title: 'Reliable change per referral, over all its measures',
      breakdown: 'referrals',
      kind: 'any',
      groupHeading: 'Referrals',
    }),
  ];

  PAGES.outcomes = {
    title: 'Outcomes',
    filters: ['period'],
    requests: (q) => ({ outcomes: D.reportUrl('/v1/reports/outcomes', q) }),
    render(data, q) {
      const answer = data.outcomes;
      // The API has no CSV of outcomes: the download is the figures the tables show.
      const rows = ['measures', 'referrals'].flatMap((b) =>
        answer[b].map((r) => Object.assign({ breakdown: b }, r)),
      );
      const paths = ['breakdown', 'group', 'measure', 'rater', ...OUTCOME_FIELDS];
      const csv = { name: `outcomes-${q.params.period}.csv`, text: () => D.csvText(paths, rows) };
      const figures = OUTCOME_FIGURES.map((spec) => ({
        spec,
        src: D.source(answer[spec.breakdown], answer, csv),
      }));
      return { summary: outcomesSummary(answer, q), figures };
    },
  };

  function outcomesSummary(answer, q) {
    const p = answer.suppression;
    const all = answer.referrals.find((r) => r.group === 'all') || answer.referrals[0];
    if (!all)
      return D.summary({
        lead: `No referral had a first and last score in ${D.periodLabel(q.params.period)}.`,
      });
    return D.summary({
      lead:
        `In ${D.periodLabel(q.params.period)}: ${D.say(all.referralsPaired, '', p)} referrals had a first and last score; ` +
        `over all their measures, ${D.say(all.reliableImprovement, '', p)} showed reliable improvement.`,
      items: [
        ['Referrals with a first and last score', D.shown(all.referralsPaired, '', p)],
        ['Reliable improvement', D.shown(all.reliableImprovement, '', p)],
        ['No reliable change', D.shown(all.noReliableChange, '', p)],
        ['Reliable deterioration', D.shown(all.reliableDeterioration, '', p)],
      ],
    });
  }

  const CASELOADS = {
    id: 'caseloads',
    title: 'Caseload per link worker',
    report: 'caseloads',
    breakdown: 'linkWorkers',
    groupHeading: 'Link worker',
    chart: 'bar',
    yTitle: 'Referrals',
    key: (row) => row.linkWorkerId,
    label: (row) => row.linkWorkerId,
    series: [
      { field: 'counts.active', label: 'Active' },
      { field: 'counts.accepted', label: 'Accepted, not yet active' },
    ],
    columns: [
      { field: 'counts.accepted', heading: 'Accepted' },
      { field: 'counts.active', heading: 'Active' },
      { field: 'counts.total', heading: 'Total' },
    ],
  };

  const PRESCRIPTIONS = {
    id: 'prescriptions-by-service',
    title: 'Social prescriptions and uptake by service',
    report: 'prescriptions',
    breakdown: 'byService',
    groupHeading: 'Service',
    chart: 'bar',
    horizontal: true,
    yTitle: 'Prescriptions',
    label: (row) => row.name || row.group,
    series: [
      { field: 'prescriptions', label: 'Prescriptions' },
      { label: 'Attended or still attending', value: attendedOrAttending },
    ],
    columns: [
      { field: 'prescriptions', heading: 'Prescriptions' },
      { field: 'attended', heading: 'Attended' },
      { field: 'stillAttending', heading: 'Still attending' },
      { field: 'didNotAttend', heading: 'Did not attend' },
      { field: 'declined', heading: 'Declined' },
      { field: 'awaitingUptake', heading: 'Awaiting uptake' },
      { field: 'uptakePct', heading: 'Uptake (%)' },
    ],
  };

  function attendedOrAttending(row) {
    const parts = [row.attended, row.stillAttending];
    return parts.every((n) => typeof n === 'number') ? parts[0] + parts[1] : null;
  }

  PAGES.service = {
    title: 'Service',
    filters: ['period'],
    managersOnly: true,
    requests: (q) => ({
      caseloads: {
        url: '/v1/caseloads',
        headers: { 'X-Purpose': 'Dashboard: caseload counts per link worker' },
      },
      queue: {
        url: '/v1/referrals/queue?limit=1',
        headers: { 'X-Purpose': 'Dashboard: triage queue size and oldest wait (no names shown)' },
      },
      prescriptions: D.reportUrl('/v1/reports/prescriptions', q),
    }),
    render(data, q) {
      const workers = data.caseloads.linkWorkers;
      const paths = ['linkWorkerId', 'counts.accepted', 'counts.active', 'counts.total'];
      const caseloadCsv = {
        name: `caseloads-${new Date().toISOString().slice(0, 10)}.csv`,
        text: () => D.csvText(paths, workers),
      };
      const url = D.reportUrl('/v1/reports/prescriptions', q);
      const answer = data.prescriptions;
      const figures = [
        { spec: CASELOADS, src: { rows: workers, policy: undefined, csv: caseloadCsv } },
        { spec: PRESCRIPTIONS, src: D.source(answer.byService, answer, D.apiCsv('prescriptions', q, url)) },
      ];
      return { summary: queueCard(data.queue), figures };
    },
  };

  /** The triage queue as counts only: how many wait, how many are urgent, and the oldest wait in days. */
  function queueCard(queue) {
    const days = queue.oldestReceivedAt ? D.daysSince(queue.oldestReceivedAt) : null;
    const oldest =
      days === null
        ? 'Nothing is waiting for triage.'
        : `Oldest referral has waited ${days} ${days === 1 ? 'day' : 'days'} (received ${D.dateLabel(queue.oldestReceivedAt)}).`;
    const item = (key, value) =>
      el(
        'div',
        { class: 'nhsuk-summary-list__row' },
        el('dt', { class: 'nhsuk-summary-list__key', text: key }),
        el('dd', { class: 'nhsuk-summary-list__value', text: value }),
      );
    return el(
      'div',
      { class: 'nhsuk-card dash-queue', 'data-summary': 'triage-queue' },
      el(
        'div',
        { class: 'nhsuk-card__content' },
        el('h2', { class: 'nhsuk-card__heading', text: 'Triage queue' }),
        el(
          'dl',
          { class: 'nhsuk-summary-list' },
          item('Waiting for triage', queue.total.toLocaleString('en-GB')),
          item('Urgent', queue.urgent.toLocaleString('en-GB')),
          item('Teams', (queue.teams || []).join(', ') || 'None'),
        ),
        el('p', { class: 'nhsuk-card__description', 'data-summary': 'oldest-wait', text: oldest }),
      ),
    );
  }
})();
