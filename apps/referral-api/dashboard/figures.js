// One builder for every figure: title, written description, Chart.js canvas, "Show table" toggle,
// "Download CSV" and the table behind the chart (the DOM contract the browser tests read).
(function () {
  'use strict';
  const D = (window.Dash = window.Dash || {});
  const el = D.el;

  // NHS palette, each at least 3:1 against white; orange only as a bar fill, always with a dark border.
  const PALETTE = ['#005eb8', '#330072', '#007f3b', '#d5281b', '#003087', '#ed8b00'];
  const POINTS = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'];
  const TEXT = '#212b32';
  const charts = [];

  /** A value by a dotted path within a row: at(row, 'completed.medianDays'). */
  const at = (row, path) =>
    path.split('.').reduce((v, k) => (v === null || v === undefined ? undefined : v[k]), row);
  const valueOf = (series, row) => (series.value ? series.value(row) : at(row, series.field));
  const keyOf = (spec, row) => (spec.key ? spec.key(row) : row.group);
  const labelOf = (spec, row) => (spec.label ? spec.label(row) : D.groupLabel(spec.kind, row.group));
  const lowerFirst = (text) => text.charAt(0).toLowerCase() + text.slice(1);
  const withheld = (policy) => Boolean(policy) && policy !== 'none';

  /** The figure for a spec over a source { rows, policy, csv }: { node, draw } (draw once it is in the page). */
  function figure(spec, src) {
    const ids = { title: `${spec.id}-title`, desc: `${spec.id}-description`, table: `${spec.id}-table` };
    const canvas = el(
      'canvas',
      { role: 'img', 'aria-label': spec.title, 'aria-describedby': ids.desc },
      'Chart: see the table',
    );
    const box = el('div', { class: 'dash-chart' }, canvas);
    // Horizontal bars need room for every group's bars (CSSOM, which the CSP allows; never a style attribute).
    if (spec.horizontal)
      box.style.height = `${Math.max(320, src.rows.length * spec.series.length * 16 + 120)}px`;
    const tables = el(
      'div',
      { class: 'dash-table', id: ids.table, hidden: true },
      tableBlock(spec, src),
      key(src.policy),
    );
    const node = el(
      'figure',
      { class: 'dash-figure', 'data-figure': spec.id },
      el(
        'figcaption',
        {},
        el('h2', { class: 'nhsuk-heading-m dash-figure__title', id: ids.title, text: spec.title }),
      ),
      el('p', { class: 'nhsuk-body-s dash-figure__description', id: ids.desc, text: describe(spec, src) }),
      box,
      el(
        'div',
        { class: 'dash-figure__actions' },
        toggle(tables, ids.title),
        D.csvButton(src.csv, ids.title),
      ),
      tables,
    );
    return { node, draw: () => D.chart(canvas, spec, src) };
  }

  /** "Show table" / "Hide table": the table is always in the page, hidden until asked for. */
  function toggle(tables, titleId) {
    const button = el('button', {
      type: 'button',
      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
      'aria-expanded': 'false',
      'aria-controls': tables.id,
      'aria-describedby': titleId,
      text: 'Show table',
    });
    button.addEventListener('click', () => {
      const open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? 'Hide table' : 'Show table';
      tables.hidden = !open;
      tables.closest('.dash-figure').classList.toggle('dash-figure--open', open);
    });
    return button;
  }

  function tableBlock(spec, src) {
    const captionId = `${spec.id}-caption`;
    return el(
      'div',
      {
        class: 'nhsuk-table-container dash-table__scroll',
        tabindex: '0',
        role: 'region',
        'aria-labelledby': captionId,
      },
      table(spec, src, captionId),
    );
  }

  /** The table: a row per API row (data-group), a cell per figure (data-field), suppressed cells marked. */
  function table(spec, src, captionId) {
    const header = (text, numeric) =>
      el('th', {
        scope: 'col',
        class: `nhsuk-table__header${numeric ? ' nhsuk-table__header--numeric' : ''}`,
        text,
      });
    const rows = src.rows.length ? src.rows.map((row) => tableRow(spec, src, row)) : [emptyRow(spec)];
    return el(
      'table',
      { class: 'nhsuk-table', 'data-report': spec.report, 'data-breakdown': spec.breakdown },
      el('caption', {
        class: 'nhsuk-table__caption nhsuk-table__caption--s',
        id: captionId,
        text: spec.title,
      }),
      el(
        'thead',
        { class: 'nhsuk-table__head' },
        el(
          'tr',
          { class: 'nhsuk-table__row' },
          header(spec.groupHeading),
          spec.columns.map((c) => header(c.heading, true)),
        ),
      ),
      el('tbody', { class: 'nhsuk-table__body' }, rows),
    );
  }

  function tableRow(spec, src, row) {
    const attrs = Object.assign(
      { class: 'nhsuk-table__row', 'data-group': keyOf(spec, row) },
      spec.attrs ? spec.attrs(row) : {},
    );
    return el(
      'tr',
      attrs,
      el('th', { scope: 'row', class: 'nhsuk-table__header', text: labelOf(spec, row) }),
      spec.columns.map((c) => cell(c.field, at(row, c.field), src.policy)),
    );
  }

  function cell(field, value, policy) {
    const shown = D.cellText(value, policy);
    const base = { class: 'nhsuk-table__cell nhsuk-table__cell--numeric', 'data-field': field };
    if (shown.suppressed)
      return el(
        'td',
        Object.assign(base, { class: `${base.class} dash-suppressed`, 'data-suppressed': 'true' }),
        'Suppressed',
      );
    if (shown.none) return el('td', Object.assign(base, { class: `${base.class} dash-none` }), '–');
    return el('td', base, shown.text);
  }

  function emptyRow(spec) {
    return el(
      'tr',
      { class: 'nhsuk-table__row' },
      el('td', {
        class: 'nhsuk-table__cell',
        colspan: spec.columns.length + 1,
        text: 'No figures for this period.',
      }),
    );
  }

  /** The key under every table: what "Suppressed" (and "–") mean. */
  function key(policy) {
    const line = (term, meaning) =>
      el(
        'p',
        { class: 'nhsuk-body-s dash-table__key' },
        el('span', { class: 'dash-table__term', text: term }),
        `: ${meaning}`,
      );
    if (withheld(policy)) return line('Suppressed', 'hidden to protect privacy (small numbers)');
    return line('–', 'no figure (nothing to measure)');
  }

  /** The chart's description in words: the latest or highest figures, and how many are suppressed. */
  function describe(spec, src) {
    if (!src.rows.length) return 'There are no figures for this period.';
    const plotted = spec.series.filter((s) => !s.reference);
    const main = spec.timeSeries ? latest(spec, src, plotted) : highest(spec, src, plotted[0]);
    return [main, spec.note, missing(src, plotted)].filter(Boolean).join(' ');
  }

  function latest(spec, src, series) {
    const row = src.rows[src.rows.length - 1];
    const parts = series.map(
      (s) => `${lowerFirst(s.label)} ${D.say(valueOf(s, row), s.unit || spec.unit, src.policy)}`,
    );
    return `In ${labelOf(spec, row)}: ${parts.join('; ')}.`;
  }

  function highest(spec, src, series) {
    const known = src.rows.filter((row) => typeof valueOf(series, row) === 'number');
    if (!known.length) return `No ${lowerFirst(series.label)} figure can be shown.`;
    const top = known.reduce((a, b) => (valueOf(series, b) > valueOf(series, a) ? b : a));
    const value = D.say(valueOf(series, top), series.unit || spec.unit, src.policy);
    const groups = src.rows.length === 1 ? '1 group' : `${src.rows.length} groups`;
    return `Highest ${lowerFirst(series.label)}: ${labelOf(spec, top)} (${value}), of ${groups}.`;
  }

  function missing(src, series) {
    const total = src.rows.length * series.length;
    const gaps = src.rows.reduce((n, row) => n + series.filter((s) => valueOf(s, row) === null).length, 0);
    if (!gaps) return withheld(src.policy) ? 'No figures are suppressed.' : '';
    const counted = `${gaps} of ${total} ${total === 1 ? 'figure' : 'figures'} ${gaps === 1 ? 'is' : 'are'}`;
    return withheld(src.policy)
      ? `${counted} suppressed to protect privacy and shown as gaps.`
      : `${counted} not available (nothing to measure) and shown as gaps.`;
  }

  Object.assign(D, { figure, at, valueOf, keyOf, labelOf, PALETTE, POINTS, TEXT, charts, withheld });
})();
