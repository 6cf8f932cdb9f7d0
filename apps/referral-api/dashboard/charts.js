// Chart.js drawing (no animation, gaps for suppressed figures, NHS colours, shapes as well as colours)
// and the "Download CSV" button: the API's own CSV, or the table's figures for reports without one.
(function () {
  'use strict';
  const D = (window.Dash = window.Dash || {});
  const el = D.el;

  function setDefaults() {
    if (!window.Chart) return;
    window.Chart.defaults.color = D.TEXT;
    window.Chart.defaults.font.family = "'Frutiger W01', Arial, sans-serif";
    window.Chart.defaults.font.size = 14;
    window.Chart.defaults.borderColor = '#d8dde0';
  }

  let styled = false;

  /** Draws a figure's chart on its canvas (nothing when Chart.js did not load: the table still shows it all). */
  function chart(canvas, spec, src) {
    if (!window.Chart) return null;
    if (!styled) setDefaults();
    styled = true;
    const instance = new window.Chart(canvas, {
      type: spec.chart,
      data: {
        labels: src.rows.map((row) =>
          spec.kind === 'month' ? D.monthShort(row.group) : D.labelOf(spec, row),
        ),
        datasets: spec.series.map((series, i) => dataset(spec, series, i, src.rows)),
      },
      options: options(spec, src),
    });
    D.charts.push(instance);
    return instance;
  }

  function dataset(spec, series, index, rows) {
    const colour = series.colour || D.PALETTE[index % D.PALETTE.length];
    const line = (series.type || spec.chart) === 'line';
    return Object.assign(series.type ? { type: series.type } : {}, {
      label: series.label,
      data: rows.map((row) => D.valueOf(series, row)),
      spanGaps: false,
      borderColor: line ? colour : D.TEXT,
      backgroundColor: colour,
      borderWidth: line ? 3 : 1,
      borderDash: series.dash ? [8, 6] : [],
      pointStyle: series.reference ? 'line' : D.POINTS[index % D.POINTS.length],
      pointRadius: series.reference ? 0 : 4,
      fill: false,
      order: series.reference ? 0 : 1,
    });
  }

  function options(spec, src) {
    const [category, value] = spec.horizontal ? ['y', 'x'] : ['x', 'y'];
    return {
      indexAxis: category,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      spanGaps: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, padding: 16 } },
        tooltip: { callbacks: { label: (item) => tooltip(item, spec, src) } },
      },
      scales: {
        [category]: {
          stacked: Boolean(spec.stacked),
          grid: { display: false },
          ticks: { autoSkip: true, maxRotation: 50 },
        },
        [value]: {
          stacked: Boolean(spec.stacked),
          beginAtZero: true,
          max: spec.unit === '%' ? 100 : undefined,
          title: { display: Boolean(spec.yTitle), text: spec.yTitle },
          ticks: { precision: 0 },
        },
      },
    };
  }

  function tooltip(item, spec, src) {
    const series = spec.series[item.datasetIndex];
    return `${item.dataset.label}: ${D.say(item.raw, series.unit || spec.unit, src.policy)}`;
  }

  /** "Download CSV" for a figure's report; csv is { name, url } (the API's CSV) or { name, text() }. */
  function csvButton(csv, titleId) {
    const button = el('button', {
      type: 'button',
      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
      'aria-describedby': titleId,
      'data-csv': csv.name,
      text: 'Download CSV',
    });
    button.addEventListener('click', () => download(csv, button));
    return button;
  }

  async function download(csv, button) {
    const slot = button.parentElement;
    const previous = slot.querySelector('.dash-figure__error');
    if (previous) previous.remove();
    try {
      const blob = csv.url
        ? await D.api(csv.url, { accept: 'text/csv' })
        : new Blob([csv.text()], { type: 'text/csv;charset=utf-8' });
      save(blob, csv.name);
    } catch (error) {
      if (error.kind !== 'signed-out') slot.append(downloadError(error));
    }
  }

  /** Hands a Blob to the browser as a download through a temporary link. */
  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function downloadError(error) {
    const why =
      error.kind === 'problem' && error.problem.detail
        ? error.problem.detail
        : 'The dashboard could not reach the service. Try again.';
    return el(
      'p',
      { class: 'nhsuk-error-message dash-figure__error', role: 'alert' },
      el('span', { class: 'nhsuk-u-visually-hidden', text: 'Error: ' }),
      `The CSV could not be downloaded. ${why}`,
    );
  }

  /** CSV of some rows by dotted paths (for reports the API has no CSV for); a withheld figure is an empty cell. */
  function csvText(paths, rows) {
    const quote = (value) => {
      if (value === null || value === undefined) return '';
      const text = typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : String(value);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const lines = rows.map((row) => paths.map((path) => quote(D.at(row, path))).join(','));
    return [paths.join(','), ...lines].join('\n') + '\n';
  }

  /** Forgets every chart drawn (before a page is drawn again). */
  function destroyCharts() {
    while (D.charts.length) D.charts.pop().destroy();
  }

  Object.assign(D, { chart, csvButton, csvText, destroyCharts });
})();
